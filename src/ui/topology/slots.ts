/**
 * Stable placement: each member of a group keeps the slot it was given while it stays; newcomers take the
 * lowest free slots (in the order given). So pods do not jump when a neighbour comes or goes.
 */
export function assignSlots(prev: ReadonlyMap<string, number> | undefined, ids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Set<number>();
  const fresh: string[] = [];
  for (const id of ids) {
    const s = prev?.get(id);
    if (s !== undefined && !taken.has(s)) {
      out.set(id, s);
      taken.add(s);
    } else fresh.push(id);
  }
  let next = 0;
  for (const id of fresh) {
    while (taken.has(next)) next++;
    out.set(id, next);
    taken.add(next);
  }
  // Compact when more than half the slots are holes (a scale-down): one re-pack instead of a sparse box.
  const max = Math.max(-1, ...out.values());
  if (max + 1 > 2 * out.size && out.size > 0) {
    const order = [...out.entries()].sort((a, b) => a[1] - b[1]);
    order.forEach(([id], i) => out.set(id, i));
  }
  return out;
}

/** Remembers slot assignments between builds, per group (a node box). */
export class SlotMemory {
  private groups = new Map<string, Map<string, number>>();

  assign(group: string, ids: readonly string[]): Map<string, number> {
    const prev = this.groups.get(group);
    // The same members as last time (a status change, the common case): the same slots, without rebuilding them.
    if (prev && prev.size === ids.length && ids.every((id) => prev.has(id))) return prev;
    const slots = assignSlots(prev, ids);
    this.groups.set(group, slots);
    return slots;
  }

  /** Drop groups that no longer exist. */
  retain(groups: ReadonlySet<string>): void {
    for (const g of this.groups.keys()) if (!groups.has(g)) this.groups.delete(g);
  }
}

/** A box's pods as cells of one CSS grid: the grid's origin and cell size, and each pod's 1-based column and row. */
export interface PodGridPlacement {
  originX: number;
  originY: number;
  width: number;
  height: number;
  gap: number;
  cells: Array<{ column: number; row: number }>;
}

/**
 * Pods laid out on a regular grid (every pod `width` × `height`, `gap` apart, as the node view places them)
 * expressed as CSS grid cells, so they are drawn as grid items in normal flow rather than absolutely positioned
 * elements (each of which the browser paints, hit-tests and composites as a layer of its own). Undefined when
 * the pods do not sit on one such grid.
 */
export function gridPlacement(pods: ReadonlyArray<{ x: number; y: number; width: number; height: number }>, gap: number): PodGridPlacement | undefined {
  if (pods.length === 0) return undefined;
  const { width, height } = pods[0];
  const stepX = width + gap;
  const stepY = height + gap;
  if (!(stepX > 0 && stepY > 0)) return undefined;
  const originX = pods[0].x - Math.floor(pods[0].x / stepX) * stepX;
  const originY = pods[0].y - Math.floor(pods[0].y / stepY) * stepY;
  const cells: PodGridPlacement['cells'] = [];
  for (const p of pods) {
    if (p.width !== width || p.height !== height) return undefined;
    const column = (p.x - originX) / stepX;
    const row = (p.y - originY) / stepY;
    if (!Number.isInteger(column) || !Number.isInteger(row) || column < 0 || row < 0) return undefined;
    cells.push({ column: column + 1, row: row + 1 });
  }
  return { originX, originY, width, height, gap, cells };
}

/** Where a pod was drawn: its box and its place in it, and where that box was and how wide. */
export interface PodPlace {
  box: string | undefined;
  x: number;
  y: number;
}

export interface BoxPlace {
  x: number;
  y: number;
  width: number;
}

/**
 * Which pods must jump to their new place instead of gliding there. Pods glide (a CSS transition on their
 * absolute position) when they change slot in a box that stays put, or move to another box (the unscheduled
 * lane to their node); but when their box moved (a box above grew a row, the boxes re-flowed into other rows)
 * or its grid re-flowed (a wider box: more columns), every pod in it would glide from its old place on the
 * canvas, over the pods now drawn there, a newly placed card fading in right where a neighbour is still leaving.
 * Those pods move with their box, at once.
 */
export function podJumps(
  prevPods: ReadonlyMap<string, PodPlace>,
  prevBoxes: ReadonlyMap<string, BoxPlace>,
  pods: ReadonlyArray<{ id: string; parentId?: string; x: number; y: number }>,
  boxes: ReadonlyArray<{ id: string; x: number; y: number; width: number }>,
): Set<string> {
  const moved = new Set<string>();
  for (const b of boxes) {
    const p = prevBoxes.get(b.id);
    if (p && (p.x !== b.x || p.y !== b.y || p.width !== b.width)) moved.add(b.id);
  }
  const out = new Set<string>();
  for (const pod of pods) {
    const p = prevPods.get(pod.id);
    if (!p || p.box !== pod.parentId) continue;
    if (pod.parentId !== undefined && moved.has(pod.parentId)) out.add(pod.id);
  }
  return out;
}
