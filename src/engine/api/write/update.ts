import { clone, cloneReusing } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { conflict, notFound } from '../errors.ts';
import type { AdmissionAttributes, WriteOptions } from '../request.ts';
import type { ApiServer } from '../server.ts';
import { apiVersionOf, type KubeObject, type ResourceType } from '../types.ts';
import { admitAndValidate, toStoredVersion, tracksGeneration, dropEmptyMetadata } from './common.ts';

/** Server-managed metadata an update keeps from the stored version. */
const CARRIED_OVER = ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const;
/** The metadata a status write may change besides status. */
const STATUS_WRITABLE_META = ['labels', 'annotations', 'finalizers'] as const;

/**
 * PUT, of the main resource or of the status subresource. `input.metadata.resourceVersion`, when set, must
 * match the stored one. Through the main resource, status changes are ignored for kinds with a status
 * subresource; through `subresource: 'status'`, only status (and labels, annotations, finalizers) change.
 */
export function updateObject(api: ApiServer, input: KubeObject, opts: WriteOptions): KubeObject {
  const rt = api.typeOf(input);
  const ns = rt.namespaced ? input.metadata?.namespace || 'default' : undefined;
  const name = input.metadata?.name ?? '';
  const old = api.store.get(rt.plural, ns, name);
  if (!old) throw notFound(rt, name);
  const rv = input.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(rt, name);

  const status = opts.subresource === 'status';
  const obj = status ? statusView(input, old, !!opts.owned) : mainView(rt, input, !!opts.owned);
  if (!status && rt.hasStatus) {
    if (old.status === undefined) delete obj.status;
    else obj.status = clone(old.status);
  }
  const meta = (obj.metadata ??= {});
  meta.namespace = ns;
  if (!ns) delete meta.namespace;
  // Server-managed metadata carries over.
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  meta.resourceVersion = old.metadata.resourceVersion;
  for (const k of CARRIED_OVER) {
    if (old.metadata[k] === undefined) delete meta[k];
    else (meta as Record<string, unknown>)[k] = old.metadata[k];
  }
  if (old.metadata.generateName && !meta.generateName) meta.generateName = old.metadata.generateName;
  if (!status) {
    rt.defaults?.(obj);
    rt.prepareForUpdate?.(obj, old);
  }

  const attrs: AdmissionAttributes = {
    operation: 'UPDATE',
    resource: rt,
    namespace: ns ?? '',
    name,
    object: obj,
    oldObject: old,
    dryRun: !!opts.dryRun,
    subresource: opts.subresource ?? '',
  };
  admitAndValidate(api, rt, attrs, obj, old, opts.subresource ?? '');
  dropEmptyMetadata(meta as Record<string, unknown>);

  if (tracksGeneration(rt) && !status) {
    const specOf = rt.specOf ?? ((o: KubeObject) => o.spec);
    if (!deepEqual(specOf(obj), specOf(old))) meta.generation = (old.metadata.generation ?? 0) + 1;
  }
  if (opts.dryRun) return obj;
  // Removing the last finalizer of an object whose deletion is due (grace 0) completes the deletion.
  if (finalizersDone(rt, obj, old)) {
    api.store.remove(rt.plural, ns, name);
    return obj;
  }
  if (deepEqual(obj, old)) return old;
  api.store.put(rt.plural, obj);
  return obj;
}

/**
 * The new version a status write makes: only status (and labels, annotations, finalizers) come from the
 * input. Nothing after this mutates spec or status in place, so the new version shares what did not change
 * with the stored one (stored objects are immutable); only the top level and metadata are fresh copies.
 */
function statusView(input: KubeObject, old: KubeObject, owned: boolean): KubeObject {
  const obj: KubeObject = { ...old, metadata: { ...old.metadata } };
  if (input.status === undefined) delete obj.status;
  else obj.status = owned ? input.status : cloneReusing(input.status, old.status);
  for (const k of STATUS_WRITABLE_META) {
    if (input.metadata?.[k] === undefined) delete obj.metadata[k];
    else (obj.metadata as Record<string, unknown>)[k] = cloneReusing(input.metadata[k], old.metadata[k]);
  }
  return obj;
}

/** The new version a write of the main resource makes: the input (copied unless handed over) in the stored version. */
function mainView(rt: ResourceType, input: KubeObject, owned: boolean): KubeObject {
  const obj = owned ? input : clone(input);
  toStoredVersion(rt, obj);
  obj.apiVersion = apiVersionOf(rt);
  obj.kind = rt.kind;
  rt.decode?.(obj);
  return obj;
}

/** True when an update empties the finalizers of an object whose deletion is otherwise complete. */
function finalizersDone(rt: ResourceType, obj: KubeObject, old: KubeObject): boolean {
  if (!old.metadata.deletionTimestamp || (obj.metadata.finalizers ?? []).length > 0) return false;
  if ((old.metadata.deletionGracePeriodSeconds ?? 0) !== 0) return false;
  if (rt.plural === 'namespaces') return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0;
  return true;
}
