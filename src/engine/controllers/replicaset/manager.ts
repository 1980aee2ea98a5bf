import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { claimObjects } from '../podcontrol/claim.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import { controllerRefOf, createPod, deletePod, isNamespaceTerminating, isPodActive, slowStartBatch } from '../podcontrol/pods.ts';
import { podsToDelete } from '../podcontrol/ranking.ts';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../types.ts';
import { computeStatus, desiredReplicas, statusUnchanged, type ReplicaStatus } from './status.ts';

/** BurstReplicas: at most this many pods are created or deleted per sync. */
export const burstReplicas = 500;
/** SlowStartInitialBatchSize. */
export const slowStartInitialBatchSize = 1;

/** What differs between ReplicaSet (apps/v1) and ReplicationController (v1): the rest is one controller. */
export interface ReplicaKind {
  /** Controller name (for diagnostics). */
  name: string;
  /** Plural resource, the store key. */
  resource: string;
  kind: string;
  /** Event source component. */
  component: string;
  /** Whether the owner's selector selects these labels (a null/empty selector selects nothing). */
  selects(owner: KubeObject, labels: Record<string, string> | undefined): boolean;
}

interface ReplicaSpec {
  replicas?: number;
  minReadySeconds?: number;
  template?: PodTemplateSpec;
}

function specOf(o: KubeObject): ReplicaSpec {
  return (o.spec ?? {}) as ReplicaSpec;
}


export function makeReplicaController(k: ReplicaKind): Controller {
  const podKeys = (ev: StoreEvent, ctx: () => ControllerContext | undefined): string[] => {
    const keys = new Set<string>();
    for (const p of [ev.object, ev.oldObject]) {
      if (!p) continue;
      const ref = controllerRefOf(p);
      if (ref) {
        if (ref.kind === k.kind) keys.add(keyOf(p.metadata.namespace, ref.name));
        continue;
      }
      // An orphan: every owner in the namespace that selects it may adopt it.
      const c = ctx();
      if (!c) continue;
      for (const o of c.store.list(k.resource, p.metadata.namespace)) {
        if (k.selects(o, p.metadata.labels)) keys.add(keyOf(o.metadata.namespace, o.metadata.name!));
      }
    }
    return [...keys];
  };
  let context: ControllerContext | undefined;
  return {
    name: k.name,
    watches: [
      { resource: k.resource, keys: (ev) => [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] },
      { resource: 'pods', keys: (ev) => podKeys(ev, () => context) },
    ],
    start(ctx, enqueue) {
      context = ctx;
      podIndexFor(ctx.store);
      for (const o of ctx.store.list(k.resource)) enqueue(keyOf(o.metadata.namespace, o.metadata.name!));
    },
    reconcile: (key, ctx) => syncReplicas(k, key, ctx),
  };
}

/** syncReplicaSet: claim pods, create or delete to match spec.replicas, then write status. */
export function syncReplicas(k: ReplicaKind, key: string, ctx: ControllerContext): ReconcileResult | void {
  const [ns, name] = splitKey(key);
  const owner = ctx.store.get(k.resource, ns, name);
  if (!owner) return;
  const index = podIndexFor(ctx.store);
  const uid = owner.metadata.uid!;
  const candidates: KubeObject[] = [];
  for (const p of index.owned(uid)) if (isPodActive(p as Pod)) candidates.push(p);
  for (const p of index.orphansIn(ns ?? '')) if (isPodActive(p as Pod)) candidates.push(p);
  const pods = claimObjects(ctx, owner, 'pods', candidates, (p) => k.selects(owner, p.metadata.labels));

  let manageError: Error | undefined;
  if (!owner.metadata.deletionTimestamp) manageError = manageReplicas(k, ctx, owner, pods);

  // Status comes from the pods claimed before this sync acted, as upstream; the pod events requeue us.
  const cur = ctx.store.get(k.resource, ns, name);
  if (!cur || cur.metadata.uid !== uid) return;
  const { status, nextAvailableAt } = computeStatus(cur, pods, manageError, ctx);
  if (!statusUnchanged(cur, status)) {
    const next: ReplicaStatus = { ...status };
    if (cur.metadata.generation) next.observedGeneration = cur.metadata.generation;
    ctx.api.updateStatus({ ...cur, status: next });
  }
  if (manageError) {
    // Returning an error requeues with the workqueue's per-item exponential backoff (5ms doubling, max 1000s).
    const n = (failures.get(key) ?? 0) + 1;
    failures.set(key, n);
    return { requeueAfterMs: Math.min(5 * 2 ** (n - 1), 1_000_000) };
  }
  failures.delete(key);
  if (nextAvailableAt !== undefined) return { requeueAfterMs: Math.max(1, nextAvailableAt - ctx.clock.now()) };
}

const failures = new Map<string, number>();

function manageReplicas(k: ReplicaKind, ctx: ControllerContext, owner: KubeObject, pods: KubeObject[]): Error | undefined {
  const ns = owner.metadata.namespace!;
  let diff = pods.length - desiredReplicas(owner);
  if (diff < 0) {
    const template = specOf(owner).template;
    if (!template) return undefined;
    diff = Math.min(-diff, burstReplicas);
    const r = slowStartBatch(diff, slowStartInitialBatchSize, () => {
      try {
        createPod(ctx, ns, template, owner, k.component);
      } catch (e) {
        // A terminating namespace refuses every create; that is not this controller's failure.
        if (!isNamespaceTerminating(e)) throw e;
      }
    });
    return r.error === undefined ? undefined : asError(r.error);
  }
  if (diff > 0) {
    diff = Math.min(diff, burstReplicas);
    const victims = podsToDelete(pods, relatedPods(k, ctx, owner), diff, ctx.clock.now(), (ts) => ctx.clock.parse(ts));
    let first: Error | undefined;
    for (const p of victims) {
      try {
        deletePod(ctx, ns, p.metadata.name!, owner, k.component);
      } catch (e) {
        first ??= asError(e);
      }
    }
    return first;
  }
  return undefined;
}

/** getIndirectlyRelatedPods: pods of every sibling owned by the same controller (or just our own). */
function* relatedPods(k: ReplicaKind, ctx: ControllerContext, owner: KubeObject): Iterable<KubeObject> {
  const index = podIndexFor(ctx.store);
  const parent = controllerRefOf(owner);
  if (!parent) {
    yield* index.owned(owner.metadata.uid!);
    return;
  }
  for (const sib of ctx.store.list(k.resource, owner.metadata.namespace)) {
    if (controllerRefOf(sib)?.uid === parent.uid) yield* index.owned(sib.metadata.uid!);
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
