import type { FieldError } from '../../types.ts';
import { invalid, notSupported, required } from '../../validation/field.ts';
import { parseGoDuration } from './duration.ts';

/**
 * The apiserver's structural-schema checks for Istio's CRDs (the OpenAPI v3 schemas and CEL rules of Istio
 * 1.24's crd-all.gen.yaml, descriptions stripped, in schemas.json): unknown fields (strict decoding), types,
 * enums, required fields, bounds, and the CEL rules Istio ships, matched by their rule text.
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
  minLength?: number;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
}

/** Paths of fields the schema does not declare, as strict decoding reports them ("spec.http[0].foo"). */
export function unknownFields(schema: JsonSchema, value: unknown, path = ''): string[] {
  const out: string[] = [];
  walkUnknown(schema, value, path, out);
  return out;
}

function walkUnknown(s: JsonSchema, v: unknown, path: string, out: string[]): void {
  if (v === null || typeof v !== 'object' || s['x-kubernetes-preserve-unknown-fields']) return;
  if (Array.isArray(v)) {
    if (s.items) v.forEach((x, i) => walkUnknown(s.items!, x, `${path}[${i}]`, out));
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    const sub = s.properties?.[k];
    if (sub) walkUnknown(sub, x, p, out);
    else if (typeof s.additionalProperties === 'object') walkUnknown(s.additionalProperties, x, p, out);
    else if (s.properties && path !== 'metadata') out.push(p);
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(t: string, v: unknown): boolean {
  const actual = typeName(v);
  if (t === 'number') return actual === 'number' || actual === 'integer';
  return actual === t;
}

/** Schema + CEL validation of a value at `path`; errors in the apiserver's field.Error form. */
export function validateSchema(s: JsonSchema, v: unknown, path: string, out: FieldError[] = []): FieldError[] {
  if (v === null || v === undefined) return out;
  if (s['x-kubernetes-int-or-string']) {
    if (typeof v !== 'string' && !Number.isInteger(v)) out.push(invalid(path, typeName(v), `${path} in body must be of type integer,string: "${typeName(v)}"`));
    return out;
  }
  if (s.type && !typeMatches(s.type, v)) {
    out.push(invalid(path, typeName(v), `${path} in body must be of type ${s.type}: "${typeName(v)}"`));
    return out;
  }
  if (s.enum && !s.enum.includes(v)) out.push(notSupported(path, v, s.enum.map(String)));
  if (typeof v === 'number') {
    if (s.maximum !== undefined && v > s.maximum) out.push(invalid(path, v, `${path} in body should be less than or equal to ${s.maximum}`));
    if (s.minimum !== undefined && v < s.minimum) out.push(invalid(path, v, `${path} in body should be greater than or equal to ${s.minimum}`));
  }
  if (typeof v === 'string' && s.maxLength !== undefined && v.length > s.maxLength) out.push({ type: 'TooLong', field: path, detail: `may not be more than ${s.maxLength} bytes` });
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ type: 'TooMany', field: path, value: v.length, detail: `must have at most ${s.maxItems} items` });
    if (s.minItems !== undefined && v.length < s.minItems) out.push(invalid(path, v.length, `${path} in body should have at least ${s.minItems} items`));
    if (s.items) v.forEach((x, i) => validateSchema(s.items!, x, `${path}[${i}]`, out));
  } else if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (o[r] === undefined) out.push(required(path ? `${path}.${r}` : r));
    for (const [k, x] of Object.entries(o)) {
      const sub = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (sub) validateSchema(sub, x, path ? `${path}.${k}` : k, out);
    }
  }
  for (const rule of s['x-kubernetes-validations'] ?? []) {
    const check = celRules[rule.rule];
    if (check && !check(v)) out.push(invalid(path, typeName(v) === 'array' ? 'array' : typeName(v), rule.message ?? `failed rule: ${rule.rule}`));
  }
  return out;
}

const has = (o: unknown, k: string): boolean => o !== null && typeof o === 'object' && (o as Record<string, unknown>)[k] !== undefined;
const get = (o: unknown, k: string): unknown => (o as Record<string, unknown>)[k];
const keysOf = (o: unknown): string[] => (o && typeof o === 'object' ? Object.keys(o) : []);
const portName = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/** The CEL rules of Istio's CRDs, by rule text; rules not listed are not evaluated (SIMPLIFICATIONS.md). */
const celRules: Record<string, (v: unknown) => boolean> = {
  "duration(self) >= duration('1ms')": (v) => {
    const d = typeof v === 'string' ? parseGoDuration(v) : undefined;
    return d !== undefined && d >= 1;
  },
  "self.all(key, !key.contains('*'))": (v) => keysOf(v).every((k) => !k.includes('*')),
  'self.all(key, key.size() != 0)': (v) => keysOf(v).every((k) => k.length !== 0),
  "!self.contains('*')": (v) => typeof v !== 'string' || !v.includes('*'),
  '(has(self.workloadSelector)?1:0)+(has(self.endpoints)?1:0)<=1': (v) => !(has(v, 'workloadSelector') && has(v, 'endpoints')),
  "(!has(self.resolution) || self.resolution == 'NONE') ? !has(self.endpoints) : true": (v) =>
    has(v, 'resolution') && get(v, 'resolution') !== 'NONE' ? true : !has(v, 'endpoints'),
  "(has(self.resolution) && self.resolution == 'DNS_ROUND_ROBIN') ? (!has(self.endpoints) || size(self.endpoints) == 1) : true": (v) =>
    get(v, 'resolution') === 'DNS_ROUND_ROBIN' ? !has(v, 'endpoints') || (get(v, 'endpoints') as unknown[]).length === 1 : true,
  "!(has(self.addresses) && self.addresses.exists(k, k.contains('/')) && (has(self.resolution) && self.resolution != 'STATIC' && self.resolution != 'NONE'))": (v) =>
    !(
      Array.isArray(get(v, 'addresses')) &&
      (get(v, 'addresses') as unknown[]).some((a) => String(a).includes('/')) &&
      has(v, 'resolution') &&
      get(v, 'resolution') !== 'STATIC' &&
      get(v, 'resolution') !== 'NONE'
    ),
  "self.all(key, size(key) < 63 && key.matches('^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$'))": (v) => keysOf(v).every((k) => k.length < 63 && portName.test(k)),
  '0 < self && self <= 65535': (v) => typeof v === 'number' && v > 0 && v <= 65535,
  "self != '*'": (v) => v !== '*',
  'self.all(l1, self.exists_one(l2, l1.number == l2.number))': (v) =>
    Array.isArray(v) && v.every((a) => v.filter((b) => get(b, 'number') === get(a, 'number')).length === 1),
  '(has(self.selector)?1:0)+(has(self.targetRef)?1:0)+(has(self.targetRefs)?1:0)<=1': (v) =>
    (has(v, 'selector') ? 1 : 0) + (has(v, 'targetRef') ? 1 : 0) + (has(v, 'targetRefs') ? 1 : 0) <= 1,
  "(has(self.selector) && has(self.selector.matchLabels) && self.selector.matchLabels.size() > 0) || !has(self.portLevelMtls)": (v) =>
    (has(v, 'selector') && keysOf(get(get(v, 'selector'), 'matchLabels')).length > 0) || !has(v, 'portLevelMtls'),
  'self.all(key, 0 < int(key) && int(key) <= 65535)': (v) => keysOf(v).every((k) => /^\d+$/.test(k) && Number(k) > 0 && Number(k) <= 65535),
};
