import type { GraphNode, PodCardData, Topology, TopologyEdge } from './types.ts';

/**
 * Crowded graphs draw pods inside their node box instead of as graph nodes of their own: a thousand React Flow
 * nodes cost a store subscription, a wrapper and a measurement each on every pan frame, one box with forty
 * plain cards costs one. This folds a topology's boxed pods into their boxes: edges that end at such a pod end at
 * its box instead (as when boxes collapse to pod counts), duplicates dropped. Pure.
 */

/** Above this many pod cards the graph draws pods inside their boxes. */
export const INLINE_ABOVE = 150;

export interface FoldedTopology extends Topology {
  /** Pods drawn inside each box, positioned relative to it. */
  inline: ReadonlyMap<string, ReadonlyArray<GraphNode<PodCardData>>>;
  /** The box each folded pod is drawn in (to pan to a pod, or light its box on a trace). */
  boxOf: ReadonlyMap<string, string>;
}

export function foldPods(t: Topology, above = INLINE_ABOVE): FoldedTopology {
  if (t.pods.length <= above) return { ...t, inline: new Map(), boxOf: new Map() };
  const inline = new Map<string, Array<GraphNode<PodCardData>>>();
  const boxOf = new Map<string, string>();
  const loose: Array<GraphNode<PodCardData>> = [];
  for (const p of t.pods) {
    if (!p.parentId) {
      loose.push(p);
      continue;
    }
    let list = inline.get(p.parentId);
    if (!list) inline.set(p.parentId, (list = []));
    list.push(p);
    boxOf.set(p.id, p.parentId);
  }
  const seen = new Set<string>();
  const edges: TopologyEdge[] = [];
  for (const e of t.edges) {
    const source = boxOf.get(e.source) ?? e.source;
    const target = boxOf.get(e.target) ?? e.target;
    if (source === target) continue;
    const id = source === e.source && target === e.target ? e.id : `${source}->${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push(source === e.source && target === e.target ? e : { ...e, id, source, target });
  }
  return { boxes: t.boxes, cards: t.cards, pods: loose, edges, inline, boxOf };
}
