import type { KubeObject } from '../../api/types.ts';
import type { DeploymentSync } from './context.ts';
import { getAllReplicaSetsAndSyncRevision, newRSNewReplicas } from './newrs.ts';
import { syncRolloutStatus } from './progress.ts';
import { cleanupDeployment, deploymentComplete } from './sync.ts';
import { byCreation, filterActive, maxUnavailable, rsReplicas, rsStatus, sumAvailable, sumReplicas } from './util.ts';

/** rolloutRolling: scale the new ReplicaSet up within maxSurge, then old ones down within maxUnavailable. */
export function rolloutRolling(s: DeploymentSync, rsList: KubeObject[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(s, rsList, true);
  const all = () => [...oldRSs.map((rs) => s.fresh(rs)), newRS && s.fresh(newRS)];
  if (reconcileNewReplicaSet(s, all(), newRS!)) return syncRolloutStatus(s, all(), newRS);
  if (reconcileOldReplicaSets(s, all(), filterActive(oldRSs.map((rs) => s.fresh(rs))), s.fresh(newRS!))) return syncRolloutStatus(s, all(), newRS);
  if (deploymentComplete(s.d, s.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, all(), newRS);
}

/** reconcileNewReplicaSet. */
export function reconcileNewReplicaSet(s: DeploymentSync, allRSs: Array<KubeObject | undefined>, newRS: KubeObject): boolean {
  newRS = s.fresh(newRS);
  const want = s.spec.replicas;
  if (rsReplicas(newRS) === want) return false;
  if (rsReplicas(newRS) > want) return s.scaleReplicaSetAndRecordEvent(newRS, want)[0];
  return s.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(s.d, allRSs, newRS))[0];
}

/** reconcileOldReplicaSets: scale down unhealthy old replicas first, then as availability allows. */
export function reconcileOldReplicaSets(s: DeploymentSync, allRSs: Array<KubeObject | undefined>, oldRSs: KubeObject[], newRS: KubeObject): boolean {
  if (sumReplicas(oldRSs) === 0) return false;
  const allPods = sumReplicas(allRSs);
  const minAvailable = s.spec.replicas - maxUnavailable(s.spec);
  const newUnavailable = rsReplicas(newRS) - rsStatus(newRS).availableReplicas;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const [olds, cleaned] = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...olds, newRS], olds);
  return cleaned + scaledDown > 0;
}

function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: KubeObject[], maxCleanup: number): [KubeObject[], number] {
  const olds = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < olds.length; i++) {
    if (total >= maxCleanup) break;
    const rs = olds[i];
    const replicas = rsReplicas(rs);
    if (replicas === 0) continue;
    const available = rsStatus(rs).availableReplicas;
    if (replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    const [, updated] = s.scaleReplicaSetAndRecordEvent(rs, replicas - count);
    total += count;
    olds[i] = updated;
  }
  return [olds, total];
}

function scaleDownOldReplicaSetsForRollingUpdate(s: DeploymentSync, allRSs: KubeObject[], oldRSs: KubeObject[]): number {
  const minAvailable = s.spec.replicas - maxUnavailable(s.spec);
  const available = sumAvailable(allRSs);
  if (available <= minAvailable) return 0;
  const olds = [...oldRSs].sort(byCreation);
  const totalToScale = available - minAvailable;
  let total = 0;
  for (const rs of olds) {
    if (total >= totalToScale) break;
    const replicas = rsReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, totalToScale - total);
    s.scaleReplicaSetAndRecordEvent(rs, replicas - count);
    total += count;
  }
  return total;
}
