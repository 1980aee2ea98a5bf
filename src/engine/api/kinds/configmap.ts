import type { FieldError, KubeObject } from '../types.ts';
import { forbidden, invalid } from '../validation/field.ts';
import { isConfigMapKey } from '../validation/names.ts';
import { defineKind } from './define.ts';

const maxDataSize = 1024 * 1024;

/** Data key rules shared by ConfigMaps and Secrets: valid keys, no key in both maps, total size. */
export function validateDataKeys(data: Record<string, string> | undefined, binary: Record<string, string> | undefined, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of Object.keys(data ?? {}).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, k, m));
    size += String(data![k] ?? '').length;
  }
  for (const k of Object.keys(binary ?? {}).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`binaryData[${k}]`, k, m));
    if (data && k in data) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += String(binary![k] ?? '').length;
  }
  if (size > maxDataSize) errs.push({ type: 'TooLong', field: '', detail: `may not be more than ${maxDataSize} bytes` });
  void kind;
  return errs;
}

/** Immutable ConfigMaps/Secrets (`immutable: true`) reject data changes and un-setting immutable. */
export function validateImmutableData(obj: KubeObject, old: KubeObject, keys: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const k of keys) {
    if (JSON.stringify(obj[k] ?? {}) !== JSON.stringify(old[k] ?? {})) errs.push(forbidden(k, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** ConfigMap (v1). */
export const configMap = defineKind({
  kind: 'ConfigMap',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  validate(obj, ctx) {
    const errs = validateDataKeys(obj.data as Record<string, string> | undefined, obj.binaryData as Record<string, string> | undefined, 'ConfigMap');
    if (ctx.old) errs.push(...validateImmutableData(obj, ctx.old, ['data', 'binaryData']));
    return errs;
  },
});
