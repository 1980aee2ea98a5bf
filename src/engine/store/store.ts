import type { KubeObject } from '../api/types.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** REST resource (plural), e.g. `pods`, or `deployments.apps`-style key from the registry. */
  resource: string;
  object: KubeObject;
  /** The previous stored version, for MODIFIED and DELETED. */
  oldObject?: KubeObject;
  resourceVersion: number;
}

export type StoreListener = (ev: StoreEvent) => void;

/**
 * An etcd-like store: one keyspace per resource, a single cluster-wide monotonically increasing revision,
 * and watches. It knows nothing about validation or semantics; the API server (api/server.ts) does.
 *
 * Objects handed in are owned by the store from then on; objects handed out are the stored instances and
 * must be treated as read-only. Callers that want to change an object clone it first (see `clone`).
 */
/** One resource's objects: namespace ('' for cluster-scoped) → name → object, plus cached name orders. */
class Bucket {
  readonly byNs = new Map<string, Map<string, KubeObject>>();
  size = 0;
  /** Names per namespace in list order; dropped when a name is added or removed there (not on updates). */
  readonly sortedNames = new Map<string, string[]>();
  /** Namespaces in list order; dropped when a namespace appears or empties. */
  sortedNs: string[] | undefined;

  names(ns: string): string[] {
    let names = this.sortedNames.get(ns);
    if (!names) {
      names = [...(this.byNs.get(ns)?.keys() ?? [])].sort();
      this.sortedNames.set(ns, names);
    }
    return names;
  }

  namespaces(): string[] {
    return (this.sortedNs ??= [...this.byNs.keys()].sort());
  }
}

export class ObjectStore {
  private data = new Map<string, Bucket>();
  private revision = 0;
  /** Watchers, replaced (never mutated) when one comes or goes, so a write iterates a plain array. */
  private listeners: StoreListener[] = [];
  /** Recent events, for watches that start from a resourceVersion (see `History`). */
  private history = new History(HISTORY_CAPACITY);

  /** The current revision (the resourceVersion of the latest write). */
  currentRevision(): number {
    return this.revision;
  }

  nextRevision(): number {
    return ++this.revision;
  }

  static key(namespace: string | undefined, name: string): string {
    return namespace ? `${namespace}/${name}` : name;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.data.get(resource)?.byNs.get(namespace || '')?.get(name);
  }

  /** All objects of a resource, optionally in one namespace, in key order (namespace, then name). */
  list(resource: string, namespace?: string): KubeObject[] {
    const b = this.data.get(resource);
    if (!b || b.size === 0) return [];
    // Name orders are cached and survive updates, so listing costs no sort unless names came or went.
    if (namespace) return collect(b, namespace, []);
    const out: KubeObject[] = [];
    for (const ns of b.namespaces()) collect(b, ns, out);
    return out;
  }

  /** Count objects without sorting (cheap). */
  count(resource: string, namespace?: string): number {
    const b = this.data.get(resource);
    if (!b) return 0;
    if (!namespace) return b.size;
    return b.byNs.get(namespace)?.size ?? 0;
  }

  resources(): string[] {
    return [...this.data.keys()].sort();
  }

  /** Write an object; `obj.metadata.resourceVersion` is set to the new revision. */
  put(resource: string, obj: KubeObject): StoreEvent {
    let b = this.data.get(resource);
    if (!b) {
      b = new Bucket();
      this.data.set(resource, b);
    }
    const ns = obj.metadata.namespace || '';
    const name = obj.metadata.name!;
    let m = b.byNs.get(ns);
    if (!m) {
      m = new Map();
      b.byNs.set(ns, m);
      b.sortedNs = undefined;
    }
    const old = m.get(name);
    const rv = this.nextRevision();
    obj.metadata.resourceVersion = String(rv);
    m.set(name, obj);
    if (!old) {
      b.size++;
      b.sortedNames.delete(ns);
    }
    const ev: StoreEvent = { type: old ? 'MODIFIED' : 'ADDED', resource, object: obj, oldObject: old, resourceVersion: rv };
    this.emit(ev);
    return ev;
  }

  remove(resource: string, namespace: string | undefined, name: string): StoreEvent | undefined {
    const b = this.data.get(resource);
    const ns = namespace || '';
    const m = b?.byNs.get(ns);
    const old = m?.get(name);
    if (!b || !m || !old) return undefined;
    m.delete(name);
    b.size--;
    b.sortedNames.delete(ns);
    if (m.size === 0) {
      b.byNs.delete(ns);
      b.sortedNs = undefined;
    }
    const rv = this.nextRevision();
    // The DELETED event carries the last state with the deletion's revision, as etcd watches do.
    const last = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    const ev: StoreEvent = { type: 'DELETED', resource, object: last, oldObject: old, resourceVersion: rv };
    this.emit(ev);
    return ev;
  }

  watch(listener: StoreListener): () => void {
    if (!this.listeners.includes(listener)) this.listeners = [...this.listeners, listener];
    return () => {
      const had = this.listeners.includes(listener);
      this.listeners = this.listeners.filter((l) => l !== listener);
      return had;
    };
  }

  /** Events after `resourceVersion` still held in history; undefined if that revision is too old ("410 Gone"). */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    return this.history.since(resourceVersion);
  }

  /** A deep copy of all data, for snapshots (etcd snapshot save/restore in later issues, and tests). */
  snapshot(): { revision: number; data: Array<[string, KubeObject[]]> } {
    return {
      revision: this.revision,
      data: [...this.data.keys()].map((r) => [r, this.list(r).map((o) => clone(o))]),
    };
  }

  /**
   * Put a snapshot's objects back and set the revision to the snapshot's (etcd snapshot restore). Watchers
   * see the difference as events at that revision (DELETED for objects the snapshot lacks, ADDED for those
   * it brings back, MODIFIED for changed ones); the event history is dropped, so a watch from an older
   * resourceVersion gets "410 Gone" and relists. The snapshot stays reusable (objects are copied in).
   */
  restore(snap: { revision: number; data: Array<[string, KubeObject[]]> }): void {
    const wanted = new Map<string, Map<string, KubeObject>>();
    for (const [r, objs] of snap.data) {
      const m = new Map<string, KubeObject>();
      for (const o of objs) m.set(ObjectStore.key(o.metadata.namespace, o.metadata.name!), o);
      wanted.set(r, m);
    }
    const events: StoreEvent[] = [];
    for (const r of [...this.data.keys()]) {
      const keep = wanted.get(r);
      for (const old of this.list(r)) {
        if (keep?.has(ObjectStore.key(old.metadata.namespace, old.metadata.name!))) continue;
        this.removeQuiet(r, old);
        events.push({ type: 'DELETED', resource: r, object: old, oldObject: old, resourceVersion: snap.revision });
      }
    }
    for (const [r, m] of wanted) {
      for (const o of m.values()) {
        const obj = clone(o);
        const old = this.get(r, obj.metadata.namespace, obj.metadata.name!);
        if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
        this.putQuiet(r, obj);
        events.push({ type: old ? 'MODIFIED' : 'ADDED', resource: r, object: obj, oldObject: old, resourceVersion: snap.revision });
      }
    }
    this.revision = snap.revision;
    this.history.clear();
    for (const ev of events) this.dispatch(ev);
  }

  private putQuiet(resource: string, obj: KubeObject): void {
    let b = this.data.get(resource);
    if (!b) {
      b = new Bucket();
      this.data.set(resource, b);
    }
    const ns = obj.metadata.namespace || '';
    let m = b.byNs.get(ns);
    if (!m) {
      m = new Map();
      b.byNs.set(ns, m);
      b.sortedNs = undefined;
    }
    if (!m.has(obj.metadata.name!)) {
      b.size++;
      b.sortedNames.delete(ns);
    }
    m.set(obj.metadata.name!, obj);
  }

  private removeQuiet(resource: string, obj: KubeObject): void {
    const b = this.data.get(resource)!;
    const ns = obj.metadata.namespace || '';
    const m = b.byNs.get(ns)!;
    m.delete(obj.metadata.name!);
    b.size--;
    b.sortedNames.delete(ns);
    if (m.size === 0) {
      b.byNs.delete(ns);
      b.sortedNs = undefined;
    }
  }

  private emit(ev: StoreEvent): void {
    this.history.push(ev);
    this.dispatch(ev);
  }

  /**
   * Hand an event to every watcher, in the order they started watching. A watcher removed during the
   * dispatch and not yet called is skipped; one added during it is called too (as iterating a Set would).
   */
  private dispatch(ev: StoreEvent): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) {
      if (this.listeners !== ls && !this.listeners.includes(ls[i])) continue;
      ls[i](ev);
    }
    if (this.listeners === ls) return;
    const done = new Set(ls);
    for (let i = 0; i < this.listeners.length; i++) {
      const l = this.listeners[i];
      if (done.has(l)) continue;
      done.add(l);
      l(ev);
    }
  }
}

/**
 * How many recent events the store keeps for watches that resume from a resourceVersion. The apiserver's watch
 * cache is bounded too (per resource, 100 up to 100·1024 events, sized to hold the last 75 s of a busy
 * resource); a watch from an older resourceVersion gets "410 Gone: too old resource version" and relists.
 */
export const HISTORY_CAPACITY = 10_000;

const TYPES: readonly WatchEventType[] = ['ADDED', 'MODIFIED', 'DELETED'];

/**
 * The event history: a ring of the last `capacity` events in parallel arrays, so a write allocates nothing
 * here and no superseded version (an event's oldObject) is held alive. Events are rebuilt when a watch reads them.
 */
class History {
  // Grown by appending up to the capacity, then overwritten in a circle.
  private readonly types: number[] = [];
  private readonly revisions: number[] = [];
  private readonly resources: string[] = [];
  private readonly objects: Array<KubeObject | undefined> = [];
  /** Index of the oldest held event, and how many are held. */
  private start = 0;
  private size = 0;

  constructor(private readonly capacity: number) {}

  push(ev: StoreEvent): void {
    const type = ev.type === 'ADDED' ? 0 : ev.type === 'MODIFIED' ? 1 : 2;
    if (this.size < this.capacity && this.start === 0) {
      this.types.push(type);
      this.revisions.push(ev.resourceVersion);
      this.resources.push(ev.resource);
      this.objects.push(ev.object);
      this.size++;
      return;
    }
    const i = this.start;
    this.start = i + 1 === this.capacity ? 0 : i + 1;
    this.types[i] = type;
    this.revisions[i] = ev.resourceVersion;
    this.resources[i] = ev.resource;
    this.objects[i] = ev.object;
  }

  /** Events after `resourceVersion`, oldest first; undefined when events after it have been dropped. */
  since(resourceVersion: number): StoreEvent[] | undefined {
    if (this.size > 0 && this.revisions[this.start] > resourceVersion + 1) return undefined;
    const out: StoreEvent[] = [];
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.capacity;
      if (this.revisions[i] <= resourceVersion) continue;
      out.push({ type: TYPES[this.types[i]], resource: this.resources[i], object: this.objects[i]!, resourceVersion: this.revisions[i] });
    }
    return out;
  }

  clear(): void {
    this.types.length = this.revisions.length = this.resources.length = this.objects.length = 0;
    this.start = 0;
    this.size = 0;
  }
}

/** Append one namespace's objects of a bucket to `out`, in name order. */
function collect(b: Bucket, ns: string, out: KubeObject[]): KubeObject[] {
  const m = b.byNs.get(ns);
  if (!m) return out;
  for (const name of b.names(ns)) out.push(m.get(name)!);
  return out;
}

export function compareObjects(a: KubeObject, b: KubeObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const xa = a.metadata.name ?? '';
  const xb = b.metadata.name ?? '';
  return xa < xb ? -1 : xa > xb ? 1 : 0;
}

/** Deep copy of a JSON value. Faster than structuredClone for the small plain objects the API holds. */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = clone(x);
  }
  return out as T;
}

/**
 * A deep copy of `v` that reuses the subtrees of `prev` (a stored, hence immutable, value) that are
 * structurally equal to the corresponding parts of `v`. The result never aliases `v`'s own objects, so the
 * caller may go on mutating `v`; it aliases only `prev`, which nobody mutates. Used for status writes, where
 * most of the new status equals the old one: less copying, and later equality checks stop at shared nodes.
 */
export function cloneReusing<T>(v: T, prev: unknown): T {
  if (v === prev || v === null || typeof v !== 'object') return v;
  if (prev === null || typeof prev !== 'object') return clone(v);
  if (Array.isArray(v)) {
    if (!Array.isArray(prev)) return clone(v);
    const out = new Array<unknown>(v.length);
    let same = v.length === prev.length;
    for (let i = 0; i < v.length; i++) {
      const c = cloneReusing(v[i], i < prev.length ? prev[i] : undefined);
      out[i] = c;
      if (same && c !== prev[i]) same = false;
    }
    return (same ? prev : out) as T;
  }
  if (Array.isArray(prev)) return clone(v);
  const src = v as Record<string, unknown>;
  const old = prev as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let same = true;
  let n = 0;
  for (const k in src) {
    const x = src[k];
    if (x === undefined) continue;
    n++;
    const c = cloneReusing(x, old[k]);
    out[k] = c;
    if (same && c !== old[k]) same = false;
  }
  if (same) {
    let m = 0;
    for (const k in old) if (old[k] !== undefined) m++;
    if (m === n) return prev as T;
  }
  return out as T;
}

/**
 * `cloneReusing` for a value the caller built for this write and hands over: subtrees structurally equal to
 * the corresponding parts of `prev` (a stored, immutable value) are replaced by `prev`'s, in place; the rest
 * of `v` is kept rather than copied. Returns `prev` itself when everything is equal. `v` must not be used
 * by the caller afterwards (the store may keep it).
 */
export function adoptReusing<T>(v: T, prev: unknown): T {
  if (v === prev || v === null || typeof v !== 'object') return v;
  if (prev === null || typeof prev !== 'object') return v;
  if (Array.isArray(v)) {
    if (!Array.isArray(prev)) return v;
    let same = v.length === prev.length;
    for (let i = 0; i < v.length; i++) {
      const c = adoptReusing(v[i], i < prev.length ? prev[i] : undefined);
      v[i] = c;
      if (same && c !== prev[i]) same = false;
    }
    return (same ? prev : v) as T;
  }
  if (Array.isArray(prev)) return v;
  const src = v as Record<string, unknown>;
  const old = prev as Record<string, unknown>;
  let same = true;
  let n = 0;
  for (const k in src) {
    const x = src[k];
    if (x === undefined) {
      delete src[k];
      continue;
    }
    n++;
    const c = adoptReusing(x, old[k]);
    if (c !== x) src[k] = c;
    if (same && c !== old[k]) same = false;
  }
  if (same) {
    let m = 0;
    for (const k in old) if (old[k] !== undefined) m++;
    if (m === n) return prev as T;
  }
  return v;
}
