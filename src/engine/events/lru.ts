/**
 * A least-recently-used cache of fixed size, as groupcache's lru.Cache that client-go's event correlator uses:
 * `get` and `add` make an entry the most recent; adding beyond the size evicts the least recent.
 */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  /**
   * Walks `map` from its oldest entry. Map iterators skip deleted entries and see appended ones, and only the
   * oldest entry is ever evicted, so one long-lived iterator finds each victim in amortised O(1). Made at
   * the first eviction: an iterator that does not move keeps every table the Map outgrew alive.
   */
  private oldest?: Iterator<string>;

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The most recent key (moving it to the front again changes nothing). */
  private newest?: string;

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined && key !== this.newest) {
      this.map.delete(key);
      this.map.set(key, v);
      this.newest = key;
    }
    return v;
  }

  add(key: string, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    this.map.set(key, value);
    this.newest = key;
    if (this.map.size > this.maxEntries) this.map.delete((this.oldest ??= this.map.keys()).next().value!);
  }
}
