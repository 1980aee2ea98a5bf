import { describe, expect, it } from 'vitest';
import { goSort } from './gosort.ts';

// Go's sort.Sort is not stable beyond 12 elements; these orders are what Go 1.23's pdqsort produces.
describe('goSort (Go sort.Sort)', () => {
  const keyed = (keys: number[]) => keys.map((k, i) => ({ k, i }));
  const order = (keys: number[]) => goSort(keyed(keys), (a, b) => a.k < b.k).map((x) => x.i);
  it('up to 12 elements: insertion sort, stable', () => {
    expect(order([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0])).toEqual([1, 3, 5, 7, 9, 11, 0, 2, 4, 6, 8, 10]);
  });
  it('sorts longer inputs, with every element kept', () => {
    const keys = Array.from({ length: 200 }, (_, i) => (i * 7919) % 13);
    const got = goSort(keyed(keys), (a, b) => a.k < b.k);
    expect(got.map((x) => x.k)).toEqual([...keys].sort((a, b) => a - b));
    expect(new Set(got.map((x) => x.i)).size).toBe(200);
  });
  it('13 equal keys after a smaller one are not kept in input order (as Go)', () => {
    // Traced by hand through pdqsort: pivot index 6 (median of 3, 6, 9), partialInsertionSort gives up
    // (fewer than 50 elements), partition swaps the pivot to the front and the 0 with element 1, then
    // insertion sort leaves the remaining 12 equal keys where partition put them.
    expect(order([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])).toEqual([13, 6, 2, 3, 4, 5, 0, 7, 8, 9, 10, 11, 12, 1]);
  });
});
