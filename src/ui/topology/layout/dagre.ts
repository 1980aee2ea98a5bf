import type { Positions, Skeleton } from './skeleton.ts';

/**
 * The automatic layout: dagre's layered (Sugiyama) layout, top to bottom — owners above what they own,
 * Ingresses above Services above the workloads they select. Loaded on first use (its own chunk), so it never
 * weighs on the page's first load. Returns top-left corners.
 */
type Dagre = typeof import('@dagrejs/dagre').default;

let loaded: Dagre | undefined;
let loading: Promise<Dagre> | undefined;

/** dagre once it has loaded (then layouts are synchronous), else undefined. */
export function dagreIfLoaded(): Dagre | undefined {
  return loaded;
}

export function loadDagre(): Promise<Dagre> {
  loading ??= import('@dagrejs/dagre').then((m) => (loaded = m.default));
  return loading;
}

export async function layoutSkeleton(s: Skeleton): Promise<Map<string, { x: number; y: number }>> {
  return layoutWith(await loadDagre(), s);
}

export function layoutWith(dagre: Dagre, s: Skeleton): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 56, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  // Sorted input: the same objects give the same layout whatever order they were listed in.
  const nodes = [...s.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of s.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const l = g.node(n.id) as { x: number; y: number };
    out.set(n.id, { x: Math.round(l.x - n.width / 2), y: Math.round(l.y - n.height / 2) });
  }
  return out;
}

export type { Positions };
