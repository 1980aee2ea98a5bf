/**
 * JSON patch (RFC 6902) as the apiserver and kubectl apply `application/json-patch+json`: evanphx/json-patch
 * v4.12 semantics and error texts, quirks included (`replace` of a missing map key adds it, negative array
 * indices count from the end, `copy` from a missing key copies null).
 */
import { deepClone, isMap, jsonEqual, PatchError, type Json, type JsonMap } from './json.ts';

type Container = JsonMap | Json[];
const missing = 'missing value';
const invalidIndex = 'invalid index referenced';

/** DecodePatch: the patch must be a JSON array of operation objects. */
export function decodeJsonPatch(patch: unknown): JsonMap[] {
  const what = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v);
  if (!Array.isArray(patch)) {
    if (patch === null) return [];
    throw new PatchError('BadRequest', `json: cannot unmarshal ${what(patch)} into Go value of type jsonpatch.Patch`);
  }
  for (const op of patch) {
    if (op !== null && !isMap(op)) throw new PatchError('BadRequest', `json: cannot unmarshal ${what(op)} into Go value of type jsonpatch.Operation`);
  }
  return patch.map((op) => (op ?? {}) as JsonMap);
}

const decodeKey = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

function get(c: Container, key: string): Json | undefined {
  if (!Array.isArray(c)) return c[key];
  let i = atoi(key);
  if (i < 0) {
    if (i < -c.length) throw new Error(`Unable to access invalid index: ${i}: ${invalidIndex}`);
    i += c.length;
  }
  if (i >= c.length) throw new Error(`Unable to access invalid index: ${i}: ${invalidIndex}`);
  return c[i];
}

function add(c: Container, key: string, v: Json): void {
  if (!Array.isArray(c)) {
    c[key] = v;
    return;
  }
  if (key === '-') {
    c.push(v);
    return;
  }
  let i: number;
  try {
    i = atoi(key);
  } catch (e) {
    throw new Error(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = c.length + 1;
  if (i >= size) throw new Error(`Unable to access invalid index: ${i}: ${invalidIndex}`);
  if (i < 0) {
    if (i < -size) throw new Error(`Unable to access invalid index: ${i}: ${invalidIndex}`);
    i += size;
  }
  c.splice(i, 0, v);
}

function remove(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!(key in c)) throw new Error(`Unable to remove nonexistent key: ${key}: ${missing}`);
    delete c[key];
    return;
  }
  let i = atoi(key);
  if (i >= c.length) throw new Error(`Unable to access invalid index: ${i}: ${invalidIndex}`);
  if (i < 0) {
    if (i < -c.length) throw new Error(`Unable to access invalid index: ${i}: ${invalidIndex}`);
    i += c.length;
  }
  c.splice(i, 1);
}

function findObject(doc: Container, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let cur: Json = doc;
  for (const part of split.slice(1, -1)) {
    let next: Json | undefined;
    try {
      next = get(cur as Container, decodeKey(part));
    } catch {
      return undefined;
    }
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    cur = next;
  }
  return { con: cur as Container, key: decodeKey(split[split.length - 1]) };
}

function str(op: JsonMap, field: string): string | undefined {
  const v = op[field];
  return typeof v === 'string' ? v : undefined;
}

function applyOp(doc: Container, op: JsonMap): void {
  const kind = str(op, 'op') ?? 'unknown';
  const path = str(op, 'path');
  const value = (op.value ?? null) as Json;
  const needPath = (verb: string): string => {
    if (path === undefined) throw new Error(`${verb} operation failed to decode path: operation missing path field: ${missing}`);
    return path;
  };
  switch (kind) {
    case 'add': {
      const p = needPath('add');
      const f = findObject(doc, p);
      if (!f) throw new Error(`add operation does not apply: doc is missing path: "${p}": ${missing}`);
      try {
        add(f.con, f.key, deepClone(value));
      } catch (e) {
        throw new Error(`error in add for path: '${p}': ${(e as Error).message}`);
      }
      return;
    }
    case 'remove': {
      const p = needPath('remove');
      const f = findObject(doc, p);
      if (!f) throw new Error(`remove operation does not apply: doc is missing path: "${p}": ${missing}`);
      try {
        remove(f.con, f.key);
      } catch (e) {
        throw new Error(`error in remove for path: '${p}': ${(e as Error).message}`);
      }
      return;
    }
    case 'replace': {
      const p = needPath('replace');
      const f = findObject(doc, p);
      if (!f) throw new Error(`replace operation does not apply: doc is missing path: ${p}: ${missing}`);
      try {
        get(f.con, f.key);
      } catch {
        throw new Error(`replace operation does not apply: doc is missing key: ${p}: ${missing}`);
      }
      if (Array.isArray(f.con)) {
        const i = atoi(f.key);
        f.con[i < 0 ? i + f.con.length : i] = deepClone(value);
      } else f.con[f.key] = deepClone(value);
      return;
    }
    case 'move':
    case 'copy': {
      const from = str(op, 'from');
      if (from === undefined) throw new Error(`${kind} operation failed to decode from: operation, missing from field: ${missing}`);
      const src = findObject(doc, from);
      if (!src) throw new Error(`${kind} operation does not apply: doc is missing from path: ${from}: ${missing}`);
      let val: Json | undefined;
      try {
        val = get(src.con, src.key);
        if (kind === 'move') remove(src.con, src.key);
      } catch (e) {
        throw new Error(kind === 'move' ? `error in move for path: '${src.key}': ${(e as Error).message}` : `error in copy for from: '${from}': ${(e as Error).message}`);
      }
      const p = needPath(kind);
      const dst = findObject(doc, p);
      if (!dst) throw new Error(`${kind} operation does not apply: doc is missing destination path: ${p}: ${missing}`);
      try {
        add(dst.con, dst.key, deepClone(val ?? null));
      } catch (e) {
        throw new Error(kind === 'move' ? `error in move for path: '${p}': ${(e as Error).message}` : `error while adding value during copy: ${(e as Error).message}`);
      }
      return;
    }
    case 'test': {
      const p = needPath('test');
      const f = findObject(doc, p);
      if (!f) throw new Error(`test operation does not apply: is missing path: ${p}: ${missing}`);
      let val: Json | undefined;
      try {
        val = get(f.con, f.key);
      } catch (e) {
        throw new Error(`error in test for path: '${p}': ${(e as Error).message}`);
      }
      if ((val ?? null) === null ? value === null : jsonEqual(val, value)) return;
      throw new PatchError('Invalid', `testing value ${p} failed: test failed`);
    }
    default:
      throw new Error(`Unexpected kind: ${kind}`);
  }
}

/**
 * Apply a decoded JSON patch to a document; the input is not modified. Throws PatchError: Invalid (422) for
 * failed tests, BadRequest for the rest, as the apiserver's interpretJSONPatchError maps them.
 */
export function applyJsonPatch(doc: unknown, ops: JsonMap[]): Json {
  const out = deepClone(doc) as Container;
  for (const op of ops) {
    try {
      applyOp(out, op);
    } catch (e) {
      if (e instanceof PatchError) throw e;
      throw new PatchError('BadRequest', (e as Error).message);
    }
  }
  return out;
}
