/**
 * Deterministic pseudo-random bytes derived from a label (FNV-1a of the label seeds an xorshift32): stand-in key
 * material, moduli and ciphertexts that must look random yet be the same on every run. Not cryptography.
 */
export function labelBytes(label: string, n: number): number[] {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    h ^= h << 13;
    h >>>= 0;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out.push(h & 0xff);
  }
  return out;
}
