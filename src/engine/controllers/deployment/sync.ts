import type { KubeObject } from '../../api/types.ts';
import { getCondition, newCondition, removeCondition, setCondition, statusEqual, type DeploymentStatus } from './conditions.ts';
import type { DeploymentSync } from './context.ts';
import { getAllReplicaSetsAndSyncRevision } from './newrs.ts';
import {
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  Reason,
  byCreation,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  filterActive,
  hasProgressDeadline,
  isRollingUpdate,
  maxSurge,
  maxUnavailable,
  roundHalfAway,
  rsReplicas,
  rsStatus,
  specOf,
  sumActual,
  sumAvailable,
  sumReady,
  sumReplicas,
} from './util.ts';

/** calculateStatus: counts from the ReplicaSets and the Available condition. */
export function calculateStatus(s: DeploymentSync, allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined): DeploymentStatus {
  const spec = s.spec;
  const available = sumAvailable(allRSs);
  const total = sumReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: s.d.metadata.generation,
    replicas: sumActual(allRSs),
    updatedReplicas: sumActual([newRS]),
    readyReplicas: sumReady(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  const old = s.status;
  if (old.conditions) status.conditions = old.conditions.map((c) => ({ ...c }));
  if (old.collisionCount !== undefined) status.collisionCount = old.collisionCount;
  if (available >= spec.replicas - maxUnavailable(spec)) {
    setCondition(status, newCondition('Available', 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', s.now()));
  } else {
    setCondition(status, newCondition('Available', 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', s.now()));
  }
  return status;
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export function syncDeploymentStatus(s: DeploymentSync, allRSs: Array<KubeObject | undefined>, newRS: KubeObject | undefined): void {
  const next = calculateStatus(s, allRSs, newRS);
  if (statusEqual(s.status, next)) return;
  s.d.status = next;
  s.writeStatus();
}

/** syncStatusOnly: a Deployment being deleted only gets its status refreshed. */
export function syncStatusOnly(s: DeploymentSync, rsList: KubeObject[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(s, rsList, false);
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
}

/** sync: scaling events and paused Deployments (no rollout progress). */
export function sync(s: DeploymentSync, rsList: KubeObject[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(s, rsList, false);
  scale(s, newRS, oldRSs);
  if (s.spec.paused) cleanupDeployment(s, oldRSs);
  syncDeploymentStatus(s, [...oldRSs.map((rs) => s.fresh(rs)), newRS && s.fresh(newRS)], newRS && s.fresh(newRS));
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(s: DeploymentSync, rsList: KubeObject[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(s, rsList, false);
  for (const rs of filterActive([...oldRSs, newRS])) {
    const v = rs.metadata.annotations?.[DesiredReplicasAnnotation];
    if (v === undefined || !/^-?\d+$/.test(v)) continue;
    if (parseInt(v, 10) !== s.spec.replicas) return true;
  }
  return false;
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
export function checkPausedConditions(s: DeploymentSync): void {
  const spec = s.spec;
  if (!hasProgressDeadline(spec)) return;
  const cond = getCondition(s.status, 'Progressing');
  if (cond?.reason === Reason.TimedOut) return;
  const pausedExists = cond?.reason === Reason.PausedDeploy;
  if (spec.paused && !pausedExists) {
    setCondition(s.status, newCondition('Progressing', 'Unknown', Reason.PausedDeploy, 'Deployment is paused', s.now()));
  } else if (!spec.paused && pausedExists) {
    setCondition(s.status, newCondition('Progressing', 'Unknown', Reason.ResumedDeploy, 'Deployment is resumed', s.now()));
  } else {
    return;
  }
  s.writeStatus();
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort(byCreation).reverse();
  const active = filterActive([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** IsSaturated: the new ReplicaSet has the full size, recorded as desired, and all of it available. */
function isSaturated(s: DeploymentSync, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const v = rs.metadata.annotations?.[DesiredReplicasAnnotation];
  if (v === undefined || !/^-?\d+$/.test(v)) return false;
  const want = s.spec.replicas;
  return rsReplicas(rs) === want && parseInt(v, 10) === want && rsStatus(rs).availableReplicas === want;
}

/** getReplicaSetFraction: this ReplicaSet's share of a resize, from the max-replicas annotation. */
function replicaSetFraction(s: DeploymentSync, rs: KubeObject): number {
  const spec = s.spec;
  if (spec.replicas === 0) return -rsReplicas(rs);
  const newMax = spec.replicas + maxSurge(spec);
  const ann = rs.metadata.annotations?.[MaxReplicasAnnotation];
  let before = ann !== undefined && /^-?\d+$/.test(ann) ? parseInt(ann, 10) : 0;
  if (before === 0) {
    before = s.status.replicas ?? 0;
    if (before === 0) return 0;
  }
  return roundHalfAway((rsReplicas(rs) * newMax) / before) - rsReplicas(rs);
}

function replicaSetProportion(s: DeploymentSync, rs: KubeObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(s, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** scale: resize for a spec.replicas change, proportionally across ReplicaSets in mid-rollout. */
export function scale(s: DeploymentSync, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const spec = s.spec;
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (rsReplicas(s.fresh(only)) === spec.replicas) return;
    s.scaleReplicaSetAndRecordEvent(only, spec.replicas);
    return;
  }
  if (isSaturated(s, newRS)) {
    for (const old of filterActive(oldRSs)) s.scaleReplicaSetAndRecordEvent(old, 0);
    return;
  }
  if (!isRollingUpdate(spec)) return;
  const all = filterActive([...oldRSs, newRS]);
  const current = sumReplicas(all);
  const allowed = spec.replicas > 0 ? spec.replicas + maxSurge(spec) : 0;
  const toAdd = allowed - current;
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const size = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = replicaSetProportion(s, rs, toAdd, added);
      size.set(rs.metadata.name!, rsReplicas(rs) + p);
      added += p;
    } else {
      size.set(rs.metadata.name!, rsReplicas(rs));
    }
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) size.set(rs.metadata.name!, Math.max(0, size.get(rs.metadata.name!)! + toAdd - added));
    s.scaleReplicaSet(rs, size.get(rs.metadata.name!)!);
  });
}

/** cleanupDeployment: delete the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(s: DeploymentSync, oldRSs: KubeObject[]): void {
  const limit = s.spec.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.map((rs) => s.fresh(rs)).filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    const st = rsStatus(rs);
    if (st.replicas !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > st.observedGeneration || rs.metadata.deletionTimestamp) continue;
    try {
      s.ctx.api.delete('replicasets', rs.metadata.namespace, rs.metadata.name!);
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'NotFound') throw e;
    }
  }
}

/** DeploymentComplete: every replica updated, the total right, all available, and the spec observed. */
export function deploymentComplete(d: KubeObject, st: DeploymentStatus): boolean {
  const want = specOf(d).replicas;
  return (st.updatedReplicas ?? 0) === want && (st.replicas ?? 0) === want && (st.availableReplicas ?? 0) === want && (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

export { removeCondition };
