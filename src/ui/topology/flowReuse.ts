import type { Edge, Node } from '@xyflow/react';

/**
 * Keeps React Flow's inputs stable between builds. A node or edge object is kept when nothing React Flow or the
 * card reads has changed, so a frame in which 100 of 1,000 pods changed re-renders those, not every node; and
 * when no node (or edge) changed at all, the previous array itself is handed back, so React Flow does not even
 * take in a new list (it would re-run its store update and every subscriber's selector). Pod card data is
 * cached per stored pod object and box data per box (boxData.ts), so unchanged objects keep their identity.
 */
export class FlowReuse {
  private nodeById = new Map<string, Node>();
  private nodeList: Node[] = [];
  private edgeById = new Map<string, Edge>();
  private edgeList: Edge[] = [];

  nodes(next: readonly Node[]): Node[] {
    const out: Node[] = [];
    const byId = new Map<string, Node>();
    let changed = next.length !== this.nodeList.length;
    for (let i = 0; i < next.length; i++) {
      const n = next[i];
      const p = this.nodeById.get(n.id);
      const keep = p && sameNode(p, n) ? p : n;
      if (keep !== this.nodeList[i]) changed = true;
      out.push(keep);
      byId.set(n.id, keep);
    }
    this.nodeById = byId;
    if (changed) this.nodeList = out;
    return this.nodeList;
  }

  edges(next: readonly Edge[]): Edge[] {
    const out: Edge[] = [];
    const byId = new Map<string, Edge>();
    let changed = next.length !== this.edgeList.length;
    for (let i = 0; i < next.length; i++) {
      const e = next[i];
      const p = this.edgeById.get(e.id);
      const keep = p && sameEdge(p, e) ? p : e;
      if (keep !== this.edgeList[i]) changed = true;
      out.push(keep);
      byId.set(e.id, keep);
    }
    this.edgeById = byId;
    if (changed) this.edgeList = out;
    return this.edgeList;
  }
}

function sameNode(p: Node, n: Node): boolean {
  return (
    p.data === n.data &&
    p.type === n.type &&
    p.position.x === n.position.x &&
    p.position.y === n.position.y &&
    p.width === n.width &&
    p.height === n.height &&
    p.parentId === n.parentId &&
    p.selected === n.selected &&
    p.selectable === n.selectable &&
    p.className === n.className
  );
}

function sameEdge(p: Edge, e: Edge): boolean {
  return (
    p.source === e.source &&
    p.target === e.target &&
    p.sourceHandle === e.sourceHandle &&
    p.targetHandle === e.targetHandle &&
    p.type === e.type &&
    p.className === e.className &&
    p.animated === e.animated &&
    p.data === e.data
  );
}
