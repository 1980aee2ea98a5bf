import type { GraphNode } from './types.ts';
import type { MeshEdgeData, MeshGroupData, MeshNodeData, MeshTopology } from './meshModel.ts';

/**
 * The mesh view's placement: app boxes and standalone nodes in columns left to right (`layout`), and each edge
 * label at a point of its curve where it covers no other label (`placeLabels`). Pure, deterministic.
 */

export const MESH_LAYOUT = {
  nodeWidth: 196,
  nodeHeight: 48,
  gatewayHeight: 56,
  groupPad: 12,
  groupHead: 34,
  nodeGap: 10,
  columnGap: 190,
  rowGap: 40,
} as const;

/** A node of the mesh graph and the app box it belongs to. */
export interface LayoutEndpoint {
  id: string;
  /** The app group the node belongs to, if any. */
  group?: string;
  node: MeshNodeData;
}

interface Unit {
  id: string;
  width: number;
  height: number;
  /** Order of members inside a group (by version, then workload). */
  members: string[];
  layer: number;
  y: number;
  name: string;
}

/**
 * Columns by longest path from the entry (gateway, unknown clients) over the app-level graph, back edges of a
 * cycle ignored; inside a column, boxes ordered by their callers' heights (barycentre), then by name.
 */
export function layout(nodes: Map<string, LayoutEndpoint>, groups: Map<string, MeshGroupData>, edges: readonly MeshEdgeData[]): Pick<MeshTopology, 'groups' | 'nodes'> {
  const L = MESH_LAYOUT;
  const units = new Map<string, Unit>();
  const unitOf = (id: string) => nodes.get(id)?.group ?? id;
  for (const [id, g] of groups) units.set(id, { id, width: L.nodeWidth + 2 * L.groupPad, height: 0, members: [], layer: 0, y: 0, name: `${g.namespace}/${g.app}` });
  for (const [id, ep] of nodes) {
    if (ep.group) units.get(ep.group)!.members.push(id);
    else units.set(id, { id, width: L.nodeWidth, height: ep.node.role === 'gateway' ? L.gatewayHeight : L.nodeHeight, members: [], layer: 0, y: 0, name: ep.node.title });
  }
  for (const u of units.values()) {
    if (!groups.has(u.id)) continue;
    u.members.sort((a, b) => {
      const x = nodes.get(a)!.node;
      const y = nodes.get(b)!.node;
      return (x.version ?? '').localeCompare(y.version ?? '') || x.workload.localeCompare(y.workload);
    });
    const n = u.members.length;
    u.height = L.groupHead + n * L.nodeHeight + Math.max(0, n - 1) * L.nodeGap + L.groupPad;
  }
  const succ = new Map<string, Set<string>>();
  const indeg = new Map<string, number>();
  for (const id of units.keys()) {
    succ.set(id, new Set());
    indeg.set(id, 0);
  }
  for (const e of edges) {
    const a = unitOf(e.source);
    const b = unitOf(e.target);
    if (a === b || succ.get(a)!.has(b)) continue;
    succ.get(a)!.add(b);
    indeg.set(b, indeg.get(b)! + 1);
  }
  // Depth-first from the roots (then anything left, in a cycle), by name: the finishing order reversed is a
  // topological order of the graph without its back edges.
  const byName = [...units.values()].sort((a, b) => a.name.localeCompare(b.name));
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const back = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const s of [...succ.get(id)!].sort((a, b) => units.get(a)!.name.localeCompare(units.get(b)!.name))) {
      if (state.get(s) === 1) back.add(`${id}>${s}`);
      else if (!state.has(s)) visit(s);
    }
    state.set(id, 2);
    order.push(id);
  };
  for (const u of byName) if (indeg.get(u.id) === 0 && !state.has(u.id)) visit(u.id);
  for (const u of byName) if (!state.has(u.id)) visit(u.id);
  order.reverse();
  for (const id of order) for (const s of succ.get(id)!) if (!back.has(`${id}>${s}`)) units.get(s)!.layer = Math.max(units.get(s)!.layer, units.get(id)!.layer + 1);
  const preds = new Map<string, string[]>();
  for (const [a, ss] of succ) for (const b of ss) if (!back.has(`${a}>${b}`)) preds.set(b, [...(preds.get(b) ?? []), a]);
  const columns: Unit[][] = [];
  for (const u of byName) (columns[u.layer] ??= []).push(u);
  const heights: number[] = [];
  for (const col of columns) {
    if (!col) continue;
    const centre = (u: Unit) => {
      const ps = preds.get(u.id) ?? [];
      return ps.length ? ps.reduce((s, p) => s + units.get(p)!.y + units.get(p)!.height / 2, 0) / ps.length : Infinity;
    };
    const keyed = col.map((u) => ({ u, c: centre(u) }));
    keyed.sort((a, b) => (a.c === b.c ? a.u.name.localeCompare(b.u.name) : a.c === Infinity ? 1 : b.c === Infinity ? -1 : a.c - b.c));
    let y = 0;
    for (const { u } of keyed) {
      u.y = y;
      y += u.height + L.rowGap;
    }
    heights.push(y - L.rowGap);
  }
  const tallest = Math.max(0, ...heights);
  const outGroups: Array<GraphNode<MeshGroupData>> = [];
  const outNodes: Array<GraphNode<MeshNodeData>> = [];
  let ci = 0;
  for (const col of columns) {
    if (!col) continue;
    const shift = (tallest - heights[ci++]) / 2;
    for (const u of col) {
      const x = u.layer * (L.nodeWidth + 2 * L.groupPad + L.columnGap);
      const g = groups.get(u.id);
      if (g) {
        outGroups.push({ id: u.id, x, y: u.y + shift, width: u.width, height: Math.max(u.height, L.groupHead + L.groupPad), data: g });
        u.members.forEach((m, i) => outNodes.push({ id: m, parentId: u.id, x: L.groupPad, y: L.groupHead + i * (L.nodeHeight + L.nodeGap), width: L.nodeWidth, height: L.nodeHeight, data: nodes.get(m)!.node }));
      } else outNodes.push({ id: u.id, x: x + (L.groupPad * 2) / 2, y: u.y + shift, width: u.width, height: u.height, data: nodes.get(u.id)!.node });
    }
  }
  return { groups: outGroups.sort((a, b) => (a.id < b.id ? -1 : 1)), nodes: outNodes };
}

/**
 * A point of the edge's curve: React Flow's bezier from a right-hand source handle to a left-hand target handle
 * (control points half the horizontal distance out; curvature 0.25 when the target lies to the left).
 */
export function bezierPoint(sx: number, sy: number, tx: number, ty: number, t: number): { x: number; y: number } {
  const dx = tx - sx;
  const off = dx >= 0 ? 0.5 * dx : 0.25 * 25 * Math.sqrt(-dx);
  const c1x = sx + off;
  const c2x = tx - off;
  const u = 1 - t;
  return { x: u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx, y: u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty };
}

const LABEL_T = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8];

/** Label size estimate (monospace 10.5 px, the lock and the error badge). */
function labelBox(e: MeshEdgeData): { w: number; h: number } {
  return { w: 18 + 6.4 * e.rateLabel.length + (e.mtls ? 16 : 0) + (e.errorLabel ? 12 + 6.4 * e.errorLabel.length : 0), h: 20 };
}

/** Each label at the first point along its curve where it overlaps no label placed before it. */
export function placeLabels(t: Pick<MeshTopology, 'groups' | 'nodes'>, edges: MeshEdgeData[]): void {
  const abs = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const g of t.groups) abs.set(g.id, { x: g.x, y: g.y, w: g.width, h: g.height });
  for (const n of t.nodes) {
    const p = n.parentId ? abs.get(n.parentId) : undefined;
    abs.set(n.id, { x: n.x + (p?.x ?? 0), y: n.y + (p?.y ?? 0), w: n.width, h: n.height });
  }
  const taken: Array<{ x: number; y: number; w: number; h: number }> = [];
  const hits = (r: { x: number; y: number; w: number; h: number }) => taken.some((o) => Math.abs(o.x - r.x) * 2 < o.w + r.w + 6 && Math.abs(o.y - r.y) * 2 < o.h + r.h + 4);
  for (const e of edges) {
    const s = abs.get(e.source);
    const d = abs.get(e.target);
    if (!s || !d) continue;
    const size = labelBox(e);
    let best: { t: number; r: { x: number; y: number; w: number; h: number } } | undefined;
    for (const at of LABEL_T) {
      const p = bezierPoint(s.x + s.w, s.y + s.h / 2, d.x, d.y + d.h / 2, at);
      const r = { x: p.x, y: p.y, ...size };
      best ??= { t: at, r };
      if (!hits(r)) {
        best = { t: at, r };
        break;
      }
    }
    e.labelT = best!.t;
    taken.push(best!.r);
  }
}

