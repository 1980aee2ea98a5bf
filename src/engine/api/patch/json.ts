/** JSON values as patches see them, and the error every patch kind throws. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonMap = { [k: string]: Json };

/**
 * A patch that cannot be applied. `reason` is the apiserver's status reason for it: BadRequest (400),
 * Invalid (422, JSON patch test failures and the like) or Internal (500, SMP errors the server does not map).
 */
export class PatchError extends Error {
  constructor(
    readonly reason: 'BadRequest' | 'Invalid' | 'Internal',
    message: string,
  ) {
    super(message);
  }
}

export function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}

/** Deep equality of JSON values (map key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b));
}
