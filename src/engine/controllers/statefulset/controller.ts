import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';

import { adoptOrphanRevisions, listRevisions, sortRevisions } from '../history/history.ts';
import { claimObjects } from '../podcontrol/claim.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import { podOwnerKeys, workloadSelects } from '../podcontrol/ownerkeys.ts';
import { controllerRefOf } from '../podcontrol/pods.ts';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../types.ts';
import { updateStatefulSet, type Now, type StatefulSetStatus } from './control.ts';
import { availableAt, isMemberOf, isRunningAndReady, setSpec, type PodObj } from './identity.ts';
import { getStatefulSetRevisions, truncateHistory } from './revision.ts';

const selectorOf = (set: KubeObject): LabelSelector | undefined => setSpec(set).selector ?? undefined;

const selects = workloadSelects;

/** The StatefulSet controller (pkg/controller/statefulset). */
export function statefulSetController(_rt: ClusterRuntime): Controller {
  let context: ControllerContext | undefined;
  const podKeys = podOwnerKeys('StatefulSet', 'statefulsets', () => context?.store);
  return {
    name: 'statefulset',
    watches: [
      { resource: 'statefulsets', keys: (ev) => [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] },
      { resource: 'pods', keys: podKeys },
    ],
    start(ctx, enqueue) {
      context = ctx;
      podIndexFor(ctx.store);
      for (const s of ctx.store.list('statefulsets')) enqueue(keyOf(s.metadata.namespace, s.metadata.name!));
    },
    reconcile: (key, ctx) => syncStatefulSet(key, ctx),
  };
}

const failures = new Map<string, number>();

/** sync: adopt orphan revisions, claim pods, run the control loop, record status, trim history. */
export function syncStatefulSet(key: string, ctx: ControllerContext): ReconcileResult | void {
  const [ns, name] = splitKey(key);
  const set = ctx.store.get('statefulsets', ns, name);
  if (!set) {
    failures.delete(key);
    return;
  }
  let error: unknown;
  let requeue: number | undefined;
  try {
    requeue = sync(ctx, set);
  } catch (e) {
    error = e;
  }
  if (error !== undefined) {
    const n = (failures.get(key) ?? 0) + 1;
    failures.set(key, n);
    return { requeueAfterMs: Math.min(5 * 2 ** (n - 1), 1_000_000) };
  }
  failures.delete(key);
  if (requeue !== undefined) return { requeueAfterMs: requeue };
}

function sync(ctx: ControllerContext, set: KubeObject): number | undefined {
  const sel = selectorOf(set);
  // adoptOrphanRevisions
  const found = listRevisions(ctx, set, sel);
  if (found.some((r) => !controllerRefOf(r)) && !set.metadata.deletionTimestamp) adoptOrphanRevisions(ctx, set, found);
  const pods = claimPods(ctx, set) as PodObj[];

  const revisions = sortRevisions(listRevisions(ctx, set, sel).filter((r) => controllerRefOf(r)?.uid === set.metadata.uid));
  const t: Now = { now: ctx.clock.now(), parse: (ts) => ctx.clock.parse(ts) };
  const { current, update, collisionCount } = getStatefulSetRevisions(ctx, set, revisions);
  const { status, error } = updateStatefulSet(ctx, set, current, update, collisionCount, pods, t);
  writeStatus(ctx, set, status);
  truncateHistory(ctx, set, pods, revisions, current, update);
  if (error !== undefined) throw error;

  // Resync when a ready pod passes minReadySeconds (the controller enqueues after minReadySeconds).
  const minReady = setSpec(set).minReadySeconds ?? 0;
  if (minReady > 0 && status.availableReplicas !== (setSpec(set).replicas ?? 1)) {
    let next: number | undefined;
    for (const p of pods) {
      if (!isRunningAndReady(p)) continue;
      const at = availableAt(p, minReady, t.now, t.parse);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next !== undefined ? Math.max(1, next - t.now) : undefined;
  }
  return undefined;
}

/** getPodsForStatefulSet: ClaimPods with the selector and the name-based membership filter. */
function claimPods(ctx: ControllerContext, set: KubeObject): KubeObject[] {
  const index = podIndexFor(ctx.store);
  const candidates = [...index.owned(set.metadata.uid!)];
  for (const p of index.orphansIn(set.metadata.namespace ?? '')) if (selects(set, p.metadata.labels) && isMemberOf(set, p)) candidates.push(p);
  return claimObjects(ctx, set, 'pods', candidates, (p) => selects(set, p.metadata.labels) && isMemberOf(set, p));
}

/** updateStatefulSetStatus: completeRollingUpdate, then write when inconsistentStatus. */
function writeStatus(ctx: ControllerContext, set: KubeObject, status: StatefulSetStatus): void {
  const spec = setSpec(set);
  const want = spec.replicas ?? 1;
  if (spec.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  const old = (set.status ?? {}) as StatefulSetStatus;
  const changed =
    (status.observedGeneration ?? 0) > (old.observedGeneration ?? 0) ||
    status.replicas !== (old.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (old.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (old.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (old.currentRevision ?? '') ||
    status.availableReplicas !== (old.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (old.updateRevision ?? '');
  if (!changed) return;
  const next: Record<string, unknown> = { ...(old as object), ...status };
  // omitempty fields
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'observedGeneration'] as const) if (!next[k]) delete next[k];
  for (const k of ['currentRevision', 'updateRevision'] as const) if (!next[k]) delete next[k];
  const cur = ctx.store.get('statefulsets', set.metadata.namespace, set.metadata.name!);
  if (!cur || cur.metadata.uid !== set.metadata.uid) return;
  ctx.api.updateStatus({ ...cur, status: next });
}
