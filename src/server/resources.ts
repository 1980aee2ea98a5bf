// REST handlers for resources: get, list, create, update, delete, deletecollection, patch, and the status and
// scale subresources. Every engine call goes through the request's authorized ApiServer.
import type { DeleteOptions, ListOptions } from '../engine/api/server.ts';
import { StatusError, apiVersionOf, type KubeObject } from '../engine/api/types.ts';
import { applyPatchOnServer, jsonEqual, patchMediaTypes, supportsStrategicMerge, unsupportedMediaTypeMessage, type PatchType } from '../engine/api/patch/index.ts';
import { fromScale, toScale } from '../engine/api/patch/scale.ts';
import { clone } from '../engine/store/store.ts';
import { parseFieldSelector, parseSelector, SelectorError } from '../engine/util/selectors.ts';
import { decodeObject, decodePatch } from './body.ts';
import type { ApiRequest, ApiResponse, ResourcePath } from './request.ts';
import { HttpError, success } from './status.ts';
import { buildTable, wantsTable, type IncludeObject } from './table.ts';
import { checkUnknownFields } from './fieldvalidation.ts';
import { messageFor } from './protobuf/decode.ts';
import { recordManagedFields, serverSideApply } from './managedfields.ts';

/** Kubernetes' own types, the ones the apiserver also serves as protobuf (custom resources are JSON/YAML only). */
function isBuiltIn(p: ResourcePath): boolean {
  return messageFor(apiVersionOf({ group: p.rt.group, version: p.version }), p.rt.kind) !== undefined;
}

const notFoundGeneric = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

export function dryRunOf(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  for (const x of v) if (x !== 'All') throw new StatusError(400, 'BadRequest', `dryRun: Unsupported value: "${x}": supported values: "All"`);
  return v.length > 0;
}

export function listOptions(q: URLSearchParams): ListOptions {
  try {
    const ls = q.get('labelSelector');
    const fs = q.get('fieldSelector');
    return { labelSelector: ls ? parseSelector(ls) : undefined, fieldSelector: fs ? parseFieldSelector(fs) : undefined };
  } catch (e) {
    if (e instanceof SelectorError) throw new StatusError(400, 'BadRequest', `unable to parse requirement: ${e.message}`);
    throw e;
  }
}

interface Continue {
  rv: number;
  after: string;
}

function encodeContinue(c: Continue): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: c.rv, start: c.after })).toString('base64');
}

function decodeContinue(s: string): Continue {
  try {
    const o = JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (o.v !== 'meta.k8s.io/v1' || typeof o.rv !== 'number' || typeof o.start !== 'string') throw new Error();
    return { rv: o.rv, after: o.start };
  } catch {
    throw new StatusError(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/** The resourceVersion/resourceVersionMatch checks a list or get can honour from the current state. */
function checkResourceVersion(q: URLSearchParams, current: number): void {
  const rv = q.get('resourceVersion');
  const match = q.get('resourceVersionMatch');
  if (match && match !== 'Exact' && match !== 'NotOlderThan') {
    throw new StatusError(422, 'Invalid', `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (match && !rv) throw new StatusError(422, 'Invalid', 'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (!rv || rv === '0') return;
  const n = Number(rv);
  if (!Number.isInteger(n) || n < 0) throw new StatusError(400, 'BadRequest', `invalid resource version: ${rv}`);
  if (n > current) throw new StatusError(504, 'Timeout', `Too large resource version: ${n}, current: ${current}`);
  if (match === 'Exact' && n < current) throw new StatusError(410, 'Expired', `The resourceVersion for the provided list is too old.`);
}

function list(req: ApiRequest, p: ResourcePath): ApiResponse {
  const { rt } = p;
  const opts = listOptions(req.query);
  const store = req.rt.store;
  checkResourceVersion(req.query, store.currentRevision());
  let items = req.api.list(rt.plural, p.namespace, opts);
  const cont = req.query.get('continue');
  let rv = store.currentRevision();
  if (cont) {
    const c = decodeContinue(cont);
    rv = c.rv;
    items = items.filter((o) => keyOf(o) > c.after);
  }
  const limit = Number(req.query.get('limit') ?? '0');
  const meta: Record<string, unknown> = { resourceVersion: String(rv) };
  if (limit > 0 && items.length > limit) {
    const rest = items.length - limit;
    items = items.slice(0, limit);
    meta.continue = encodeContinue({ rv, after: keyOf(items[items.length - 1]) });
    meta.remainingItemCount = rest;
  }
  const table = wantsTable(req.accept);
  if (table) {
    const include = (req.query.get('includeObject') ?? 'PartialObjectMetadata') as IncludeObject;
    return { code: 200, body: buildTable(rt.kind, items, req.rt.clock.nowUnixMs(), include, table, meta) };
  }
  // Stored objects are immutable instances: each one's JSON is computed once and reused by every list.
  const head = JSON.stringify({ kind: `${rt.kind}List`, apiVersion: apiVersionOf(rt), metadata: meta });
  return { code: 200, body: `${head.slice(0, -1)},"items":[${items.map(jsonOf).join(',')}]}` };
}

const jsonCache = new WeakMap<KubeObject, string>();

/** The JSON text of a stored object (cached per instance; stored objects are never mutated). */
export function jsonOf(o: KubeObject): string {
  let t = jsonCache.get(o);
  if (t === undefined) {
    t = JSON.stringify(o);
    jsonCache.set(o, t);
  }
  return t;
}

function one(req: ApiRequest, o: KubeObject, code = 200): ApiResponse {
  const table = wantsTable(req.accept);
  if (table) {
    const include = (req.query.get('includeObject') ?? 'PartialObjectMetadata') as IncludeObject;
    return { code, body: buildTable(o.kind, [o], req.rt.clock.nowUnixMs(), include, table, { resourceVersion: o.metadata.resourceVersion }) };
  }
  return { code, body: o };
}

/** Decode a POST/PUT body into an object of the URL's type, in the stored version. */
function bodyObject(req: ApiRequest, p: ResourcePath): KubeObject {
  const raw = decodeObject(req.body, req.contentType, req.bytes, isBuiltIn(p));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StatusError(400, 'BadRequest', `couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(raw) ? 'array' : typeof raw} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  const o = raw as KubeObject;
  const { rt } = p;
  if (!o.kind) throw new StatusError(400, 'BadRequest', `Object 'Kind' is missing in '${req.body.trim()}'`);
  const gv = apiVersionOf({ group: rt.group, version: p.version });
  if (o.apiVersion !== gv && o.apiVersion !== apiVersionOf(rt)) {
    throw new StatusError(400, 'BadRequest', `the API version in the data (${o.apiVersion}) does not match the expected API version (${gv})`);
  }
  if (o.kind !== rt.kind) throw new StatusError(400, 'BadRequest', `the kind in the data (${o.kind}) does not match the expected kind (${rt.kind})`);
  o.metadata ??= {};
  if (rt.namespaced && p.namespace) {
    if (o.metadata.namespace && o.metadata.namespace !== p.namespace) {
      throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    o.metadata.namespace = p.namespace;
  }
  const alt = o.apiVersion !== apiVersionOf(rt) ? rt.alternateVersions?.find((a) => a.version === p.version) : undefined;
  if (alt) {
    alt.toStored(o);
    o.apiVersion = apiVersionOf(rt);
  }
  const fv = req.query.get('fieldValidation') ?? 'Warn';
  if (fv !== 'Ignore' && fv !== 'Warn' && fv !== 'Strict') {
    throw new StatusError(400, 'BadRequest', `fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Warn", "Strict"`);
  }
  if (fv !== 'Ignore') {
    const unknown = checkUnknownFields(rt, o);
    if (unknown.length && fv === 'Strict') {
      throw new StatusError(400, 'BadRequest', `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
    }
    for (const f of unknown) req.warnings.push(`unknown field "${f}"`);
  }
  return o;
}

function create(req: ApiRequest, p: ResourcePath): ApiResponse {
  const o = bodyObject(req, p);
  if (p.rt.namespaced && !p.namespace) throw notFoundGeneric();
  const dryRun = dryRunOf(req.query);
  recordManagedFields(req, p, o);
  return one(req, req.api.create(o, { dryRun }), 201);
}

function update(req: ApiRequest, p: ResourcePath, name: string): ApiResponse {
  const dryRun = dryRunOf(req.query);
  if (p.subresource === 'scale') {
    const live = req.api.get(p.rt.plural, p.namespace, name);
    const s = decodeObject(req.body, req.contentType, req.bytes) as KubeObject;
    const written = req.api.update(fromScale(live, s), { dryRun });
    return { code: 200, body: toScale(p.rt, written) };
  }
  const o = bodyObject(req, p);
  if (o.metadata.name && o.metadata.name !== name) {
    throw new StatusError(400, 'BadRequest', `the name of the object (${o.metadata.name}) does not match the name on the URL (${name})`);
  }
  o.metadata.name = name;
  const live = req.api.tryGet(p.rt.plural, p.namespace, name);
  recordManagedFields(req, p, o, live);
  if (p.subresource === 'status') return one(req, req.api.update(o, { dryRun, subresource: 'status' }));
  if (!live) return one(req, req.api.create(o, { dryRun }), 201);
  return one(req, req.api.update(o, { dryRun }));
}

function patchType(contentType: string): PatchType | 'apply' {
  const media = contentType.split(';')[0].trim().toLowerCase();
  for (const [k, v] of Object.entries(patchMediaTypes)) if (v === media) return k as PatchType;
  if (media === 'application/apply-patch+yaml') return 'apply';
  throw new HttpError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
}

function patch(req: ApiRequest, p: ResourcePath, name: string): ApiResponse {
  const { rt } = p;
  const type = patchType(req.contentType);
  if (type === 'apply') {
    if (p.subresource) throw notFoundGeneric();
    const r = serverSideApply(req, p, name, dryRunOf(req.query));
    return one(req, r.body as KubeObject, r.code);
  }
  if (type === 'strategic' && !supportsStrategicMerge(rt.group)) throw new HttpError(415, 'UnsupportedMediaType', unsupportedMediaTypeMessage);
  const dryRun = dryRunOf(req.query);
  const live = req.api.get(rt.plural, p.namespace, name);
  const body = decodePatch(req.body, false);
  const before: unknown = p.subresource === 'scale' ? toScale(rt, live) : live;
  if (!before) throw notFoundGeneric();
  const patched = applyPatchOnServer(type, before, body) as unknown as KubeObject;
  if (jsonEqual(patched, before)) return { code: 200, body: before };
  if (patched.metadata?.name !== undefined && patched.metadata.name !== name) {
    throw new StatusError(400, 'BadRequest', `the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${name})`);
  }
  if (p.subresource === 'scale') return { code: 200, body: toScale(rt, req.api.update(fromScale(live, patched), { dryRun })) };
  const upd = clone(patched);
  upd.metadata ??= {};
  upd.metadata.name = name;
  if (rt.namespaced) upd.metadata.namespace = live.metadata.namespace;
  upd.metadata.resourceVersion ??= live.metadata.resourceVersion;
  if (jsonEqual(upd.metadata.managedFields, live.metadata.managedFields)) delete (upd.metadata as { managedFields?: unknown }).managedFields;
  recordManagedFields(req, p, upd, live);
  return one(req, req.api.update(upd, { dryRun, ...(p.subresource === 'status' ? { subresource: 'status' as const } : {}) }));
}

function deleteOptions(req: ApiRequest): DeleteOptions {
  let body: Record<string, unknown> = {};
  if (req.body.trim()) {
    const b = decodeObject(req.body, req.contentType || 'application/json', req.bytes);
    if (b && typeof b === 'object') body = b as Record<string, unknown>;
  }
  const q = req.query;
  const grace = q.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  const prop = q.get('propagationPolicy') ?? body.propagationPolicy ?? (body.orphanDependents === true || q.get('orphanDependents') === 'true' ? 'Orphan' : undefined);
  if (prop !== undefined && prop !== 'Background' && prop !== 'Foreground' && prop !== 'Orphan') {
    throw new StatusError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(prop)}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const dryRun = dryRunOf(q) || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  const uid = (body.preconditions as { uid?: string } | undefined)?.uid;
  return {
    dryRun,
    propagationPolicy: prop as DeleteOptions['propagationPolicy'],
    gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace),
    uid,
  };
}

function remove(req: ApiRequest, p: ResourcePath, name: string): ApiResponse {
  const { rt } = p;
  const opts = deleteOptions(req);
  const result = req.api.delete(rt.plural, p.namespace, name, opts);
  const still = !opts.dryRun && req.api.tryGet(rt.plural, p.namespace, name);
  // Objects still present (graceful deletion, finalizers) come back as they are; gone ones as the last state for
  // pods (ReturnDeletedObject) and a Success Status for the rest.
  if (still || opts.dryRun || rt.plural === 'pods') return { code: 200, body: result };
  return { code: 200, body: success({ name, group: rt.group || undefined, kind: rt.plural, uid: result.metadata.uid }) };
}

function removeCollection(req: ApiRequest, p: ResourcePath): ApiResponse {
  const { rt } = p;
  const opts = deleteOptions(req);
  const items = req.api.list(rt.plural, p.namespace, listOptions(req.query));
  const deleted: KubeObject[] = [];
  for (const o of items) {
    try {
      deleted.push(req.api.delete(rt.plural, o.metadata.namespace, o.metadata.name!, opts));
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
    }
  }
  return { code: 200, body: { kind: `${rt.kind}List`, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: String(req.rt.store.currentRevision()) }, items: deleted } };
}

/** Serve one resource request (watch requests are handled by watch.ts before this). */
export function serveResource(req: ApiRequest, p: ResourcePath): ApiResponse {
  const { rt } = p;
  if (rt.namespaced && p.name && !p.namespace) throw notFoundGeneric();
  const sub = p.subresource;
  if (sub && !((sub === 'status' && rt.hasStatus) || (sub === 'scale' && toScaleable(p)) || (sub === 'finalize' && rt.plural === 'namespaces'))) {
    throw notFoundGeneric();
  }
  const m = req.method;
  if (!p.name) {
    if (m === 'GET') return list(req, p);
    if (m === 'POST') return create(req, p);
    if (m === 'DELETE') return removeCollection(req, p);
    throw new HttpError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }
  const name = p.name;
  if (m === 'GET') {
    const o = req.api.get(rt.plural, p.namespace, name);
    if (sub === 'scale') return { code: 200, body: toScale(rt, o) };
    return one(req, o);
  }
  if (m === 'PUT') return update(req, p, name);
  if (m === 'PATCH') return patch(req, p, name);
  if (m === 'DELETE' && !sub) return remove(req, p, name);
  throw new HttpError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
}

function toScaleable(p: ResourcePath): boolean {
  return ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(p.rt.plural);
}
