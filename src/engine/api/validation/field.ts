import type { FieldError } from '../types.ts';

/** Builders for field.Error values, named as in apimachinery's field package. */
export const required = (field: string, detail?: string): FieldError => ({ type: 'Required', field, ...(detail ? { detail } : {}) });
export const invalid = (field: string, value: unknown, detail?: string): FieldError => ({ type: 'Invalid', field, value, ...(detail ? { detail } : {}) });
export const forbidden = (field: string, detail?: string): FieldError => ({ type: 'Forbidden', field, ...(detail ? { detail } : {}) });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, value });
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({ type: 'NotSupported', field, value, supported });
export const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `may not be more than ${max} bytes` });

export const fieldImmutable = 'field is immutable';

/** apimachinery ValidateImmutableField. */
export function immutable(field: string, newVal: unknown, oldVal: unknown): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(field, newVal, fieldImmutable)];
}

/** ValidateNonnegativeField. */
export function nonNegative(field: string, value: number | undefined): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

/** Semantic deep equality of JSON values where absent, null, empty map and empty list are alike at the leaves. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/** Sorted entries of a string map (Go iterates maps randomly; we report in key order). */
export function sortedEntries(m: Record<string, string> | undefined | null): Array<[string, string]> {
  return Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
