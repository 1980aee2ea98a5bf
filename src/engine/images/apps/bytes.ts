/** Sizes as `stress --vm-bytes` and friends accept them: `150M`, `1G`, `512K`, plain bytes. */
export function parseQuantityBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmMgG]?)[iI]?[bB]?$/.exec(s.trim());
  if (!m) return 0;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()]!;
  return Math.round(parseFloat(m[1]) * mult);
}
