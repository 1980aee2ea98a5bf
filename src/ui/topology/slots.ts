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
    const slots = assignSlots(this.groups.get(group), ids);
    this.groups.set(group, slots);
    return slots;
  }

  /** Drop groups that no longer exist. */
  retain(groups: ReadonlySet<string>): void {
    for (const g of this.groups.keys()) if (!groups.has(g)) this.groups.delete(g);
  }
}
