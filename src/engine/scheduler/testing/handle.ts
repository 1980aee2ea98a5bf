import type { KubeObject } from '../../api/types.ts';
import type { Handle } from '../framework/interfaces.ts';
import { PodCache } from '../podcache.ts';
import { tableOf } from './builders.ts';

/**
 * A plugin handle over fixed nodes and bound pods (each pod's spec.nodeName says where), plus other objects
 * (services, replica sets, namespaces, claims) its listers return: upstream's framework handle built from a
 * snapshot in plugin unit tests.
 */
export function handleOf(nodes: KubeObject[], pods: KubeObject[] = [], objects: Record<string, KubeObject[]> = {}): Handle {
  const cache = new PodCache();
  for (const p of pods) cache.set(p, (p.spec as { nodeName: string }).nodeName);
  const list = (resource: string, namespace?: string) => (objects[resource] ?? []).filter((o) => !namespace || (o.metadata.namespace ?? '') === namespace);
  return {
    nodes: tableOf(nodes, pods),
    pods: cache,
    store: {
      list,
      get: (resource: string, namespace: string | undefined, name: string) => list(resource, namespace).find((o) => o.metadata.name === name),
    },
    api: undefined,
    clock: { now: () => 0, timestamp: () => '2025-01-01T00:00:00Z' },
    events: undefined,
  } as unknown as Handle;
}
