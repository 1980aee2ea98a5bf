// The three walks of structured-merge-diff over JSON objects: the field set of an applied configuration
// (typed/tofieldset.go), the comparison of two versions (typed/compare.go: added, modified, removed), and the
// merge of a configuration into the live object plus removal of fields nobody manages any more (typed/merge.go,
// typed/remove.go).
import { FieldSet } from './fieldset.ts';
import { atomicMap, listType, type ListType } from './listtypes.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The path element of a list item: `k:{...}` for associative lists, `v:...` for sets. */
function itemPE(lt: ListType, item: unknown): string | undefined {
  if (lt.kind === 'set') return isObj(item) || Array.isArray(item) ? undefined : `v:${JSON.stringify(item)}`;
  if (lt.kind !== 'map' || !isObj(item)) return undefined;
  const key: Obj = {};
  for (const k of [...lt.keys].sort()) {
    // Keys with a schema default (a port's protocol) take it when the item leaves them out.
    const v = item[k] ?? (k === 'protocol' ? 'TCP' : undefined);
    if (v !== undefined) key[k] = v;
  }
  return `k:${JSON.stringify(key)}`;
}

/** Index a granular list by path element; undefined when some item cannot be keyed (treated as atomic). */
function indexList(lt: ListType, list: unknown[]): Map<string, unknown> | undefined {
  const m = new Map<string, unknown>();
  for (const item of list) {
    const pe = itemPE(lt, item);
    if (pe === undefined) return undefined;
    m.set(pe, item);
  }
  return m;
}

// ---- ToFieldSet ----

/** The fields an applied configuration sets. */
export function toFieldSet(obj: Obj): FieldSet {
  const set = new FieldSet();
  objectFields(obj, [], [], set);
  return set;
}

function objectFields(o: Obj, path: string[], parents: string[], set: FieldSet): void {
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    fieldFields(v, [...path, `f:${k}`], parents, k, set);
  }
}

function fieldFields(v: unknown, p: string[], parents: string[], name: string, set: FieldSet): void {
  if (Array.isArray(v)) {
    const lt = listType(parents, name);
    const idx = lt.kind === 'atomic' ? undefined : indexList(lt, v);
    if (!idx) return set.insert(p);
    for (const [pe, item] of idx) {
      if (isObj(item)) objectFields(item, [...p, pe], [...parents, name], set);
      set.insert([...p, pe]);
    }
    return;
  }
  if (isObj(v)) {
    if (atomicMap(parents, name) || Object.keys(v).length === 0) return set.insert(p);
    return objectFields(v, p, [...parents, name], set);
  }
  set.insert(p);
}

// ---- Compare ----

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** What changed from `lhs` to `rhs`. */
export function compare(lhs: Obj, rhs: Obj): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareObjects(lhs, rhs, [], [], c);
  return c;
}

function compareObjects(l: Obj | undefined, r: Obj | undefined, path: string[], parents: string[], c: Comparison): void {
  const keys = new Set([...Object.keys(l ?? {}), ...Object.keys(r ?? {})]);
  for (const k of keys) compareField(l?.[k], r?.[k], [...path, `f:${k}`], parents, k, c);
}

function leaf(l: unknown, r: unknown, p: string[], c: Comparison): void {
  if (l === undefined) c.added.insert(p);
  else if (r === undefined) c.removed.insert(p);
  else if (!deepEqual(l, r)) c.modified.insert(p);
}

function compareField(l: unknown, r: unknown, p: string[], parents: string[], name: string, c: Comparison): void {
  if (l === undefined && r === undefined) return;
  // null is a wildcard that takes the other side's form (an empty list or map), and the field itself stays.
  if (l === null && r !== null && r !== undefined && typeof r === 'object') {
    compareChildren(Array.isArray(r) ? [] : {}, r, p, parents, name, c);
    return;
  }
  if (r === null && l !== null && l !== undefined && typeof l === 'object') {
    compareChildren(l, Array.isArray(l) ? [] : {}, p, parents, name, c);
    return;
  }
  const both = l !== undefined && r !== undefined;
  if (both && (Array.isArray(l) !== Array.isArray(r) || isObj(l) !== isObj(r))) return leaf(l, r, p, c);
  const any = l ?? r;
  if (!Array.isArray(any) && !isObj(any)) return leaf(l, r, p, c);
  if (compareChildren(l, r, p, parents, name, c)) return;
  if (l === undefined) c.added.insert(p);
  else if (r === undefined) c.removed.insert(p);
}

/** Compare a list or map field's contents; true when it was compared as a leaf. */
function compareChildren(l: unknown, r: unknown, p: string[], parents: string[], name: string, c: Comparison): boolean {
  const any = l ?? r;
  if (Array.isArray(any)) {
    const la = (l as unknown[] | undefined) ?? [];
    const ra = (r as unknown[] | undefined) ?? [];
    const lt = listType(parents, name);
    const li = lt.kind === 'atomic' ? undefined : indexList(lt, la);
    const ri = lt.kind === 'atomic' ? undefined : indexList(lt, ra);
    if (!li || !ri || (la.length === 0 && ra.length === 0)) return (leaf(l, r, p, c), true);
    for (const pe of new Set([...li.keys(), ...ri.keys()])) {
      const a = li.get(pe);
      const b = ri.get(pe);
      const ip = [...p, pe];
      if (isObj(a) || isObj(b)) {
        compareObjects(a as Obj | undefined, b as Obj | undefined, ip, [...parents, name], c);
        if (a === undefined) c.added.insert(ip);
        else if (b === undefined) c.removed.insert(ip);
      } else leaf(a, b, ip, c);
    }
  } else if (isObj(any)) {
    const lo = l as Obj | undefined;
    const ro = r as Obj | undefined;
    const emptyBoth = (!lo || Object.keys(lo).length === 0) && (!ro || Object.keys(ro).length === 0);
    if (atomicMap(parents, name) || emptyBoth) return (leaf(l, r, p, c), true);
    compareObjects(lo, ro, p, [...parents, name], c);
  }
  return false;
}

// ---- Merge and remove ----

/** The live object with the configuration merged in (the configuration wins; granular lists merge by key). */
export function merge(live: Obj, config: Obj): Obj {
  return mergeObjects(live, config, []);
}

function mergeObjects(l: Obj, r: Obj, parents: string[]): Obj {
  const out: Obj = { ...l };
  for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = mergeField(l[k], v, parents, k);
  return out;
}

function mergeField(l: unknown, r: unknown, parents: string[], name: string): unknown {
  if (l === undefined || r === null) return r;
  if (Array.isArray(r) && Array.isArray(l)) {
    const lt = listType(parents, name);
    const li = lt.kind === 'atomic' ? undefined : indexList(lt, l);
    const ri = lt.kind === 'atomic' ? undefined : indexList(lt, r);
    if (!li || !ri) return r;
    const out: unknown[] = [];
    for (const [pe, item] of li) {
      const c = ri.get(pe);
      out.push(c === undefined ? item : isObj(item) && isObj(c) ? mergeObjects(item, c, [...parents, name]) : c);
    }
    for (const [pe, item] of ri) if (!li.has(pe)) out.push(item);
    return out;
  }
  if (isObj(r) && isObj(l) && !atomicMap(parents, name)) return mergeObjects(l, r, [...parents, name]);
  return r;
}

/** The object without the members of `set` (each member's whole subtree goes). */
export function removeItems(obj: Obj, set: FieldSet): Obj {
  return removeIn(obj, set, []) as Obj;
}

function removeIn(v: unknown, set: FieldSet, parents: string[], name = ''): unknown {
  if (Array.isArray(v)) {
    const lt = listType(parents, name);
    const out: unknown[] = [];
    for (const item of v) {
      const pe = itemPE(lt, item);
      const node = pe === undefined ? undefined : set.children.get(pe);
      if (node?.member) continue;
      out.push(node && isObj(item) ? removeIn(item, node, [...parents, name]) : item);
    }
    return out;
  }
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const node = set.children.get(`f:${k}`);
    if (node?.member) continue;
    out[k] = node ? removeIn(x, node, name ? [...parents, name] : parents, k) : x;
  }
  return out;
}
