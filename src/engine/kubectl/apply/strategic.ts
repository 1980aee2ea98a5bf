/**
 * Three-way strategic merge, as `kubectl apply` computes it (apimachinery strategicpatch
 * CreateThreeWayMergePatch, then the server applies the patch): starting from the live object,
 * - fields set in the new configuration (`modified`) take its values,
 * - fields that were in the last applied configuration (`original`) but are gone from `modified` are removed,
 * - fields nobody applied (defaults, controller-set fields) stay as they are.
 * Lists with a patch merge key (containers by name, ports by containerPort, ...) are merged item by item;
 * other lists are replaced whole. `retainKeys` fields (volumes, deployment strategy) drop keys the new
 * configuration no longer has.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

interface ListStrategy {
  /** Merge key for lists of objects; undefined for merged lists of primitives (finalizers). */
  key?: string;
}

/**
 * Patch strategies from the Go struct tags (`patchStrategy:"merge" patchMergeKey:"..."`), by field name,
 * with the parent field where the same name means different things (container vs service ports).
 */
function listStrategy(path: string[], field: string): ListStrategy | undefined {
  const parent = path[path.length - 1] ?? '';
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'secrets':
    case 'schedulingGates':
      return { key: 'name' };
    case 'volumeMounts':
      return { key: 'mountPath' };
    case 'volumeDevices':
      return { key: 'devicePath' };
    case 'hostAliases':
      return { key: 'ip' };
    case 'topologySpreadConstraints':
      return { key: 'topologyKey' };
    case 'ownerReferences':
      return { key: 'uid' };
    case 'conditions':
      return { key: 'type' };
    case 'finalizers':
      return path.length === 1 && parent === 'metadata' ? {} : undefined;
    case 'ports':
      // Container ports merge on containerPort; service ports on port.
      if (path.includes('containers') || path.includes('initContainers') || path.includes('ephemeralContainers')) return { key: 'containerPort' };
      if (parent === 'spec') return { key: 'port' };
      return undefined;
    default:
      return undefined;
  }
}

function retainKeys(path: string[], field: string): boolean {
  if (field === 'strategy' && path.length === 1 && path[0] === 'spec') return true;
  if (field === 'updateStrategy' && path.length === 1 && path[0] === 'spec') return true;
  return false;
}

function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

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
    if (isMap(mv) && isMap(lv)) {
      const r = retainKeys(path, k);
      result[k] = mergeMap(isMap(ov) ? ov : undefined, mv, lv, [...path, k], r);
    } else if (Array.isArray(mv) && Array.isArray(lv)) {
      const s = listStrategy(path, k);
      result[k] = s ? mergeList(Array.isArray(ov) ? ov : undefined, mv, lv, [...path, k], s) : clone(mv);
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

function mergeList(original: Json[] | undefined, modified: Json[], live: Json[], path: string[], s: ListStrategy): Json[] {
  if (s.key === undefined) {
    // A merged set of primitives: keep live values, drop those removed from the configuration, add new ones.
    const removed = new Set((original ?? []).filter((x) => !modified.some((m) => JSON.stringify(m) === JSON.stringify(x))).map((x) => JSON.stringify(x)));
    const out = live.filter((x) => !removed.has(JSON.stringify(x)));
    for (const m of modified) if (!out.some((x) => JSON.stringify(x) === JSON.stringify(m))) out.push(clone(m));
    return out;
  }
  const key = s.key;
  if (!modified.every((m) => keyOf(m, key) !== undefined)) return clone(modified);
  const origKeys = new Set((original ?? []).map((o) => keyOf(o, key)));
  const modKeys = new Set(modified.map((m) => keyOf(m, key)));
  const out: Json[] = [];
  for (const m of modified) {
    const k = keyOf(m, key);
    const l = live.find((x) => keyOf(x, key) === k);
    const o = original?.find((x) => keyOf(x, key) === k);
    const retain = path[path.length - 1] === 'volumes';
    out.push(isMap(l) && isMap(m) ? mergeMap(isMap(o) ? o : undefined, m, l, path, retain) : clone(m));
  }
  // Items added by others (not in the last applied configuration) stay, after the applied ones.
  for (const l of live) {
    const k = keyOf(l, key);
    if (!modKeys.has(k) && !origKeys.has(k)) out.push(clone(l));
  }
  return out;
}
