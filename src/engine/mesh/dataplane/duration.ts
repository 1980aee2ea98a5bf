/** A proto3 JSON Duration ("10s", "0.500s") in ms; undefined when absent or malformed. */
export function durationMs(d: string | undefined): number | undefined {
  if (d === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(d);
  return m ? Math.round(parseFloat(m[1]) * 1000) : undefined;
}
