import { JsonPathError } from './nodes.ts';

// Decoded JSON as Go's reflection sees it in client-go's jsonpath: type names for errors, text/template's
// comparisons, the children a wildcard walks, and fmt's %v / %#v printing.

/** A value found by a path: `missing` marks Go's invalid reflect.Value (nothing there). */
export type V = unknown;

export function isObj(v: V): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function goTypeName(v: V): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObj(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** text/template's comparison helpers as jsonpath uses them (basic kinds: bool, int, float, string). */
export function compare(op: string, l: V, r: V): boolean {
  const kind = (v: V) => (typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  const kl = kind(l);
  const kr = kind(r);
  if (kl === 'other' || kr === 'other') {
    if (op === '==' || op === '!=') {
      if (l === null || r === null) throw new JsonPathError('invalid type for comparison');
    }
    throw new JsonPathError('invalid type for comparison');
  }
  const numeric = (kl === 'int' || kl === 'float') && (kr === 'int' || kr === 'float');
  if (!numeric && kl !== kr) throw new JsonPathError('incompatible types for comparison');
  if (op === '==') return l === r;
  if (op === '!=') return l !== r;
  if (kl === 'bool') throw new JsonPathError('invalid type for comparison');
  const a = l as number | string;
  const b = r as number | string;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

export function children(v: V): V[] {
  if (Array.isArray(v)) return v;
  if (isObj(v)) return Object.keys(v).sort().map((k) => v[k]);
  // Go indexes a string by byte (uint8), so the children of a string are numbers.
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  return [];
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Go's %v for float64: shortest representation, exponent form for large/small magnitudes.
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

/** Go's %v (fmt.Sprint) for a decoded JSON value: `map[a:b]`, `[x y]`, `<nil>`. */
export function goPrint(v: V): string {
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (isObj(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goPrint(v[k])}`).join(' ')}]`;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

/** Go's %#v for a decoded JSON value, as in jsonpath's debugging error text. */
export function goSyntax(v: V): string {
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (isObj(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goSyntax(v[k])}`).join(', ')}}`;
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

