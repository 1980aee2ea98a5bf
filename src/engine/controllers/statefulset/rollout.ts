import type { KubeObject } from '../../api/types.ts';
import type { StatefulSetSpecLike } from '../../api/kinds/statefulset.ts';

interface StatefulSetStatusLike {
  observedGeneration?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  currentReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
}

/**
 * StatefulSetStatusViewer.Status (kubectl polymorphichelpers/rollout_status.go): the line `kubectl rollout
 * status` prints and whether the rollout is done. Throws kubectl's error for the OnDelete strategy.
 */
export function statefulSetRolloutStatus(obj: KubeObject): { done: boolean; message: string } {
  const spec = (obj.spec ?? {}) as StatefulSetSpecLike;
  const st = (obj.status ?? {}) as StatefulSetStatusLike;
  if (spec.updateStrategy?.type !== 'RollingUpdate') throw new Error('rollout status is only available for RollingUpdate strategy type');
  if (!st.observedGeneration || (obj.metadata.generation ?? 0) > st.observedGeneration) {
    return { done: false, message: 'Waiting for statefulset spec update to be observed...\n' };
  }
  const replicas = spec.replicas;
  const ready = st.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return { done: false, message: `Waiting for ${replicas - ready} pods to be ready...\n` };
  const updated = st.updatedReplicas ?? 0;
  const ru = spec.updateStrategy.rollingUpdate;
  if (ru) {
    if (replicas !== undefined && ru.partition !== undefined && updated < replicas - ru.partition) {
      return { done: false, message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n` };
    }
    return { done: true, message: `partitioned roll out complete: ${updated} new pods have been updated...\n` };
  }
  if ((st.updateRevision ?? '') !== (st.currentRevision ?? '')) {
    return { done: false, message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...\n` };
  }
  return { done: true, message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...\n` };
}
