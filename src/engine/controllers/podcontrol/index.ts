import type { KubeObject } from '../../api/types.ts';
import { ObjectStore, type StoreEvent } from '../../store/store.ts';
import { controllerRefOf } from './pods.ts';

/**
 * An informer-style index of pods: by controller owner uid, and the orphans (no controller reference) per
 * namespace. Kept up to date from store events so workload controllers never list every pod per reconcile.
 * One index per store, shared by every controller that needs it.
 */
export class PodIndex {
  private byOwner = new Map<string, Map<string, KubeObject>>();
  private orphans = new Map<string, Map<string, KubeObject>>();

  constructor(store: ObjectStore) {
    for (const p of store.list('pods')) this.add(p);
    store.watch((ev) => this.onEvent(ev));
  }

  /** Pods whose controller reference has this uid (stored instances: read-only). */
  owned(uid: string): Iterable<KubeObject> {
    return this.byOwner.get(uid)?.values() ?? [];
  }

  ownedCount(uid: string): number {
    return this.byOwner.get(uid)?.size ?? 0;
  }

  /** Pods in `namespace` without a controller reference. */
  orphansIn(namespace: string): Iterable<KubeObject> {
    return this.orphans.get(namespace)?.values() ?? [];
  }

  private onEvent(ev: StoreEvent): void {
    if (ev.resource !== 'pods') return;
    // Old and new versions share namespace and name: one key string per event.
    const key = ObjectStore.key(ev.object.metadata.namespace, ev.object.metadata.name!);
    if (ev.oldObject) this.remove(ev.oldObject, key);
    if (ev.type !== 'DELETED') this.add(ev.object, key);
  }

  private add(o: KubeObject, key = ObjectStore.key(o.metadata.namespace, o.metadata.name!)): void {
    const ref = controllerRefOf(o);
    const m = ref ? this.byOwner : this.orphans;
    const k = ref ? ref.uid : (o.metadata.namespace ?? '');
    let inner = m.get(k);
    if (!inner) m.set(k, (inner = new Map()));
    inner.set(key, o);
  }

  private remove(o: KubeObject, key: string): void {
    const ref = controllerRefOf(o);
    const m = ref ? this.byOwner : this.orphans;
    const k = ref ? ref.uid : (o.metadata.namespace ?? '');
    const inner = m.get(k);
    if (!inner) return;
    inner.delete(key);
    if (inner.size === 0) m.delete(k);
  }
}

const indexes = new WeakMap<ObjectStore, PodIndex>();

/** The shared pod index of a store (created on first use). */
export function podIndexFor(store: ObjectStore): PodIndex {
  let idx = indexes.get(store);
  if (!idx) indexes.set(store, (idx = new PodIndex(store)));
  return idx;
}
