/**
 * Deterministic jitter for simulated usage. The metrics pipeline never draws from the cluster's RNG: scrapes
 * run on a background timer, and drawing there would shift every later random choice (pod name suffixes).
 */
export function unitHash(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0x2f;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}
