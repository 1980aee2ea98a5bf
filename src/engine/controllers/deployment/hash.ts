/**
 * controller.ComputeHash, approximated: FNV-32a over a canonical JSON form of the pod template (upstream hashes
 * Go's spew printing of the struct, which cannot be reproduced byte for byte), then the collision count as
 * 8 little-endian bytes when set, then rand.SafeEncodeString of the decimal digits — so hashes have the
 * familiar look (`7d4b9c8f5`) and change exactly when the template or collisionCount changes.
 */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: map each character to the vowel-free alphabet by code point. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += alphanums[ch.codePointAt(0)! % alphanums.length];
  return out;
}

/** JSON with object keys sorted and empty/absent values dropped (Go's semantic equality ignores nil vs empty). */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(canonical(v)) ?? 'null';
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = canonical((v as Record<string, unknown>)[k]);
      if (x === undefined || x === null) continue;
      if (typeof x === 'object' && !Array.isArray(x) && Object.keys(x as object).length === 0) continue;
      if (Array.isArray(x) && x.length === 0) continue;
      out[k] = x;
    }
    return out;
  }
  return v;
}

function fnv32a(bytes: Iterable<number>, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    h = fnv32a([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}
