import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';

/** Create each object unless one of that kind and name exists (what `kubectl apply -f` of an addon manifest does on a fresh cluster). */
export function createAllMissing(rt: ClusterRuntime, objects: KubeObject[]): void {
  for (const o of objects) {
    const t = rt.registry.lookup(o.kind);
    if (!t) throw new Error(`addon object of unknown kind ${o.kind}`);
    if (rt.store.get(t.plural, t.namespaced ? o.metadata.namespace : undefined, o.metadata.name!)) continue;
    rt.api.create(o);
  }
}
