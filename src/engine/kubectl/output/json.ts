/**
 * JSON exactly as Go's encoding/json writes decoded (unstructured) objects, which is what kubectl prints for
 * `-o json` and JSONPath maps/lists: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped, and
 * `json.MarshalIndent` layout when an indent is given.
 */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function goJson(value: unknown, indent?: string): string {
  const text = JSON.stringify(sortKeys(value === undefined ? null : value), null, indent) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `-o json` output: four-space indent, trailing newline. */
export function printJson(value: unknown): string {
  return goJson(value, '    ') + '\n';
}
