import { clone } from '../../store/store.ts';
import { alreadyExists } from '../errors.ts';
import type { AdmissionAttributes, WriteOptions } from '../request.ts';
import type { ApiServer } from '../server.ts';
import { apiVersionOf, type KubeObject } from '../types.ts';
import { admitAndValidate, checkNamespaceWritable, toStoredVersion, tracksGeneration, dropEmptyMetadata } from './common.ts';

/** Metadata only the server sets: dropped from what a client sends. */
const SERVER_SET = ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const;

/** POST: defaulting, server-assigned metadata, admission and validation, then the store. */
export function createObject(api: ApiServer, input: KubeObject, opts: WriteOptions): KubeObject {
  const rt = api.typeOf(input);
  const obj = opts.owned ? input : clone(input);
  toStoredVersion(rt, obj);
  obj.apiVersion = apiVersionOf(rt);
  obj.kind = rt.kind;
  const meta = (obj.metadata ??= {});
  if (rt.namespaced) meta.namespace ||= 'default';
  rt.decode?.(obj);
  if (!meta.name && meta.generateName) meta.name = meta.generateName + api.rng.string(5);
  const name = meta.name ?? '';

  if (rt.namespaced && meta.namespace) checkNamespaceWritable(api, rt, meta.namespace, name);
  // Server-assigned fields a client cannot set on create.
  for (const k of SERVER_SET) delete meta[k];
  meta.creationTimestamp = api.clock.timestamp();
  if (rt.uidBeforeValidate) meta.uid = api.rng.uuid();
  rt.defaults?.(obj);
  rt.prepareForCreate?.(obj);

  const attrs: AdmissionAttributes = {
    operation: 'CREATE',
    resource: rt,
    namespace: meta.namespace ?? '',
    name,
    object: obj,
    dryRun: !!opts.dryRun,
    subresource: '',
  };
  admitAndValidate(api, rt, attrs, obj, undefined, '');
  dropEmptyMetadata(meta as Record<string, unknown>);

  if (api.store.get(rt.plural, meta.namespace, name)) throw alreadyExists(rt, name);
  if (!rt.uidBeforeValidate) meta.uid = api.rng.uuid();
  if (tracksGeneration(rt)) meta.generation = 1;
  if (opts.dryRun) return obj;
  api.store.put(rt.plural, obj);
  return obj;
}
