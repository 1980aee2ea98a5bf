import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { claimObjects } from '../podcontrol/claim.ts';
import { onlyStatusChanged, podUpdateIrrelevantToOwner } from '../watchfilter/index.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import { podTrackerFor, type OwnerPods, type OwnerView } from '../podcontrol/tracker.ts';
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


const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The owner key a controller reference stands for, remembered per reference: a pod's versions share its
 * ownerReferences (the API server keeps unchanged metadata by reference), so most pod events find their
 * owner's key without building (and hashing) a new string.
 */
const refKeys = new WeakMap<object, { ns: string | undefined; key: string }>();
function ownerKeyOf(ns: string | undefined, ref: { name: string }): string {
  const hit = refKeys.get(ref);
  if (hit && hit.ns === ns) return hit.key;
  const key = keyOf(ns, ref.name);
  refKeys.set(ref, { ns, key });
  return key;
}

export function makeReplicaController(k: ReplicaKind): Controller {
  const podKeys = (ev: StoreEvent, ctx: () => ControllerContext | undefined): string[] => {
    const p = ev.object;
    const old = ev.oldObject;
    // Most pod events are updates that keep the pod's owner: decide from its one controller reference.
    if (old && ev.type === 'MODIFIED' && old.metadata.ownerReferences === p.metadata.ownerReferences) {
      const ref = controllerRefOf(p);
      if (ref) {
        if (ref.kind !== k.kind || podUpdateIrrelevantToOwner(ev)) return NO_KEYS;
        return [ownerKeyOf(p.metadata.namespace, ref)];
      }
    }
    if (podUpdateIrrelevantToOwner(ev)) return NO_KEYS;
    // A few keys at most: a plain array with a duplicate check allocates less than a Set per pod event.
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const p = i === 0 ? ev.object : ev.oldObject;
      if (!p) continue;
      const ref = controllerRefOf(p);
      if (ref) {
        if (ref.kind !== k.kind) continue;
        const key = ownerKeyOf(p.metadata.namespace, ref);
        if (!keys.includes(key)) keys.push(key);
        continue;
      }
      // An orphan: every owner in the namespace that selects it may adopt it.
      const c = ctx();
      if (!c) continue;
      for (const o of c.store.list(k.resource, p.metadata.namespace)) {
        if (!k.selects(o, p.metadata.labels)) continue;
        const key = keyOf(o.metadata.namespace, o.metadata.name!);
        if (!keys.includes(key)) keys.push(key);
      }
    }
    return keys;
  };
  let context: ControllerContext | undefined;
  return {
    name: k.name,
    watches: [
      // Its own status writes change nothing the sync reads but the status it computes again.
      { resource: k.resource, keys: (ev) => (onlyStatusChanged(ev) ? [] : [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)]) },
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

/**
 * Views per stored spec object: what a view judges depends only on the spec (selector, template labels) and
 * the owner's uid, and status writes keep the spec by reference, so most syncs reuse the view.
 */
const views = new WeakMap<object, OwnerView>();

/** The tracker's view of an owner: its selector and template labels decide what it claims and counts. */
function ownerView(k: ReplicaKind, owner: KubeObject): OwnerView {
  const spec = specOf(owner) as ReplicaSpec & { selector?: unknown };
  const hit = views.get(spec);
  if (hit && hit.uid === owner.metadata.uid) return hit;
  const tmpl = Object.entries(spec.template?.metadata?.labels ?? {});
  const view: OwnerView = {
    uid: owner.metadata.uid!,
    signature: JSON.stringify([spec.selector ?? null, tmpl]),
    selects: (labels) => k.selects(owner, labels),
    fullyLabeled: (labels) => {
      const l = labels ?? {};
      for (const [key, v] of tmpl) if (l[key] !== v) return false;
      return true;
    },
  };
  views.set(spec, view);
  return view;
}

function trackerOf(ctx: ControllerContext) {
  const index = podIndexFor(ctx.store);
  return podTrackerFor(ctx.store, (uid) => index.owned(uid));
}

/** syncReplicaSet: claim pods, create or delete to match spec.replicas, then write status. */
export function syncReplicas(k: ReplicaKind, key: string, ctx: ControllerContext): ReconcileResult | void {
  const [ns, name] = splitKey(key);
  const owner = ctx.store.get(k.resource, ns, name);
  const tracker = trackerOf(ctx);
  const knownUid = uids.get(`${k.resource}/${key}`);
  if (knownUid && knownUid !== owner?.metadata.uid) tracker.forget(knownUid);
  if (!owner) {
    uids.delete(`${k.resource}/${key}`);
    return;
  }
  uids.set(`${k.resource}/${key}`, owner.metadata.uid!);
  const index = podIndexFor(ctx.store);
  const view = ownerView(k, owner);
  const deleting = !!owner.metadata.deletionTimestamp;

  // ClaimPods: adopt matching active orphans, release owned active pods the selector no longer selects.
  if (!deleting) {
    const orphans: KubeObject[] = [];
    for (const p of index.orphansIn(ns ?? '')) if (isPodActive(p as Pod) && view.selects(p.metadata.labels)) orphans.push(p);
    if (orphans.length > 0) claimObjects(ctx, owner, 'pods', orphans, (p) => view.selects(p.metadata.labels));
  }
  let pods = tracker.refresh(view);
  if (!deleting && pods.unselected > 0) {
    const stale = [...pods.entries.values()].filter((e) => e.active && !e.selected).map((e) => e.pod);
    claimObjects(ctx, owner, 'pods', stale, () => false);
    pods = tracker.refresh(view);
  }

  let manageError: Error | undefined;
  if (!deleting) manageError = manageReplicas(k, ctx, owner, pods);

  // Status comes from the pods claimed before this sync acted, as upstream; the pod events requeue us.
  const { status, nextAvailableAt } = computeStatus(owner, pods, manageError, ctx);
  if (!statusUnchanged(owner, status)) {
    const next: ReplicaStatus = { ...status };
    if (owner.metadata.generation) next.observedGeneration = owner.metadata.generation;
    const cur = ctx.store.get(k.resource, ns, name)!;
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
const uids = new Map<string, string>();

function manageReplicas(k: ReplicaKind, ctx: ControllerContext, owner: KubeObject, owned: OwnerPods): Error | undefined {
  const ns = owner.metadata.namespace!;
  let diff = owned.claimed - desiredReplicas(owner);
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
    const pods: KubeObject[] = [];
    for (const e of owned.entries.values()) if (e.active && e.selected) pods.push(e.pod);
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
