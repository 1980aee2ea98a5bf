import type { KubeObject } from '../../api/types.ts';
import type { Revision } from '../history/history.ts';
import type { ControllerContext } from '../types.ts';
import {
  endOrdinal,
  getOrdinal,
  getPodRevision,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newStatefulSetPod,
  podInOrdinalRange,
  setPodRevision,
  setSpec,
  startOrdinal,
  type PodObj,
} from './identity.ts';
import {
  claimsMatchRetentionPolicy,
  createClaims,
  createStatefulPod,
  deleteStatefulPod,
  podClaimIsStale,
  updateClaimsForRetentionPolicy,
  updateStatefulPod,
} from './podcontrol.ts';
import { identityMatches, storageMatches } from './identity.ts';
import { applyRevision } from './revision.ts';

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
}

/** The clock view the algorithm needs: now and timestamp parsing (for minReadySeconds). */
export interface Now {
  now: number;
  parse: (ts: string) => number;
}

/** computeReplicaStatus over the given pod lists. */
export function replicaCounts(status: StatefulSetStatus, minReadySeconds: number, current: string, update: string, t: Now, ...lists: PodObj[][]): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const list of lists) {
    for (const pod of list) {
      if (isCreated(pod)) status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, t.now, t.parse)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = getPodRevision(pod);
        if (rev === current) status.currentReplicas++;
        if (rev === update) status.updatedReplicas++;
      }
    }
  }
}

/** isUnavailable: not available, or terminating. */
const isUnavailable = (pod: PodObj, minReadySeconds: number, t: Now): boolean =>
  !isRunningAndAvailable(pod, minReadySeconds, t.now, t.parse) || isTerminating(pod);

/**
 * newVersionedStatefulSetPod: ordinals below the partition (or, without a rollingUpdate block, below
 * status.currentReplicas) are created at the current revision; the rest at the update revision.
 */
function newVersionedPod(set: KubeObject, currentSet: KubeObject, updateSet: KubeObject, current: string, update: string, ordinal: number): PodObj {
  const st = setSpec(set).updateStrategy ?? {};
  const start = startOrdinal(set);
  const curReplicas = ((set.status ?? {}) as { currentReplicas?: number }).currentReplicas ?? 0;
  const useCurrent =
    (st.type === 'RollingUpdate' && !st.rollingUpdate && ordinal < start + curReplicas) ||
    (!!st.rollingUpdate && ordinal < start + (st.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  setPodRevision(pod, useCurrent ? current : update);
  return pod;
}

/** Run `fn` over `items`: in order, stopping at the first that blocks (monotonic), or all of them (burst). */
function runForAll<T>(items: T[], fn: (x: T) => boolean, monotonic: boolean): { exit: boolean; error?: unknown } {
  if (monotonic) {
    for (const x of items) {
      try {
        if (fn(x)) return { exit: true };
      } catch (e) {
        return { exit: true, error: e };
      }
    }
    return { exit: false };
  }
  // slowStartBatch(1, ...): batches of 1, 2, 4, ... stopping after a batch with an error.
  let i = 0;
  for (let batch = Math.min(1, items.length); batch > 0; batch = Math.min(2 * batch, items.length - i, 500)) {
    let error: unknown;
    for (let k = 0; k < batch; k++, i++) {
      try {
        fn(items[i]);
      } catch (e) {
        error ??= e;
      }
    }
    if (error !== undefined) return { exit: true, error };
  }
  return { exit: false };
}

/**
 * updateStatefulSet (stateful_set_control.go): create missing pods in ordinal order, replace failed ones,
 * scale down from the highest ordinal, then roll the update from the highest ordinal down to the partition,
 * one pod at a time. Returns the status to record and the first error, if any.
 */
export function updateStatefulSet(
  ctx: ControllerContext,
  set: KubeObject,
  current: Revision,
  update: Revision,
  collisionCount: number,
  pods: PodObj[],
  t: Now,
): { status: StatefulSetStatus; error?: unknown } {
  const spec = setSpec(set);
  const minReady = spec.minReadySeconds ?? 0;
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const cur = current.metadata.name!;
  const upd = update.metadata.name!;
  const status: StatefulSetStatus = { replicas: 0, availableReplicas: 0, currentRevision: cur, updateRevision: upd, collisionCount };
  if (set.metadata.generation) status.observedGeneration = set.metadata.generation;
  replicaCounts(status, minReady, cur, upd, t, pods);

  const start = startOrdinal(set);
  const count = spec.replicas ?? 1;
  const replicas: Array<PodObj | undefined> = new Array(count);
  const condemned: PodObj[] = [];
  for (const pod of pods) {
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  for (let ord = start; ord <= endOrdinal(set); ord++) {
    if (!replicas[ord - start]) replicas[ord - start] = newVersionedPod(set, currentSet, updateSet, cur, upd, ord);
  }
  const live = replicas as PodObj[];
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));

  let firstUnavailable: PodObj | undefined;
  for (const p of live) if (!firstUnavailable && isUnavailable(p, minReady, t)) firstUnavailable = p;
  for (let i = condemned.length - 1; i >= 0 && !firstUnavailable; i--) if (isUnavailable(condemned[i], minReady, t)) firstUnavailable = condemned[i];

  if (set.metadata.deletionTimestamp) return { status };
  const monotonic = spec.podManagementPolicy !== 'Parallel';
  const finish = (error?: unknown) => {
    replicaCounts(status, minReady, cur, upd, t, live, condemned);
    return { status, error };
  };

  // Living replicas: replace failed pods, create missing ones, wait for each to be running, ready and available.
  const processReplica = (pod: PodObj): boolean => {
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata.deletionTimestamp) deleteStatefulPod(ctx, set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (podClaimIsStale(ctx, set, pod)) return true;
      createStatefulPod(ctx, set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) {
      createClaims(ctx, set, pod);
      updateClaimsForRetentionPolicy(ctx, set, pod);
    }
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isRunningAndAvailable(pod, minReady, t.now, t.parse) && monotonic) return true;
    if (!isCreated(pod)) return false;
    if (identityMatches(set, pod) && storageMatches(updateSet, pod) && claimsMatchRetentionPolicy(ctx, updateSet, pod)) return false;
    updateStatefulPod(ctx, updateSet, pod);
    return false;
  };
  let r = runForAll(live, processReplica, monotonic);
  if (r.exit || r.error !== undefined) return finish(r.error);

  // Condemned pods: point their claims at the pod when whenScaled=Delete.
  r = runForAll(
    condemned,
    (pod) => {
      if (!claimsMatchRetentionPolicy(ctx, updateSet, pod)) updateClaimsForRetentionPolicy(ctx, updateSet, pod);
      return false;
    },
    monotonic,
  );
  if (r.exit || r.error !== undefined) return finish(r.error);

  // Scale down, highest ordinal first; in order, only once every remaining pod is available.
  const processCondemned = (pod: PodObj): boolean => {
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnavailable) return true;
    if (!isRunningAndAvailable(pod, minReady, t.now, t.parse) && monotonic && pod !== firstUnavailable) return true;
    deleteStatefulPod(ctx, set, pod);
    return true;
  };
  r = runForAll(condemned, processCondemned, monotonic);
  if (r.exit || r.error !== undefined) return finish(r.error);

  replicaCounts(status, minReady, cur, upd, t, live, condemned);
  const strategy = spec.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') return { status };

  // RollingUpdate (MaxUnavailableStatefulSet is off in 1.32): delete the highest-ordinal pod not at the update
  // revision, one at a time, waiting for each replacement to become available; stop at the partition.
  const updateMin = strategy.rollingUpdate?.partition ?? 0;
  for (let target = live.length - 1; target >= updateMin; target--) {
    const pod = live[target];
    if (getPodRevision(pod) !== upd && !isTerminating(pod)) {
      try {
        deleteStatefulPod(ctx, set, pod);
      } catch (e) {
        if ((e as { reason?: string }).reason !== 'NotFound') return { status, error: e };
      }
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return { status };
    }
    if (isUnavailable(pod, minReady, t)) return { status };
  }
  return { status };
}
