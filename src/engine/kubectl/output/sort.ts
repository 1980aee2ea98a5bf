/**
 * `--sort-by`: kubectl's TableSorter. Each row's object is evaluated with the (relaxed) JSONPath; rows
 * compare on the first value found, with isLess's rules: numbers numerically, strings in natural order
 * (fvbommel/sortorder), false before true. Rows without a value keep their place relative to others.
 */
import { KubectlError } from '../errors.ts';
import { relaxedJsonPath } from './customcolumns.ts';
import { JsonPath } from './jsonpath.ts';

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** sortorder.NaturalLess. */
export function naturalLess(s1: string, s2: string): boolean {
  let i1 = 0;
  let i2 = 0;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1];
    const c2 = s2[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && s1[i1] === '0') i1++;
    while (i2 < s2.length && s2[i2] === '0') i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < s1.length && isDigit(s1[i1])) i1++;
    while (i2 < s2.length && isDigit(s2[i2])) i2++;
    const len1 = i1 - nz1;
    const len2 = i2 - nz2;
    if (len1 !== len2) return len1 < len2;
    const n1 = s1.slice(nz1, i1);
    const n2 = s2.slice(nz2, i2);
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

function isLess(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (isLess(a[i], b[i])) return true;
      if (isLess(b[i], a[i])) return false;
    }
    return a.length < b.length;
  }
  return false;
}

/** Build a comparator for `--sort-by` over objects; throws kubectl's error for a bad expression. */
export function sortByField<T>(items: readonly T[], field: string, objectOf: (t: T) => unknown): T[] {
  let expr: string;
  try {
    expr = relaxedJsonPath(field);
  } catch {
    expr = field;
  }
  const parser = new JsonPath('sorting');
  try {
    parser.parse(expr);
  } catch (e) {
    throw new KubectlError(`sorting error: ${(e as Error).message}\n`);
  }
  const keys = items.map((it) => {
    try {
      return parser.findAll(JSON.parse(JSON.stringify(objectOf(it))));
    } catch {
      return [];
    }
  });
  const idx = items.map((_, i) => i);
  idx.sort((x, y) => {
    const kx = keys[x].find((r) => r.length > 0);
    const ky = keys[y].find((r) => r.length > 0);
    if (!kx || !ky) return 0;
    if (isLess(kx[0], ky[0])) return -1;
    if (isLess(ky[0], kx[0])) return 1;
    return 0;
  });
  return idx.map((i) => items[i]);
}
