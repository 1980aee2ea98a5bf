// OpenAPI documents built from the engine's explain schema (kubectl/explain/schema.json): /openapi/v3 (the
// index and one document per group-version, which `kubectl explain` and kubectl's field-validation probe
// read) and /openapi/v2 (the same definitions in Swagger 2.0 form).
import type { ResourceRegistry } from '../engine/api/registry.ts';
import type { ResourceType } from '../engine/api/types.ts';
import schemaJson from '../engine/kubectl/explain/schema.json';
import { groupVersion } from './discovery.ts';

type Doc = { components: { schemas: Record<string, unknown> } };
const schema = schemaJson as unknown as Doc;

/** The URL path of a group-version's documents: `api/v1`, `apis/apps/v1`. */
export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function gvs(registry: ResourceRegistry): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of registry.all()) seen.set(groupVersion(t), { group: t.group, version: t.version });
  return [...seen.values()];
}

/** A stable hash of the served schema (the index's `?hash=`), so kubectl's disk cache stays valid. */
const docHash = 'kubelab-1-32';

export function openapiV3Index(registry: ResourceRegistry): unknown {
  const paths: Record<string, unknown> = {};
  for (const gv of gvs(registry)) {
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${docHash}` };
  }
  return { paths };
}

const queryParams = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

function operations(t: ResourceType, item: boolean): Record<string, unknown> {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  const op = (action: string, params = false) => ({
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...(params ? { parameters: queryParams } : {}),
  });
  if (!item) return { get: op('list'), post: op('post', true), delete: op('deletecollection') };
  return { get: op('get'), put: op('put', true), patch: op('patch', true), delete: op('delete') };
}

/** The /openapi/v3/PATH document of one group-version, or undefined when no such group-version is served. */
export function openapiV3Doc(registry: ResourceRegistry, path: string): unknown | undefined {
  const gv = gvs(registry).find((x) => gvPath(x.group, x.version) === path);
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of registry.all()) {
    if (t.group !== gv.group || t.version !== gv.version) continue;
    const base = t.namespaced ? `/${path}/namespaces/{namespace}/${t.plural}` : `/${path}/${t.plural}`;
    paths[base] = operations(t, false);
    paths[`${base}/{name}`] = operations(t, true);
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: schema.components };
}

function toV2(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toV2);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out[k] = x.replace('#/components/schemas/', '#/definitions/');
      else if (k === 'allOf' && Array.isArray(x) && x.length === 1) Object.assign(out, toV2(x[0]) as object);
      else out[k] = toV2(x);
    }
    return out;
  }
  return v;
}

let v2Cache: string | undefined;

/** /openapi/v2 (JSON). */
export function openapiV2(): string {
  return (v2Cache ??= JSON.stringify({ swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions: toV2(schema.components.schemas) }));
}
