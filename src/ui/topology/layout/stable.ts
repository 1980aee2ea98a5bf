import type { Positions, Skeleton } from './skeleton.ts';

/**
 * Incremental placement: nodes that were placed before keep their position; new nodes take the automatic
 * layout's position, moved by as much as their nearest placed neighbour (the source of an edge into them, or
 * a target) moved between the fresh layout and the kept one, then nudged right until they overlap nothing.
 * So objects coming and going never move anyone else. Pure.
 */

const GAP = 24;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;
}

export function stabilize(s: Skeleton, fresh: Positions, previous: Positions | undefined): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const size = new Map(s.nodes.map((n) => [n.id, n]));
  const placed: Rect[] = [];
  const fresher: string[] = [];
  for (const n of s.nodes) {
    const p = previous?.get(n.id);
    if (p) {
      out.set(n.id, p);
      placed.push({ x: p.x, y: p.y, w: n.width, h: n.height });
    } else fresher.push(n.id);
  }
  if (fresher.length === 0) return out;
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    let l = neighbours.get(a);
    if (!l) neighbours.set(a, (l = []));
    l.push(b);
  };
  for (const e of s.edges) {
    link(e.target, e.source);
    link(e.source, e.target);
  }
  // Parents first (an edge's source before its target), so a new subtree follows its new root.
  for (const id of fresher) {
    const f = fresh.get(id) ?? { x: 0, y: 0 };
    const anchor = (neighbours.get(id) ?? []).find((nb) => out.has(nb) && fresh.has(nb));
    const shift = anchor ? { x: out.get(anchor)!.x - fresh.get(anchor)!.x, y: out.get(anchor)!.y - fresh.get(anchor)!.y } : previous && previous.size > 0 ? shiftBelow(placed, fresh, fresher) : { x: 0, y: 0 };
    const n = size.get(id)!;
    const r: Rect = { x: f.x + shift.x, y: f.y + shift.y, w: n.width, h: n.height };
    while (placed.some((q) => overlaps(r, q))) r.x = Math.max(...placed.filter((q) => overlaps(r, q)).map((q) => q.x + q.w)) + GAP;
    out.set(id, { x: r.x, y: r.y });
    placed.push(r);
  }
  return out;
}

/** A new, unconnected group goes below everything placed so far. */
function shiftBelow(placed: readonly Rect[], fresh: Positions, ids: readonly string[]): { x: number; y: number } {
  const bottom = Math.max(0, ...placed.map((r) => r.y + r.h));
  const top = Math.min(...ids.map((id) => fresh.get(id)?.y ?? 0));
  return { x: 0, y: bottom + GAP * 3 - top };
}
