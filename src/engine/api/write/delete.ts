import { clone } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { invalid, notFound } from '../errors.ts';
import type { AdmissionAttributes, DeleteOptions } from '../request.ts';
import type { ApiServer } from '../server.ts';
import { StatusError, type KubeObject } from '../types.ts';
import { qualifiedName } from './common.ts';

/**
 * DELETE. Pods bound to a node get graceful deletion: the deletionTimestamp is set and the kubelet
 * finishes the job with a grace-0 delete. Objects with finalizers are marked and removed when the
 * finalizers are gone. Namespaces go Terminating until the namespace controller finalizes them.
 * Returns the object as it stands after the call (with deletionTimestamp when deletion is pending).
 */
export function deleteObject(api: ApiServer, resource: string, namespace: string | undefined, name: string, opts: DeleteOptions): KubeObject {
  const rt = api.resource(resource);
  const ns = rt.namespaced ? namespace || 'default' : undefined;
  const old = api.store.get(rt.plural, ns, name);
  if (!old) throw notFound(rt, name);
  if (opts.uid && opts.uid !== old.metadata.uid) {
    throw new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedName(rt)} "${name}": Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  const obj = clone(old);
  const meta = obj.metadata;
  const attrs: AdmissionAttributes = {
    operation: 'DELETE',
    resource: rt,
    namespace: ns ?? '',
    name,
    object: obj,
    oldObject: old,
    dryRun: !!opts.dryRun,
    subresource: '',
  };
  for (const p of api.admission) p.validate?.(attrs, api);

  const finalizers = propagationFinalizers(meta.finalizers ?? [], opts.propagationPolicy);
  const finalizersChanged = finalizers.join('\0') !== (meta.finalizers ?? []).join('\0');
  if (finalizers.length > 0) meta.finalizers = finalizers;
  else delete meta.finalizers;

  if (rt.plural === 'namespaces') return deleteNamespace(api, obj, old, !!opts.dryRun);

  // Graceful deletion (pods): the strategy's grace period, or the requested one.
  let grace = 0;
  if (rt.plural === 'pods') {
    const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    grace = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    // Unbound pods and finished pods need no kubelet cooperation.
    if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    if (grace < 0) grace = 1;
  }

  if (meta.deletionTimestamp) {
    // Already being deleted: only a shorter grace period changes anything.
    const current = meta.deletionGracePeriodSeconds ?? 0;
    if (rt.plural === 'pods' && current > 0 && opts.gracePeriodSeconds !== undefined && grace < current) {
      if (opts.dryRun) return obj;
      if (grace === 0 && finalizers.length === 0) {
        api.store.remove(rt.plural, ns, name);
        return obj;
      }
      const due = Date.parse(meta.deletionTimestamp) - current * 1000 + grace * 1000;
      meta.deletionTimestamp = api.clock.timestamp(due);
      meta.deletionGracePeriodSeconds = grace;
      api.store.put(rt.plural, obj);
      return obj;
    }
    if (current === 0 && finalizers.length === 0) {
      if (!opts.dryRun) api.store.remove(rt.plural, ns, name);
      return obj;
    }
    if (finalizersChanged && !opts.dryRun) api.store.put(rt.plural, obj);
    return finalizersChanged ? obj : old;
  }

  if (grace === 0 && finalizers.length === 0) {
    if (!opts.dryRun) api.store.remove(rt.plural, ns, name);
    return obj;
  }
  meta.deletionTimestamp = api.clock.timestamp(api.clock.now() + grace * 1000);
  meta.deletionGracePeriodSeconds = grace;
  // markAsDeleting bumps the generation of kinds that track it (non-graceful deletion with finalizers).
  if (grace === 0 && (meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
  if (opts.dryRun) return obj;
  api.store.put(rt.plural, obj);
  return obj;
}

function deleteNamespace(api: ApiServer, obj: KubeObject, old: KubeObject, dryRun: boolean): KubeObject {
  const meta = obj.metadata;
  const specFinalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  if (!old.metadata.deletionTimestamp) {
    // The first delete starts termination; the namespace controller empties and finalizes it.
    meta.deletionTimestamp = api.clock.timestamp();
    meta.deletionGracePeriodSeconds = 0;
    obj.status = { ...((obj.status as object | undefined) ?? {}), phase: 'Terminating' };
    if (dryRun) return obj;
    api.store.put('namespaces', obj);
    return obj;
  }
  if (specFinalizers.length > 0) {
    throw new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on namespaces "${meta.name}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`,
      { name: meta.name, kind: 'namespaces' },
    );
  }
  if ((meta.finalizers ?? []).length === 0) {
    if (!dryRun) api.store.remove('namespaces', undefined, meta.name!);
    return obj;
  }
  if (!dryRun && !deepEqual(obj, old)) api.store.put('namespaces', obj);
  return obj;
}

/**
 * The namespaces/finalize subresource: replace `spec.finalizers` of a namespace (the namespace controller
 * calls it with [] once the namespace is empty). A terminating namespace with no spec or metadata
 * finalizers left is removed.
 */
export function finalizeNamespace(api: ApiServer, name: string, finalizers: string[], opts: { dryRun?: boolean }): KubeObject {
  const rt = api.resource('namespaces');
  const old = api.store.get('namespaces', undefined, name);
  if (!old) throw notFound(rt, name);
  const obj = clone(old);
  obj.spec = { ...((obj.spec as object | undefined) ?? {}), finalizers: [...finalizers] };
  if (finalizers.length === 0) (obj.spec as { finalizers?: string[] }).finalizers = [];
  const errs = rt.validate?.(obj, { old, operation: 'UPDATE', subresource: 'finalize' }) ?? [];
  if (errs.length > 0) throw invalid(rt, name, errs);
  if (opts.dryRun) return obj;
  if (old.metadata.deletionTimestamp && finalizers.length === 0 && (obj.metadata.finalizers ?? []).length === 0) {
    api.store.remove('namespaces', undefined, name);
    return obj;
  }
  if (deepEqual(obj, old)) return old;
  api.store.put('namespaces', obj);
  return obj;
}

/** The finalizers a delete leaves on the object for the given propagation policy (Orphan / Foreground). */
function propagationFinalizers(current: string[], policy: DeleteOptions['propagationPolicy']): string[] {
  const out = current.filter((f) => {
    if (policy === 'Orphan') return f !== 'foregroundDeletion';
    if (policy === 'Foreground' || policy === 'Background') return f !== 'orphan' && (policy === 'Background' ? f !== 'foregroundDeletion' : true);
    return true;
  });
  if (policy === 'Orphan' && !out.includes('orphan')) out.push('orphan');
  if (policy === 'Foreground' && !out.includes('foregroundDeletion')) out.push('foregroundDeletion');
  return out;
}
