import type { Rng } from '../util/rng.ts';

/**
 * A range of `max` slots (offsets 0..max-1) handed out at random, as the apiserver's bitmap allocator with
 * `randomScanStrategyWithOffset`: dynamic allocation first tries the upper band [offset, max) from a random
 * start, and only when that is full the lower band [0, offset), which is left for static (requested) values.
 * Each slot records its owner (a Service's namespace/name) so the same Service may re-request what it holds.
 */
export class OffsetRange {
  private owners = new Map<number, string>();

  constructor(
    readonly max: number,
    readonly offset: number,
    /** Slots never handed out dynamically (still allowed when requested explicitly). */
    private readonly reserved: ReadonlySet<number> = new Set(),
  ) {}

  has(slot: number): boolean {
    return this.owners.has(slot);
  }

  owner(slot: number): string | undefined {
    return this.owners.get(slot);
  }

  set(slot: number, owner: string): void {
    this.owners.set(slot, owner);
  }

  release(slot: number, owner?: string): void {
    if (owner === undefined || this.owners.get(slot) === owner) this.owners.delete(slot);
  }

  used(): number {
    return this.owners.size;
  }

  /** Slots owned by `owner`. */
  ownedBy(owner: string): number[] {
    const out: number[] = [];
    for (const [slot, o] of this.owners) if (o === owner) out.push(slot);
    return out;
  }

  /** A free slot chosen as upstream's random scan does; `taken` adds slots held by the current operation. */
  next(rng: Rng, taken: ReadonlySet<number> = new Set()): number | undefined {
    const free = (s: number) => !this.owners.has(s) && !taken.has(s) && !this.reserved.has(s);
    const upper = this.max - this.offset;
    if (upper > 0) {
      const start = rng.int(upper);
      for (let i = 0; i < upper; i++) {
        const at = this.offset + ((start + i) % upper);
        if (free(at)) return at;
      }
    }
    if (this.offset > 0) {
      const start = rng.int(this.offset);
      for (let i = 0; i < this.offset; i++) {
        const at = (start + i) % this.offset;
        if (free(at)) return at;
      }
    }
    return undefined;
  }
}

/** Upstream's calculateRangeOffset: min(max(lo, size/step), hi), 0 for ranges no bigger than `lo`. */
export function rangeOffset(size: number, lo: number, hi: number, step: number): number {
  if (size <= lo) return 0;
  return Math.min(Math.max(lo, Math.floor(size / step)), hi);
}
