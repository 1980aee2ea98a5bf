/**
 * Three-way strategic merge, as `kubectl apply` computes it (apimachinery strategicpatch
 * CreateThreeWayMergePatch, then the server applies the patch): starting from the live object,
 * - fields set in the new configuration (`modified`) take its values,
 * - fields that were in the last applied configuration (`original`) but are gone from `modified` are removed,
 * - fields nobody applied (defaults, controller-set fields) stay as they are.
 * Lists with a patch merge key (meta.ts) are merged item by item; other lists are replaced whole.
 * `retainKeys` fields (volumes, deployment strategy) drop keys the new configuration no longer has.
 */
import { fieldPatchMeta } from './meta.ts';
import { deepClone as clone, isMap, type Json, type JsonMap } from './json.ts';

/** The new object: `live` with the changes from `original` to `modified` applied. Inputs are not modified. */
export function threeWayMerge(original: unknown, modified: unknown, live: unknown): unknown {
  return mergeValue(original as Json | undefined, modified as Json, live as Json | undefined, []);
}

function mergeValue(original: Json | undefined, modified: Json, live: Json | undefined, path: string[]): Json {
  if (!isMap(modified) || !isMap(live)) return clone(modified);
  return mergeMap(isMap(original) ? original : undefined, modified, live, path, false);
}

function mergeMap(original: JsonMap | undefined, modified: JsonMap, live: JsonMap, path: string[], retain: boolean): JsonMap {
  const result: JsonMap = {};
  for (const [k, v] of Object.entries(live)) if (v !== undefined) result[k] = clone(v);
  if (original) for (const k of Object.keys(original)) if (!(k in modified)) delete result[k];
  for (const [k, mv] of Object.entries(modified)) {
    if (mv === undefined) continue;
    if (mv === null) {
      delete result[k];
      continue;
    }
    const lv = live[k];
    const ov = original?.[k];
    const meta = fieldPatchMeta(path, k);
    if (isMap(mv) && isMap(lv)) {
      result[k] = mergeMap(isMap(ov) ? ov : undefined, mv, lv, [...path, k], !!meta?.retainKeys);
    } else if (Array.isArray(mv) && Array.isArray(lv)) {
      result[k] = meta?.merge ? mergeList(Array.isArray(ov) ? ov : undefined, mv, lv, [...path, k], meta.key, !!meta.retainKeys) : clone(mv);
    } else {
      result[k] = clone(mv);
    }
  }
  if (retain) for (const k of Object.keys(result)) if (!(k in modified)) delete result[k];
  return result;
}

function keyOf(item: Json, key: string): string | undefined {
  if (!isMap(item)) return undefined;
  const v = item[key];
  return v === undefined || v === null ? undefined : JSON.stringify(v);
}

function mergeList(original: Json[] | undefined, modified: Json[], live: Json[], path: string[], key: string | undefined, retain: boolean): Json[] {
  if (key === undefined) {
    // A merged set of primitives: keep live values, drop those removed from the configuration, add new ones.
    const removed = new Set((original ?? []).filter((x) => !modified.some((m) => JSON.stringify(m) === JSON.stringify(x))).map((x) => JSON.stringify(x)));
    const out = live.filter((x) => !removed.has(JSON.stringify(x)));
    for (const m of modified) if (!out.some((x) => JSON.stringify(x) === JSON.stringify(m))) out.push(clone(m));
    return out;
  }
  if (!modified.every((m) => keyOf(m, key) !== undefined)) return clone(modified);
  const origKeys = new Set((original ?? []).map((o) => keyOf(o, key)));
  const modKeys = new Set(modified.map((m) => keyOf(m, key)));
  const out: Json[] = [];
  for (const m of modified) {
    const k = keyOf(m, key);
    const l = live.find((x) => keyOf(x, key) === k);
    const o = original?.find((x) => keyOf(x, key) === k);
    out.push(isMap(l) && isMap(m) ? mergeMap(isMap(o) ? o : undefined, m, l, path, retain) : clone(m));
  }
  // Items added by others (not in the last applied configuration) stay, after the applied ones.
  for (const l of live) {
    const k = keyOf(l, key);
    if (!modKeys.has(k) && !origKeys.has(k)) out.push(clone(l));
  }
  return out;
}
