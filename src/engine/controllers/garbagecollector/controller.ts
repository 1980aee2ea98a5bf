import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isStatusError, type KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { Controller, ControllerContext } from '../types.ts';
import { DependencyGraph, FOREGROUND, hasFinalizer, isDeletingDependents, ORPHAN, parseItemKey, refsOf } from './graph.ts';

const SOURCE = { component: 'garbage-collector-controller' };

/**
 * The garbage collector (pkg/controller/garbagecollector): objects whose owners are all gone are deleted
 * (background), owners deleted in the foreground wait for their blocking dependents, owners deleted with
 * the orphan finalizer first strip their ownerReference from their dependents.
 */
export function garbageCollector(rt: ClusterRuntime): Controller {
  const graph = new DependencyGraph((apiVersion, kind) => rt.registry.forKind(apiVersion, kind));
  const observe = (ev: Parameters<DependencyGraph['observe']>[0]) => graph.observe(ev);
  return {
    name: 'garbage-collector',
    watches: rt.registry.all().map((t) => ({ resource: t.plural, keys: observe })),
    start(ctx, enqueue) {
      for (const t of rt.registry.all()) {
        for (const o of ctx.store.list(t.plural)) for (const k of observe({ type: 'ADDED', resource: t.plural, object: o, resourceVersion: 0 })) enqueue(k);
      }
    },
    reconcile(key, ctx) {
      const { resource, namespace, name } = parseItemKey(key);
      const obj = ctx.store.get(resource, namespace, name);
      if (!obj) return;
      if (obj.metadata.deletionTimestamp) {
        if (hasFinalizer(obj, ORPHAN)) orphanDependents(ctx, graph, resource, obj);
        else if (hasFinalizer(obj, FOREGROUND)) processDeletingDependents(ctx, rt, graph, resource, obj);
        return;
      }
      attemptToDelete(ctx, rt, graph, resource, obj);
    },
  };
}

type Owner = { ref: OwnerReference; owner?: KubeObject };

/** classifyReferences: solid owners, dangling references (absent or another uid), owners deleting in the foreground. */
function classify(ctx: ControllerContext, rt: ClusterRuntime, obj: KubeObject) {
  const solid: Owner[] = [];
  const dangling: Owner[] = [];
  const waiting: Owner[] = [];
  for (const ref of refsOf(obj)) {
    const t = rt.registry.forKind(ref.apiVersion, ref.kind);
    if (!t) {
      // Unresolvable kind: the GC cannot decide, so the object stays.
      solid.push({ ref });
      continue;
    }
    if (t.namespaced && !obj.metadata.namespace) {
      ctx.events.warning(obj, 'OwnerRefInvalidNamespace', `ownerRef [${ref.apiVersion}/${ref.kind}, namespace: , name: ${ref.name}, uid: ${ref.uid}] does not exist in namespace ""`, SOURCE);
      solid.push({ ref });
      continue;
    }
    const owner = ctx.store.get(t.plural, t.namespaced ? obj.metadata.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) dangling.push({ ref });
    else if (isDeletingDependents(owner)) waiting.push({ ref, owner });
    else solid.push({ ref, owner });
  }
  return { solid, dangling, waiting };
}

function deleteObject(ctx: ControllerContext, resource: string, obj: KubeObject, policy: 'Background' | 'Foreground' | 'Orphan'): void {
  try {
    ctx.api.delete(resource, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: policy, uid: obj.metadata.uid });
  } catch (e) {
    if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
  }
}

/** attemptToDeleteItem. */
function attemptToDelete(ctx: ControllerContext, rt: ClusterRuntime, graph: DependencyGraph, resource: string, obj: KubeObject): void {
  if (refsOf(obj).length === 0) return;
  const { solid, dangling, waiting } = classify(ctx, rt, obj);
  if (solid.length) {
    if (!dangling.length && !waiting.length) return;
    // Keep the object; drop the references to owners that are gone or are waiting on it.
    const drop = new Set([...dangling, ...waiting].map((o) => o.ref.uid));
    ctx.api.modify(resource, obj.metadata.namespace, obj.metadata.name!, (o) => {
      o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
    });
    return;
  }
  if (waiting.length && graph.hasDependents(obj.metadata.uid!)) {
    deleteObject(ctx, resource, obj, 'Foreground');
    return;
  }
  const policy = hasFinalizer(obj, ORPHAN) ? 'Orphan' : hasFinalizer(obj, FOREGROUND) ? 'Foreground' : 'Background';
  deleteObject(ctx, resource, obj, policy);
}

function removeFinalizer(ctx: ControllerContext, resource: string, obj: KubeObject, f: string): void {
  ctx.api.modify(resource, obj.metadata.namespace, obj.metadata.name!, (o) => {
    o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((x) => x !== f);
  });
}

function dependents(ctx: ControllerContext, graph: DependencyGraph, uid: string): Array<{ resource: string; obj: KubeObject; ref: OwnerReference }> {
  const out: Array<{ resource: string; obj: KubeObject; ref: OwnerReference }> = [];
  for (const k of graph.dependentsOf(uid)) {
    const { resource, namespace, name } = parseItemKey(k);
    const obj = ctx.store.get(resource, namespace, name);
    const ref = obj && refsOf(obj).find((r) => r.uid === uid);
    if (obj && ref) out.push({ resource, obj, ref });
  }
  return out;
}

/** processDeletingDependentsItem: wait for dependents that block deletion, then drop the foregroundDeletion finalizer. */
function processDeletingDependents(ctx: ControllerContext, rt: ClusterRuntime, graph: DependencyGraph, resource: string, obj: KubeObject): void {
  const deps = dependents(ctx, graph, obj.metadata.uid!);
  const blocking = deps.filter((d) => d.ref.blockOwnerDeletion);
  if (!blocking.length) {
    removeFinalizer(ctx, resource, obj, FOREGROUND);
    return;
  }
  // Blocking dependents not yet being deleted get another attempt (their owner is waiting for them).
  for (const d of blocking) if (!d.obj.metadata.deletionTimestamp) attemptToDelete(ctx, rt, graph, d.resource, d.obj);
}

/** attemptToOrphan: strip the owner's references from its dependents, then drop the orphan finalizer. */
function orphanDependents(ctx: ControllerContext, graph: DependencyGraph, resource: string, obj: KubeObject): void {
  const uid = obj.metadata.uid!;
  for (const d of dependents(ctx, graph, uid)) {
    try {
      ctx.api.modify(d.resource, d.obj.metadata.namespace, d.obj.metadata.name!, (o) => {
        const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length) o.metadata.ownerReferences = refs;
        else delete o.metadata.ownerReferences;
      });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
  removeFinalizer(ctx, resource, obj, ORPHAN);
}
