/**
 * A JSON Schema (draft-07) for Kubernetes manifests, built from the OpenAPI v3 component schemas Kubelab
 * ships for `kubectl explain` (the Kubernetes 1.32 API types). One root schema covers every kind: its
 * `apiVersion` and `kind` offer the known values, and an `if`/`then` per kind applies that kind's schema,
 * so each document of a multi-document file is checked against its own kind. Pure data; no Monaco here.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const REF_PREFIX = '#/components/schemas/';

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One OpenAPI schema node as JSON Schema: refs point into `definitions`, int-or-string becomes an
 * integer-or-string, and object types with a fixed field list reject unknown fields (as the API server's
 * strict field validation, kubectl's default, does).
 */
function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-kubernetes-')) continue;
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) out.$ref = `#/definitions/${v.slice(REF_PREFIX.length)}`;
    else if (k === 'properties' && isObj(v)) out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s)]));
    else out[k] = convert(v);
  }
  if (node['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];
  if (out.type === 'object' && isObj(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function apiVersionOf(g: Gvk): string {
  return g.group ? `${g.group}/${g.version}` : g.version;
}

/** The root schema and the list of kinds it knows. `openapi` is `{ components: { schemas } }`. */
export function kubernetesJsonSchema(openapi: { components: { schemas: Record<string, unknown> } }): { schema: Obj; kinds: Array<{ apiVersion: string; kind: string }> } {
  const schemas = openapi.components.schemas as Record<string, Json>;
  const definitions: Obj = {};
  const kinds: Array<{ apiVersion: string; kind: string; def: string }> = [];
  for (const [name, s] of Object.entries(schemas)) {
    definitions[name] = convert(s);
    const gvks = isObj(s) ? s['x-kubernetes-group-version-kind'] : undefined;
    if (Array.isArray(gvks)) for (const g of gvks as unknown as Gvk[]) kinds.push({ apiVersion: apiVersionOf(g), kind: g.kind, def: name });
  }
  kinds.sort((a, b) => (a.kind + a.apiVersion < b.kind + b.apiVersion ? -1 : 1));
  const schema: Obj = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes 1.32 object',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.', enum: [...new Set(kinds.map((k) => k.apiVersion))].sort() },
      kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.', enum: [...new Set(kinds.map((k) => k.kind))].sort() },
    },
    allOf: kinds.map((k) => ({
      if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${k.def}` },
    })),
    definitions,
  };
  return { schema, kinds: kinds.map(({ apiVersion, kind }) => ({ apiVersion, kind })) };
}
