import type { ClusterRuntime } from '../../runtime.ts';
import type { KubeObject } from '../../api/types.ts';

function nodeNameOf(o: KubeObject | undefined): string {
  return (o?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

/**
 * The informer index `spec.nodeName` the node lifecycle and taint eviction controllers keep (getPodsAssignedToNode):
 * pod keys ("namespace/name") by the node they are bound to, kept current from store events so that a node's
 * pods are found without listing every pod.
 */
export class PodsByNode {
  private byNode = new Map<string, Set<string>>();

  constructor(private readonly rt: ClusterRuntime) {
    for (const p of rt.store.list('pods')) this.add(nodeNameOf(p), keyOf(p));
    rt.store.watch((ev) => {
      if (ev.resource !== 'pods') return;
      const before = ev.type === 'ADDED' ? '' : nodeNameOf(ev.oldObject);
      const after = ev.type === 'DELETED' ? '' : nodeNameOf(ev.object);
      if (before === after) return;
      const key = keyOf(ev.object);
      if (before) this.byNode.get(before)?.delete(key);
      this.add(after, key);
    });
  }

  private add(node: string, key: string): void {
    if (!node) return;
    let s = this.byNode.get(node);
    if (!s) this.byNode.set(node, (s = new Set()));
    s.add(key);
  }

  /** The pods bound to `node` (stored instances: read-only), in key order. */
  podsOn(node: string): KubeObject[] {
    const keys = [...(this.byNode.get(node) ?? [])].sort();
    const out: KubeObject[] = [];
    for (const k of keys) {
      const i = k.indexOf('/');
      const p = this.rt.store.get('pods', k.slice(0, i), k.slice(i + 1));
      if (p && nodeNameOf(p) === node) out.push(p);
    }
    return out;
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace}/${o.metadata.name}`;
}

const indexes = new WeakMap<ClusterRuntime, PodsByNode>();

/** The cluster's pods-by-node index (one per runtime, shared by the controllers that need it). */
export function podsByNode(rt: ClusterRuntime): PodsByNode {
  let i = indexes.get(rt);
  if (!i) indexes.set(rt, (i = new PodsByNode(rt)));
  return i;
}
