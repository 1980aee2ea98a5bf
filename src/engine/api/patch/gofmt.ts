/** Go's `%v` of a decoded JSON value (`map[a:1 b:[x y]]`), as apimachinery error messages print patches. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>;
    const keys = Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goValue(m[k])}`).join(' ')}]`;
  }
  return String(v);
}
