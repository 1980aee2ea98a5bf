// Unknown-field detection for fieldValidation=Strict|Warn, against the OpenAPI schema the lab ships
// (kubectl/explain/schema.json): the paths of fields the kind's schema does not declare, as the apiserver's
// strict decoder names them (`spec.template.spec.containers[0].foo`).
import type { KubeObject, ResourceType } from '../engine/api/types.ts';
import schemaJson from '../engine/kubectl/explain/schema.json';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

const schemas = (schemaJson as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
let byGvk: Map<string, Schema> | undefined;

function rootFor(rt: ResourceType): Schema | undefined {
  if (!byGvk) {
    byGvk = new Map();
    for (const s of Object.values(schemas)) for (const g of s['x-kubernetes-group-version-kind'] ?? []) byGvk.set(`${g.group}/${g.version}/${g.kind}`, s);
  }
  return byGvk.get(`${rt.group}/${rt.version}/${rt.kind}`);
}

function resolve(s: Schema): Schema {
  for (let i = 0; i < 20; i++) {
    if (s.$ref) s = schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
    else if (s.allOf?.length === 1) s = s.allOf[0];
    else break;
  }
  return s;
}

function walk(value: unknown, s: Schema, path: string, out: string[]): void {
  s = resolve(s);
  if (s['x-kubernetes-preserve-unknown-fields']) return;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => walk(v, s.items!, `${path}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const ap = s.additionalProperties;
  if (s.properties) {
    for (const [k, v] of Object.entries(value)) {
      const child = s.properties[k];
      const p = path ? `${path}.${k}` : k;
      if (child) walk(v, child, p, out);
      else if (ap && typeof ap === 'object') walk(v, ap, p, out);
      else if (!ap) out.push(p);
    }
  } else if (ap && typeof ap === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, ap, path ? `${path}.${k}` : k, out);
  }
}

/** The unknown fields of `obj` (empty when the kind has no schema in the lab's OpenAPI document). */
export function checkUnknownFields(rt: ResourceType, obj: KubeObject): string[] {
  const root = rootFor(rt);
  if (!root) return [];
  const out: string[] = [];
  walk(obj, root, '', out);
  return out;
}
