/** PDB status helpers shared by the disruption controller and the eviction subresource. */
import type { PDBCondition, PDBStatus } from '../../api/kinds/poddisruptionbudget.ts';
import type { KubeObject } from '../../api/types.ts';

/** DeletionTimeout: an eviction not followed by the pod's deletion within this long is forgotten. */
export const deletionTimeoutMs = 2 * 60 * 1000;

/** meta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
export function setCondition(conds: PDBCondition[], c: Omit<PDBCondition, 'lastTransitionTime'>, now: string): PDBCondition[] {
  const i = conds.findIndex((x) => x.type === c.type);
  if (i < 0) return [...conds, { ...c, lastTransitionTime: now }];
  const old = conds[i];
  const next = { ...old, ...c, lastTransitionTime: old.status === c.status ? old.lastTransitionTime : now };
  return conds.map((x, j) => (j === i ? next : x));
}

/** pdbhelper.UpdateDisruptionAllowedCondition. */
export function disruptionAllowedCondition(st: PDBStatus, now: string): PDBCondition[] {
  const ok = (st.disruptionsAllowed ?? 0) > 0;
  return setCondition(
    st.conditions ?? [],
    {
      type: 'DisruptionAllowed',
      status: ok ? 'True' : 'False',
      reason: ok ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      observedGeneration: st.observedGeneration ?? 0,
    },
    now,
  );
}

/** podutil.IsPodReady. */
export function isPodReady(pod: KubeObject): boolean {
  const conds = (pod.status as { conditions?: Array<{ type?: string; status?: string }> } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}
