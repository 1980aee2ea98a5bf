// metadata.managedFields: who owns which fields (k8s.io/apimachinery/pkg/util/managedfields and
// structured-merge-diff's merge.Updater). An Update takes ownership of what it added or changed, and others lose
// those fields; an Apply owns exactly its configuration, removes the fields it stopped applying that nobody else
// owns, and fails on fields another manager owns with a different value unless forced.
import { StatusError } from '../types.ts';
import { FieldSet, fromFieldsV1, pathString, toFieldsV1 } from './fieldset.ts';
import { compare, merge, removeItems, toFieldSet } from './walk.ts';

type Obj = Record<string, unknown>;

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

interface Managed {
  entry: ManagedFieldsEntry;
  set: FieldSet;
}

/** managedfields' manager identifier: the entry without time and fields (and without apiVersion for appliers). */
function identity(e: Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([e.manager, e.operation, e.operation === 'Apply' ? '' : e.apiVersion, e.subresource ?? '']);
}

/** Fields the apiserver never tracks (stripmeta.go), plus status on writes to the main resource (reset fields). */
function strip(o: Obj, dropStatus: boolean): Obj {
  const { apiVersion: _a, kind: _k, metadata, status, ...rest } = o;
  const out: Obj = { ...rest };
  if (metadata && typeof metadata === 'object') {
    const { name: _n, namespace: _ns, creationTimestamp: _c, selfLink: _s, uid: _u, generation: _g, managedFields: _m, resourceVersion: _r, ...m } = metadata as Obj;
    out.metadata = m;
  }
  if (!dropStatus && status !== undefined) out.status = status;
  return out;
}

function read(obj: Obj | undefined): Map<string, Managed> {
  const out = new Map<string, Managed>();
  const list = ((obj?.metadata as Obj | undefined)?.managedFields ?? []) as ManagedFieldsEntry[];
  for (const e of list) out.set(identity(e), { entry: e, set: fromFieldsV1(e.fieldsV1) });
  return out;
}

/** managedfields' order: operation, time (seconds), manager, apiVersion, subresource. */
function encode(managers: Map<string, Managed>): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const { entry, set } of managers.values()) {
    // metadata itself is never tracked (stripmeta), only fields inside it.
    const meta = set.children.get('f:metadata');
    if (meta) meta.member = false;
    if (set.empty()) continue;
    // Field order as metav1.ManagedFieldsEntry serialises.
    const e: Partial<ManagedFieldsEntry> = { manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion };
    if (entry.time) e.time = entry.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = toFieldsV1(set);
    if (entry.subresource) e.subresource = entry.subresource;
    out.push(e as ManagedFieldsEntry);
  }
  const secs = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  return out.sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    if (secs(p.time) !== secs(q.time)) return secs(p.time) - secs(q.time);
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : 1;
  });
}

function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

/** The apiserver's 409 for apply conflicts (managedfields/internal/conflict.go). */
function conflictError(conflicts: Array<{ entry: ManagedFieldsEntry; path: string[] }>): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  } else {
    const by = new Map<string, string[]>();
    for (const c of conflicts) {
      const m = printManager(c.entry);
      by.set(m, [...(by.get(m) ?? []), pathString(c.path)]);
    }
    const lines: string[] = [];
    for (const m of [...by.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const p of by.get(m)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, {
    causes: conflicts.map((c) => ({ type: 'FieldManagerConflict', message: `conflict with ${printManager(c.entry)}`, field: pathString(c.path) })),
  } as never);
}

/** merge.Updater.update: take the acting manager's changes away from the others (or report them as conflicts). */
function takeOwnership(managers: Map<string, Managed>, self: string, before: Obj, after: Obj, force: boolean): ReturnType<typeof compare> {
  const cmp = compare(before, after);
  const changed = cmp.added.union(cmp.modified);
  const conflicts: Array<{ entry: ManagedFieldsEntry; path: string[] }> = [];
  for (const [id, m] of managers) {
    if (id === self) continue;
    for (const p of m.set.intersection(changed).paths()) conflicts.push({ entry: m.entry, path: p });
  }
  if (!force && conflicts.length) throw conflictError(conflicts);
  for (const [id, m] of managers) {
    if (id === self) continue;
    m.set = m.set.difference(changed).difference(cmp.removed);
  }
  return cmp;
}

export interface WriteInfo {
  manager: string;
  apiVersion: string;
  /** RFC 3339 time of the write. */
  time: string;
  subresource?: string;
  /** The kind has a status subresource and this is a write to the main resource (status changes do not count). */
  resetsStatus?: boolean;
}

/**
 * The managedFields after an Update by `w.manager` turning `before` (the live object, or the type's zero value on
 * create) into `after` (the object as it will be stored, defaulted).
 */
export function managedFieldsAfterUpdate(before: Obj, after: Obj, w: WriteInfo): ManagedFieldsEntry[] {
  const managers = read(before);
  const self = identity({ manager: w.manager, operation: 'Update', apiVersion: w.apiVersion, subresource: w.subresource });
  const b = strip(before, !!w.resetsStatus);
  const a = strip(after, !!w.resetsStatus);
  const cmp = takeOwnership(managers, self, b, a, true);
  const prev = managers.get(self);
  const set = (prev?.set ?? new FieldSet()).difference(cmp.removed).union(cmp.modified).union(cmp.added);
  const changed = !prev || JSON.stringify(toFieldsV1(prev.set)) !== JSON.stringify(toFieldsV1(set)) || !cmp.added.empty() || !cmp.modified.empty();
  managers.set(self, {
    entry: { manager: w.manager, operation: 'Update', apiVersion: w.apiVersion, time: changed ? w.time : prev?.entry.time, fieldsType: 'FieldsV1', fieldsV1: {}, subresource: w.subresource },
    set,
  });
  return encode(managers);
}

/**
 * Server-side apply of `config` by `w.manager` onto `live` (undefined on create): the merged object (identity and
 * metadata the apiserver keeps taken from live) and its managedFields. Throws the 409 Conflict unless `force`.
 */
export function applyConfiguration(live: Obj | undefined, config: Obj, w: WriteInfo & { force: boolean }): { object: Obj; managedFields: ManagedFieldsEntry[] } {
  const managers = read(live);
  const self = identity({ manager: w.manager, operation: 'Apply', apiVersion: w.apiVersion, subresource: w.subresource });
  const liveS = strip(live ?? {}, !!w.resetsStatus);
  const cfg = strip(config, !!w.resetsStatus);
  const set = toFieldSet(cfg);
  const last = managers.get(self)?.set ?? new FieldSet();
  let merged = merge(liveS, cfg);
  // Fields this manager applied before and no longer does go, unless someone (the new configuration included)
  // still owns them or something under them (merge.Updater.prune: remove, then add back owned items).
  let owned = set;
  for (const [id, m] of managers) if (id !== self) owned = owned.union(m.set);
  const drop = new FieldSet();
  for (const p of last.paths()) if (!owned.covers(p)) drop.insert(p);
  merged = removeItems(merged, drop);
  managers.set(self, { entry: { manager: w.manager, operation: 'Apply', apiVersion: w.apiVersion, time: w.time, fieldsType: 'FieldsV1', fieldsV1: {}, subresource: w.subresource }, set });
  takeOwnership(managers, self, liveS, merged, w.force);
  const base = (live ?? config) as Obj;
  const object: Obj = { apiVersion: base.apiVersion ?? config.apiVersion, kind: base.kind ?? config.kind, ...merged };
  const meta: Obj = { ...((merged.metadata as Obj | undefined) ?? {}) };
  const src = ((live ?? config).metadata ?? {}) as Obj;
  for (const k of ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp']) if (src[k] !== undefined) meta[k] = src[k];
  object.metadata = meta;
  if (w.resetsStatus && live && live.status !== undefined) object.status = live.status;
  return { object, managedFields: encode(managers) };
}
