/**
 * Strategic merge patch (apimachinery strategicpatch.StrategicMergePatch with MergeParallelList and
 * IgnoreUnmatchedNulls, as the apiserver applies `application/strategic-merge-patch+json`):
 * maps merge recursively, `null` deletes a field, lists with `patchStrategy: merge` merge item by item on their
 * merge key (or as a set of primitives), other lists are replaced. Directives: `$patch: replace|delete|merge`,
 * `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 */
import { fieldPatchMeta } from './meta.ts';
import { goValue } from './gofmt.ts';
import { PatchError, type Json, type JsonMap, isMap, deepClone, jsonEqual } from './json.ts';

const directive = '$patch';
const retainKeysDirective = '$retainKeys';
const setOrderPrefix = '$setElementOrder/';
const deletePrimitivePrefix = '$deleteFromPrimitiveList/';

/** Apply a strategic merge patch; the inputs are not modified. Throws PatchError. */
export function strategicMergePatch(original: unknown, patch: unknown): JsonMap {
  if (!isMap(patch)) throw new PatchError('BadRequest', 'invalid JSON document');
  const o = isMap(original) ? (deepClone(original) as JsonMap) : {};
  return mergeMap(o, deepClone(patch) as JsonMap, []);
}

function badPatchType(t: Json, m: JsonMap): PatchError {
  return new PatchError('Internal', `unknown patch type: ${goValue(t)} in map: ${goValue(m)}`);
}

function noMergeKey(m: Json, key: string): PatchError {
  return new PatchError('Internal', `map: ${goValue(m)} does not contain declared merge key: ${key}`);
}

function discardNulls(v: Json): void {
  if (Array.isArray(v)) v.forEach(discardNulls);
  else if (isMap(v)) for (const k of Object.keys(v)) {
    if (v[k] === null) delete v[k];
    else discardNulls(v[k]);
  }
}

function mergeMap(original: JsonMap, patch: JsonMap, path: string[]): JsonMap {
  if (directive in patch) {
    const d = patch[directive];
    if (d === 'replace') {
      delete patch[directive];
      return patch;
    }
    if (d === 'delete') return {};
    throw badPatchType(d, patch);
  }
  if (retainKeysDirective in patch) {
    const keep = patch[retainKeysDirective];
    delete patch[retainKeysDirective];
    if (!Array.isArray(keep)) throw new PatchError('BadRequest', 'invalid patch format of retainKeys');
    const keepSet = new Set(keep.map((k) => String(k)));
    for (const k of Object.keys(original)) if (!keepSet.has(k)) delete original[k];
  }
  mergeParallelLists(original, patch, path);
  for (const [k, pv] of Object.entries(patch)) {
    if (k.startsWith(deletePrimitivePrefix)) {
      const key = k.slice(deletePrimitivePrefix.length);
      const ov = original[key];
      if (!Array.isArray(pv)) throw new PatchError('BadRequest', 'invalid patch format of primitive list');
      if (Array.isArray(ov)) original[key] = ov.filter((x) => !pv.some((d) => jsonEqual(d, x)));
      continue;
    }
    if (pv === null) {
      delete original[k];
      continue;
    }
    if (!(k in original)) {
      discardNulls(pv);
      original[k] = stripDirectives(pv);
      continue;
    }
    const ov = original[k];
    if (isMap(ov) && isMap(pv)) original[k] = mergeMap(ov, pv, [...path, k]);
    else if (Array.isArray(ov) && Array.isArray(pv)) {
      const meta = fieldPatchMeta(path, k);
      original[k] = meta?.merge ? mergeList(ov, pv, meta.key ?? '', [...path, k], k) : pv;
    } else {
      discardNulls(pv);
      original[k] = pv;
    }
  }
  return original;
}

/** A value added where nothing was: `$patch` markers inside are dropped, as the merge of an empty original does. */
function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.filter((x) => !(isMap(x) && directive in x && x[directive] === 'delete')).map(stripDirectives);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) if (k !== directive && k !== retainKeysDirective && !k.startsWith(setOrderPrefix)) out[k] = stripDirectives(x);
    return out;
  }
  return v;
}

function keyOf(item: Json, key: string): string | undefined {
  if (!key) return JSON.stringify(item);
  if (!isMap(item) || !(key in item)) return undefined;
  return JSON.stringify(item[key]);
}

/** `$setElementOrder/<list>`: merge the list now and order its items as the directive says. */
function mergeParallelLists(original: JsonMap, patch: JsonMap, path: string[]): void {
  for (const k of Object.keys(patch)) {
    if (!k.startsWith(setOrderPrefix)) continue;
    const order = patch[k];
    delete patch[k];
    const key = k.slice(setOrderPrefix.length);
    if (!Array.isArray(order)) throw new PatchError('BadRequest', 'invalid patch format of setElementOrder list');
    const meta = fieldPatchMeta(path, key);
    const ov = Array.isArray(original[key]) ? (original[key] as Json[]) : [];
    let pv = Array.isArray(patch[key]) ? (patch[key] as Json[]) : [];
    let base = ov;
    const del = patch[deletePrimitivePrefix + key];
    if (Array.isArray(del)) {
      base = base.filter((x) => !del.some((d) => jsonEqual(d, x)));
      delete patch[deletePrimitivePrefix + key];
    }
    const mk = meta?.key ?? '';
    let merged: Json[];
    if (!mk) merged = dedupe([...base, ...pv]);
    else {
      const special = splitSpecial(base, pv, mk);
      base = special.original;
      pv = special.patch;
      merged = mergeItems(base, pv, mk, [...path, key]);
    }
    // Items named by the directive follow its order; the others keep the server's.
    original[key] = normalizeOrder(merged, order, order, ov, mk);
    delete patch[key];
  }
}

function dedupe(xs: Json[]): Json[] {
  const out: Json[] = [];
  for (const x of xs) if (!out.some((y) => jsonEqual(x, y))) out.push(x);
  return out;
}

function splitSpecial(original: Json[], patch: Json[], key: string): { original: Json[]; patch: Json[]; replace: boolean } {
  const rest: Json[] = [];
  let replace = false;
  for (const p of patch) {
    if (!isMap(p) || !(directive in p)) {
      rest.push(p);
      continue;
    }
    const d = p[directive];
    if (d === 'delete') {
      if (!(key in p)) throw noMergeKey(p, key);
      const kv = JSON.stringify(p[key]);
      original = original.filter((o) => keyOf(o, key) !== kv);
    } else if (d === 'replace') replace = true;
    else if (d === 'merge') throw new PatchError('Internal', 'merging lists cannot yet be specified in the patch');
    else throw badPatchType(d, p);
  }
  return replace ? { original: rest, patch: [], replace } : { original, patch: rest, replace };
}

function mergeItems(original: Json[], patch: Json[], key: string, path: string[]): Json[] {
  const out = [...original];
  for (const p of patch) {
    if (!isMap(p)) throw new PatchError('Internal', `cannot merge lists without merge key for ${path[path.length - 1]}`);
    if (!(key in p)) throw noMergeKey(p, key);
    const kv = JSON.stringify(p[key]);
    const i = out.findIndex((o) => keyOf(o, key) === kv);
    if (i >= 0 && isMap(out[i])) out[i] = mergeMap(out[i] as JsonMap, p, path);
    else out.push(stripDirectives(p));
  }
  return out;
}

function mergeList(original: Json[], patch: Json[], key: string, path: string[], field: string): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const isMaps = [...original, ...patch].some(isMap);
  let merged: Json[];
  if (!isMaps) merged = dedupe([...original, ...patch]);
  else {
    if (!key) throw new PatchError('Internal', `cannot merge lists without merge key for ${field}`);
    const s = splitSpecial(original, patch, key);
    merged = mergeItems(s.original, s.patch, key, path);
    patch = s.patch;
  }
  return normalizeOrder(merged, patch, patch, original, key);
}

/**
 * normalizeElementOrder: items named in the patch follow `patchOrder`, the others keep the server's order,
 * and the two are interleaved where the server order relates them.
 */
function normalizeOrder(merged: Json[], patch: Json[], patchOrder: Json[], serverOrder: Json[], key: string): Json[] {
  const inPatch = new Set(patch.map((p) => keyOf(p, key)));
  const patchItems = merged.filter((m) => inPatch.has(keyOf(m, key)));
  const serverOnly = merged.filter((m) => !inPatch.has(keyOf(m, key)));
  const idx = (list: Json[], x: Json): number => {
    const kx = keyOf(x, key);
    return list.findIndex((y) => keyOf(y, key) === kx);
  };
  const sortBy = (xs: Json[], order: Json[]) => [...xs].sort((a, b) => idx(order, a) - idx(order, b));
  const left = sortBy(serverOnly, serverOrder);
  const right = sortBy(patchItems, patchOrder);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = idx(serverOrder, left[i]);
      const ri = idx(serverOrder, right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
