import type { KubeObject } from '../../api/types.ts';
import type { ObjectStore, StoreEvent } from '../../store/store.ts';

/**
 * An informer-style cache of one namespaced resource, indexed by namespace and fed from store events, so a
 * controller can list "pods in namespace X" without scanning (and sorting) every pod in the cluster.
 * Holds the stored instances: read-only.
 */
export class NamespacedCache {
  private byNs = new Map<string, Map<string, KubeObject>>();

  constructor(readonly resource: string) {}

  /** Fill from the store's current contents (at controller start). */
  prime(store: ObjectStore): void {
    this.byNs.clear();
    for (const o of store.list(this.resource)) this.put(o);
  }

  onEvent(ev: StoreEvent): void {
    if (ev.resource !== this.resource) return;
    if (ev.type === 'DELETED') this.remove(ev.object);
    else this.put(ev.object);
  }

  list(namespace: string): Iterable<KubeObject> {
    return this.byNs.get(namespace)?.values() ?? [];
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNs.get(namespace)?.get(name);
  }

  private put(o: KubeObject): void {
    const ns = o.metadata.namespace ?? '';
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(o.metadata.name!, o);
  }

  private remove(o: KubeObject): void {
    const m = this.byNs.get(o.metadata.namespace ?? '');
    m?.delete(o.metadata.name!);
    if (m && m.size === 0) this.byNs.delete(o.metadata.namespace ?? '');
  }
}
