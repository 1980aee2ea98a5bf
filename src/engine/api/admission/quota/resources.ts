/**
 * Resource lists for quota arithmetic (quota/v1/resources.go): Add, Subtract, Mask, LessThanOrEqual, with
 * resource.Quantity's rule that adding to a zero quantity takes the addend's format.
 */
import { fromNano, parseQuantity, type Quantity } from '../../../util/quantity.ts';

export type Usage = Map<string, Quantity>;

export const zero = (): Quantity => fromNano(0n, 'DecimalSI');
export const one = (): Quantity => fromNano(1_000_000_000n, 'DecimalSI');

function sum(a: Quantity, b: Quantity): Quantity {
  return fromNano(a.nano + b.nano, a.nano === 0n ? b.format : a.format);
}

export function fromList(list: Readonly<Record<string, string>> | undefined): Usage {
  const out: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) out.set(k, parseQuantity(v));
  return out;
}

/** A plain ResourceList with canonical values, keys sorted (as Go's JSON encoding of a map). */
export function toList(u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...u.keys()].sort()) out[k] = u.get(k)!.canonical;
  return out;
}

export function add(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of a) out.set(k, b.has(k) ? sum(v, b.get(k)!) : v);
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

/** SubtractWithNonNegativeResult. */
export function subtractNonNegative(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of a) {
    const o = b.get(k);
    const n = o ? v.nano - o.nano : v.nano;
    out.set(k, fromNano(n < 0n ? 0n : n, v.format));
  }
  return out;
}

export function mask(u: Usage, names: Iterable<string>): Usage {
  const keep = new Set(names);
  const out: Usage = new Map();
  for (const [k, v] of u) if (keep.has(k)) out.set(k, v);
  return out;
}

/** LessThanOrEqual: the resources of `a` that exceed `b` (resources absent from `b` are not limited). */
export function exceeded(a: Usage, b: Usage): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const lim = b.get(k);
    if (lim && v.nano > lim.nano) out.push(k);
  }
  return out;
}

export function isZero(u: Usage): boolean {
  for (const v of u.values()) if (v.nano !== 0n) return false;
  return true;
}

export function negatives(u: Usage): string[] {
  return [...u].filter(([, v]) => v.nano < 0n).map(([k]) => k);
}

export function equal(a: Usage, b: Usage): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k)?.nano !== v.nano) return false;
  return true;
}

/** prettyPrint: `k=v,k=v` sorted by name. */
export function prettyPrint(u: Usage): string {
  return [...u.keys()]
    .sort()
    .map((k) => `${k}=${u.get(k)!.canonical}`)
    .join(',');
}
