import type { KubeObject } from '../../api/types.ts';

interface DaemonSetStatusLike {
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberAvailable?: number;
}

/**
 * DaemonSetStatusViewer.Status (kubectl polymorphichelpers/rollout_status.go): the line `kubectl rollout
 * status` prints and whether the rollout is done. Throws kubectl's error for the OnDelete strategy.
 */
export function daemonSetRolloutStatus(obj: KubeObject): { done: boolean; message: string } {
  const spec = (obj.spec ?? {}) as { updateStrategy?: { type?: string } };
  if (spec.updateStrategy?.type !== 'RollingUpdate') throw new Error('rollout status is only available for RollingUpdate strategy type');
  const st = (obj.status ?? {}) as DaemonSetStatusLike;
  const name = obj.metadata.name;
  if ((obj.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const desired = st.desiredNumberScheduled ?? 0;
    const updated = st.updatedNumberScheduled ?? 0;
    if (updated < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n` };
    const available = st.numberAvailable ?? 0;
    if (available < desired) return { done: false, message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n` };
    return { done: true, message: `daemon set "${name}" successfully rolled out\n` };
  }
  return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
}
