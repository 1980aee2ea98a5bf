// metadata.managedFields for writes through the REST API: every create, update and patch records its field
// manager's Update entry, and `application/apply-patch+yaml` PATCHes are server-side applies (api/ssa/).
import { StatusError, apiVersionOf, type KubeObject } from '../engine/api/types.ts';
import { applyConfiguration, managedFieldsAfterUpdate, type WriteInfo } from '../engine/api/ssa/managed.ts';
import { clone } from '../engine/store/store.ts';
import { decodePatch } from './body.ts';
import { zeroObject } from './protobuf/decode.ts';
import type { ApiRequest, ApiResponse, ResourcePath } from './request.ts';

type Obj = Record<string, unknown>;

/** The field manager of a request: ?fieldManager=, else the User-Agent up to its first "/" (as the apiserver does). */
export function fieldManagerOf(req: ApiRequest): string {
  const m = req.query.get('fieldManager');
  if (m !== null) {
    if (m.length > 128) throw new StatusError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes`);
    return m;
  }
  return (req.userAgent ?? '').split('/')[0];
}

function writeInfo(req: ApiRequest, p: ResourcePath): WriteInfo {
  const sub = p.subresource === 'status' ? 'status' : undefined;
  return {
    manager: fieldManagerOf(req),
    apiVersion: apiVersionOf({ group: p.rt.group, version: p.version }),
    time: new Date(req.rt.clock.nowUnixMs()).toISOString().replace(/\.\d+Z$/, 'Z'),
    subresource: sub,
    resetsStatus: !!p.rt.hasStatus && !sub,
  };
}

/** The object as defaulting leaves it (managed fields are computed on the defaulted object). */
function defaulted(p: ResourcePath, o: KubeObject): Obj {
  const c = clone(o);
  p.rt.defaults?.(c);
  return c as unknown as Obj;
}

/**
 * Set `obj.metadata.managedFields` for a create (`live` undefined) or update by the request's manager. Objects
 * that bring their own managedFields keep them, as the apiserver does.
 */
export function recordManagedFields(req: ApiRequest, p: ResourcePath, obj: KubeObject, live?: KubeObject): void {
  const own = obj.metadata.managedFields;
  if (own?.length && !(live && JSON.stringify(own) === JSON.stringify(live.metadata.managedFields))) return;
  const info = writeInfo(req, p);
  const before = (live as unknown as Obj | undefined) ?? zeroObject(obj.apiVersion ?? '', obj.kind ?? '') ?? {};
  let after = defaulted(p, obj);
  if (info.subresource === 'status' && live) after = { ...(live as unknown as Obj), status: (obj as unknown as Obj).status };
  (obj.metadata as { managedFields?: unknown }).managedFields = managedFieldsAfterUpdate(before, after, info);
}

/** PATCH with application/apply-patch+yaml: server-side apply, creating the object when it does not exist. */
export function serverSideApply(req: ApiRequest, p: ResourcePath, name: string, dryRun: boolean): ApiResponse {
  const { rt } = p;
  if (req.query.get('fieldManager') === null) {
    throw new StatusError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  }
  const force = req.query.get('force') === 'true';
  const cfg = decodePatch(req.body, true) as Obj | null;
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg)) throw new StatusError(400, 'BadRequest', 'error decoding YAML: object expected');
  const gv = apiVersionOf({ group: rt.group, version: p.version });
  if (!cfg.kind || !cfg.apiVersion) throw new StatusError(400, 'BadRequest', `Object 'Kind' is missing in '${req.body.trim()}'`);
  if (cfg.apiVersion !== gv || cfg.kind !== rt.kind) {
    throw new StatusError(400, 'BadRequest', `the API version in the data (${String(cfg.apiVersion)}) does not match the expected API version (${gv})`);
  }
  const meta = (cfg.metadata ?? {}) as Obj;
  if (meta.name !== undefined && meta.name !== name) {
    throw new StatusError(400, 'BadRequest', `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`);
  }
  if (rt.namespaced && p.namespace) {
    if (meta.namespace !== undefined && meta.namespace !== p.namespace) {
      throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
  }
  cfg.metadata = { ...meta, name, ...(rt.namespaced && p.namespace ? { namespace: p.namespace } : {}) };
  const live = req.api.tryGet(rt.plural, p.namespace, name);
  const info = writeInfo(req, p);
  const r = applyConfiguration(live as unknown as Obj | undefined, cfg, { ...info, force });
  const obj = r.object as unknown as KubeObject;
  (obj.metadata as { managedFields?: unknown }).managedFields = r.managedFields;
  if (!live) return { code: 201, body: req.api.create(obj, { dryRun }) };
  obj.metadata.resourceVersion = live.metadata.resourceVersion;
  return { code: 200, body: req.api.update(obj, { dryRun }) };
}
