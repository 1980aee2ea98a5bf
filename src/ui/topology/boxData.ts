import type { NodeBoxData, NodeVerdict, PodCounts, ResourceBar } from './types.ts';

/**
 * Node boxes are rebuilt from scratch on every cluster change, but a box rarely changes when its pods do (a
 * status flip changes no count, bar or condition). Keeping the previous data object when nothing in it changed
 * lets React Flow keep the node and skip its render; the pods inside are drawn from the canvas context instead.
 */

function sameBars(a: readonly ResourceBar[], b: readonly ResourceBar[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.resource !== y.resource || x.requested !== y.requested || x.allocatable !== y.allocatable || x.text !== y.text) return false;
  }
  return true;
}

function sameCounts(a: PodCounts | undefined, b: PodCounts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a) as Array<keyof PodCounts>;
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

function sameVerdict(a: NodeVerdict | undefined, b: NodeVerdict | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.feasible === b.feasible && a.reason === b.reason && a.total === b.total && a.heat === b.heat && a.selected === b.selected;
}

/** Whether two node boxes draw the same. */
export function sameBoxData(a: NodeBoxData, b: NodeBoxData): boolean {
  if (a === b) return true;
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.roles === b.roles &&
    a.ready === b.ready &&
    a.statusText === b.statusText &&
    a.podCount === b.podCount &&
    a.matched === b.matched &&
    a.dimmed === b.dimmed &&
    sameBars(a.bars, b.bars) &&
    a.components.length === b.components.length &&
    a.components.every((c, i) => c.name === b.components[i].name && c.leader === b.components[i].leader) &&
    sameCounts(a.collapsed, b.collapsed) &&
    sameVerdict(a.verdict, b.verdict)
  );
}

/** The last data object drawn per box id: `stable` hands back the previous one while the box draws the same. */
export class BoxDataMemo {
  private last = new Map<string, NodeBoxData>();
  private seen = new Set<string>();

  stable(id: string, data: NodeBoxData): NodeBoxData {
    this.seen.add(id);
    const prev = this.last.get(id);
    if (prev && sameBoxData(prev, data)) return prev;
    this.last.set(id, data);
    return data;
  }

  /** Forget boxes not seen since the previous call (nodes that went away). */
  sweep(): void {
    for (const id of this.last.keys()) if (!this.seen.has(id)) this.last.delete(id);
    this.seen.clear();
  }
}
