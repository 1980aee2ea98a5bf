import type { KubeObject } from '../../api/types.ts';
import { getCondition, newCondition, removeCondition, setCondition, statusEqual, type DeploymentCondition, type DeploymentStatus } from './conditions.ts';
import type { DeploymentSync } from './context.ts';
import { calculateStatus, deploymentComplete } from './sync.ts';
import { Reason, hasProgressDeadline } from './util.ts';

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
function deploymentProgressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress reported for longer than progressDeadlineSeconds. */
function deploymentTimedOut(s: DeploymentSync, next: DeploymentStatus): boolean {
  if (!hasProgressDeadline(s.spec)) return false;
  const c = getCondition(next, 'Progressing');
  if (!c) return false;
  if (c.reason === Reason.NewRSAvailable) return false;
  if (c.reason === Reason.TimedOut) return true;
  const from = s.ctx.clock.parse(c.lastUpdateTime ?? '');
  return from + s.spec.progressDeadlineSeconds! * 1000 < s.ctx.clock.now();
}

/** ReplicaSetToDeploymentCondition. */
function fromReplicaSetCondition(c: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }): DeploymentCondition {
  return { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
}

function replicaFailures(allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined): DeploymentCondition[] {
  type C = { type: string; status: string };
  const of = (rs: KubeObject | undefined) => (((rs?.status as { conditions?: C[] } | undefined)?.conditions ?? []) as C[]).filter((c) => c.type === 'ReplicaFailure');
  const fromNew = of(newRS).map(fromReplicaSetCondition);
  if (fromNew.length > 0) return fromNew;
  return allRSs.flatMap((rs) => of(rs).map(fromReplicaSetCondition));
}

/** syncRolloutStatus: status plus the Progressing condition (progress, completion, deadline) and ReplicaFailure. */
export function syncRolloutStatus(s: DeploymentSync, allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined): void {
  allRSs = allRSs.map((rs) => rs && s.fresh(rs));
  newRS = newRS && s.fresh(newRS);
  const next = calculateStatus(s, allRSs, newRS);
  const spec = s.spec;
  if (!hasProgressDeadline(spec)) removeCondition(next, 'Progressing');
  const current = getCondition(s.status, 'Progressing');
  const isComplete = next.replicas === next.updatedReplicas && current?.reason === Reason.NewRSAvailable;
  if (hasProgressDeadline(spec) && !isComplete) {
    if (deploymentComplete(s.d, next)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${s.name}" has successfully progressed.`;
      setCondition(next, newCondition('Progressing', 'True', Reason.NewRSAvailable, msg, s.now()));
    } else if (deploymentProgressing(s.status, next)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${s.name}" is progressing.`;
      const c = newCondition('Progressing', 'True', Reason.ReplicaSetUpdated, msg, s.now());
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, 'Progressing');
      }
      setCondition(next, c);
    } else if (deploymentTimedOut(s, next)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${s.name}" has timed out progressing.`;
      setCondition(next, newCondition('Progressing', 'False', Reason.TimedOut, msg, s.now()));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length > 0) setCondition(next, failures[0]);
  else removeCondition(next, 'ReplicaFailure');

  if (statusEqual(s.status, next)) {
    requeueStuckDeployment(s, next);
    return;
  }
  s.d.status = next;
  s.writeStatus();
  // The write's own update event does not bring the Deployment back (controller.ts drops it as a no-op): ask
  // now for what that sync would have asked, the requeue at the progress deadline.
  requeueStuckDeployment(s, next);
}

/** requeueStuckDeployment: come back when the progress deadline would pass. */
function requeueStuckDeployment(s: DeploymentSync, next: DeploymentStatus): void {
  const c = getCondition(s.status, 'Progressing');
  if (!hasProgressDeadline(s.spec) || !c) return;
  if (deploymentComplete(s.d, next) || c.reason === Reason.TimedOut) return;
  const after = s.ctx.clock.parse(c.lastUpdateTime ?? '') + s.spec.progressDeadlineSeconds! * 1000 - s.ctx.clock.now();
  // Under a second: a rate-limited requeue (the workqueue's 5ms base delay) until the deadline passes.
  if (after < 1000) s.requeueAfterMs = Math.max(5, after + 1);
  else s.requeueAfterMs = after + 1000;
}
