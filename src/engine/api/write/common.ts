import { validateObjectMeta } from '../validation/meta.ts';
import { forbidden, invalid } from '../errors.ts';
import type { AdmissionAttributes } from '../request.ts';
import type { ApiServer } from '../server.ts';
import { apiVersionOf, StatusError, type FieldError, type KubeObject, type ResourceType } from '../types.ts';

/** Mutating admission, validation (object metadata, then the kind's own), then validating admission. */
export function admitAndValidate(api: ApiServer, rt: ResourceType, attrs: AdmissionAttributes, obj: KubeObject, old: KubeObject | undefined, subresource: string): void {
  const plugins = api.admission;
  for (let i = 0; i < plugins.length; i++) plugins[i].mutate?.(attrs, api);
  validate(rt, obj, old, subresource);
  for (let i = 0; i < plugins.length; i++) plugins[i].validate?.(attrs, api);
}

/**
 * Empty metadata maps and lists are not kept: the apiserver stores objects as protobuf, where an empty map or
 * list and an absent one are the same, and Go's JSON omits them (omitempty). So `annotations: {}` sent by a
 * client (kubectl's apply patch without the last-applied annotation carries one) never reads back.
 */
export function dropEmptyMetadata(meta: Record<string, unknown>): void {
  for (const k of EMPTY_DROPPED) {
    const v = meta[k];
    if (v === undefined) continue;
    if (Array.isArray(v) ? v.length === 0 : v !== null && typeof v === 'object' && isEmptyObject(v)) delete meta[k];
  }
}

const EMPTY_DROPPED = ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

function isEmptyObject(v: object): boolean {
  for (const _ in v) return false;
  return true;
}

export function validate(rt: ResourceType, obj: KubeObject, old: KubeObject | undefined, subresource: string): void {
  const ctx = { old, operation: old ? ('UPDATE' as const) : ('CREATE' as const), subresource };
  const errs: FieldError[] = [...validateObjectMeta(rt, obj, old), ...(rt.validate?.(obj, ctx) ?? [])];
  if (errs.length > 0) throw invalid(rt, obj.metadata?.name ?? '', errs);
}

export function checkNamespaceWritable(api: ApiServer, rt: ResourceType, namespace: string, name: string): void {
  const ns = api.store.get('namespaces', undefined, namespace);
  if (!ns) throw new StatusError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
  if (ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
    throw forbidden(rt, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

export function tracksGeneration(rt: ResourceType): boolean {
  return rt.tracksGeneration === true;
}

export function qualifiedName(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** Convert an object sent in another served version of its kind (ResourceType.alternateVersions) to the stored one. */
export function toStoredVersion(rt: ResourceType, obj: KubeObject): void {
  if (!rt.alternateVersions || !obj.apiVersion || obj.apiVersion === apiVersionOf(rt)) return;
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  rt.alternateVersions.find((a) => a.version === version)?.toStored(obj);
}
