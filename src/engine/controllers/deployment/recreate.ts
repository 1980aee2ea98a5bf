import type { KubeObject } from '../../api/types.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import type { DeploymentSync } from './context.ts';
import { getAllReplicaSetsAndSyncRevision } from './newrs.ts';
import { syncRolloutStatus } from './progress.ts';
import { cleanupDeployment, deploymentComplete } from './sync.ts';
import { filterActive, rsReplicas, sumActual } from './util.ts';
import { matchesLabelSelector } from '../../util/labels.ts';

/** rolloutRecreate: scale every old ReplicaSet to zero, wait for their pods to be gone, then scale up the new one. */
export function rolloutRecreate(s: DeploymentSync, rsList: KubeObject[]): void {
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(s, rsList, false);
  const all = () => [...oldRSs.map((rs) => s.fresh(rs)), newRS && s.fresh(newRS)];
  let scaled = false;
  for (const rs of filterActive(oldRSs)) {
    if (rsReplicas(rs) === 0) continue;
    if (s.scaleReplicaSetAndRecordEvent(rs, 0)[0]) scaled = true;
  }
  if (scaled) return syncRolloutStatus(s, all(), newRS);
  if (oldPodsRunning(s, newRS, oldRSs.map((rs) => s.fresh(rs)), rsList)) return syncRolloutStatus(s, all(), newRS);
  if (!newRS) [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(s, rsList, true);
  s.scaleReplicaSetAndRecordEvent(newRS!, s.spec.replicas);
  if (deploymentComplete(s.d, s.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, all(), newRS);
}

/** oldPodsRunning: old ReplicaSets still report pods, or a pod of theirs is not in a terminal phase. */
function oldPodsRunning(s: DeploymentSync, newRS: KubeObject | undefined, oldRSs: KubeObject[], rsList: KubeObject[]): boolean {
  if (sumActual(oldRSs) > 0) return true;
  const index = podIndexFor(s.ctx.store);
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const p of index.owned(rs.metadata.uid!)) {
      if (!matchesLabelSelector(s.spec.selector, p.metadata.labels)) continue;
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
