/**
 * JSON as kubectl prints it, the one implementation every verb uses (`-o json`, JSONPath maps and lists,
 * `api-resources -o json`, the write verbs' `-o json`). Go's encoding/json rules: `<`, `>`, `&`, U+2028,
 * U+2029 and control characters escaped, floats in Go's shortest form with a two-digit exponent, and
 * `json.MarshalIndent` layout when an indent is given (empty objects and arrays stay `{}` / `[]`).
 *
 * Key order: objects kubectl decoded from the server as unstructured maps (get, apply, create -f, replace,
 * label, ...) print with sorted keys, as Go marshals a map; typed objects (the `create <generator>`, `run`,
 * `expose` and `set` results) print in struct field order, which Kubelab keeps as the objects' insertion
 * order — pass `{ sortKeys: false }` for those.
 */
export interface JsonOptions {
  sortKeys?: boolean;
}

export function goJsonString(s: string): string {
  let r = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') r += '\\"';
    else if (ch === '\\') r += '\\\\';
    else if (ch === '\n') r += '\\n';
    else if (ch === '\r') r += '\\r';
    else if (ch === '\t') r += '\\t';
    else if (ch === '\b') r += '\\b';
    else if (ch === '\f') r += '\\f';
    else if (ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029 || c < 0x20) r += '\\u' + c.toString(16).padStart(4, '0');
    else r += ch;
  }
  return r + '"';
}

function goNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const abs = Math.abs(n);
  // Go: 'f' formatting unless the exponent is < -6 or >= 21, then 'e' with at least two exponent digits.
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

function encode(v: unknown, indent: string | undefined, prefix: string, sortKeys: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  const inner = indent === undefined ? '' : prefix + indent;
  const nl = indent === undefined ? '' : '\n';
  const sep = indent === undefined ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${nl}${v.map((x) => inner + encode(x, indent, inner, sortKeys)).join(`,${nl}`)}${nl}${indent === undefined ? '' : prefix}]`;
  }
  const m = v as Record<string, unknown>;
  let keys = Object.keys(m).filter((k) => m[k] !== undefined);
  if (sortKeys) keys = keys.sort();
  if (keys.length === 0) return '{}';
  return `{${nl}${keys.map((k) => `${inner}${goJsonString(k)}${sep}${encode(m[k], indent, inner, sortKeys)}`).join(`,${nl}`)}${nl}${indent === undefined ? '' : prefix}}`;
}

/** json.Marshal (no indent) or json.MarshalIndent(v, "", indent). */
export function goJson(value: unknown, indent?: string, opts: JsonOptions = {}): string {
  return encode(value, indent, '', opts.sortKeys ?? true);
}

/** `-o json` output: four-space indent, trailing newline. */
export function printJson(value: unknown, opts: JsonOptions = {}): string {
  return goJson(value, '    ', opts) + '\n';
}

/** A deep copy with every object's keys sorted: an unstructured map placed inside a typed object. */
export function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v !== null && typeof v === 'object') {
    const m = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(m).sort().map((k) => [k, sortedKeys(m[k])]));
  }
  return v;
}
