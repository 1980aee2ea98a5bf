import { podJumps, type BoxPlace, type PodPlace } from './slots.ts';
import type { Topology } from './types.ts';

/** Where each box and pod was drawn last time, to tell which pods jump with their box (see `podJumps`). */
export class PlaceMemory {
  private pods = new Map<string, PodPlace>();
  private boxes = new Map<string, BoxPlace>();
  private last: Topology | undefined;
  private lastJumps = new Set<string>();

  /** The pods of `t` that jump rather than glide; remembers `t`'s places for next time (the same `t` again answers the same). */
  jumps(t: Topology): Set<string> {
    if (t === this.last) return this.lastJumps;
    const out = podJumps(this.pods, this.boxes, t.pods, t.boxes);
    this.pods = new Map(t.pods.map((p) => [p.id, { box: p.parentId, x: p.x, y: p.y }]));
    this.boxes = new Map(t.boxes.map((b) => [b.id, { x: b.x, y: b.y, width: b.width }]));
    this.last = t;
    this.lastJumps = out;
    return out;
  }
}
