import type { Topology } from '../types.ts';

/**
 * The part of a graph an automatic layout places: every card (workloads, Services, Ingresses, pod-count cards)
 * and one block per group of pods that share a parent (their grid, kept as one rectangle so pods stay in their
 * stable slots inside it). Pods are then moved with their block. Pure.
 */

export interface SkeletonNode {
  id: string;
  width: number;
  height: number;
}

export interface SkeletonEdge {
  source: string;
  target: string;
}

export interface Skeleton {
  nodes: SkeletonNode[];
  edges: SkeletonEdge[];
  /** Each pod's block id and offset inside the block. */
  podBlock: Map<string, { block: string; dx: number; dy: number }>;
  /** Each block's top-left in the input topology (to offset its pods). */
  blockOrigin: Map<string, { x: number; y: number }>;
}

/** The id of the block holding the pods under `owner`. */
export function blockId(owner: string): string {
  return `block:${owner}`;
}

export function skeletonOf(t: Topology): Skeleton {
  const nodes: SkeletonNode[] = t.cards.map((c) => ({ id: c.id, width: c.width, height: c.height }));
  const known = new Set(nodes.map((n) => n.id));
  // A pod's owner is the source of its owner edge; pods without one share the standalone block.
  const ownerOf = new Map<string, string>();
  for (const e of t.edges) if (e.kind === 'owner' && e.target.startsWith('pod:')) ownerOf.set(e.target, e.source);
  const groups = new Map<string, Array<Topology['pods'][number]>>();
  for (const p of t.pods) {
    const owner = ownerOf.get(p.id) ?? p.parentId ?? 'standalone';
    let g = groups.get(owner);
    if (!g) groups.set(owner, (g = []));
    g.push(p);
  }
  const podBlock = new Map<string, { block: string; dx: number; dy: number }>();
  const blockOrigin = new Map<string, { x: number; y: number }>();
  const edges: SkeletonEdge[] = [];
  for (const [owner, pods] of groups) {
    const id = blockId(owner);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const p of pods) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x + p.width);
      y1 = Math.max(y1, p.y + p.height);
    }
    nodes.push({ id, width: x1 - x0, height: y1 - y0 });
    blockOrigin.set(id, { x: x0, y: y0 });
    for (const p of pods) podBlock.set(p.id, { block: id, dx: p.x - x0, dy: p.y - y0 });
    if (known.has(owner)) edges.push({ source: owner, target: id });
  }
  const seen = new Set<string>();
  for (const e of t.edges) {
    const source = podBlock.get(e.source)?.block ?? e.source;
    const target = podBlock.get(e.target)?.block ?? e.target;
    const k = `${source}->${target}`;
    if (source === target || seen.has(k) || e.kind === 'trace') continue;
    if (e.kind === 'owner' && target.startsWith('block:')) continue;
    seen.add(k);
    edges.push({ source, target });
  }
  return { nodes, edges, podBlock, blockOrigin };
}

/** A key that changes exactly when a layout would: the node ids with their sizes, and the edges. */
export function skeletonKey(s: Skeleton): string {
  return `${s.nodes.map((n) => `${n.id}:${n.width}x${n.height}`).join('|')}#${s.edges.map((e) => `${e.source}>${e.target}`).join('|')}`;
}

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

/** Move every card and pod block to its laid-out position (top-left); pods move with their block. Nodes without a position stay. */
export function applyPositions(t: Topology, s: Skeleton, pos: Positions): Topology {
  const cards = t.cards.map((c) => {
    const p = pos.get(c.id);
    return p && (p.x !== c.x || p.y !== c.y) ? { ...c, x: p.x, y: p.y } : c;
  });
  const pods = t.pods.map((p) => {
    const b = s.podBlock.get(p.id);
    const at = b && pos.get(b.block);
    return at ? { ...p, x: at.x + b.dx, y: at.y + b.dy } : p;
  });
  return { ...t, cards, pods };
}
