import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import { Heap } from './heap.ts';

type Timer = { at: number; seq: number };
const byDueThenSeq = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

// Timers fire by due time, and timers due at the same instant in the order they were scheduled (the clock's
// contract: the same inputs give the same runs).
describe('Heap (ordered as the clock orders timers)', () => {
  const cases: Array<{ name: string; ats: number[] }> = [
    { name: 'empty', ats: [] },
    { name: 'one', ats: [5] },
    { name: 'ascending', ats: [1, 2, 3, 4, 5] },
    { name: 'descending', ats: [5, 4, 3, 2, 1] },
    { name: 'ties keep scheduling order', ats: [3, 1, 3, 1, 3, 1, 2] },
    { name: 'all due at once', ats: [7, 7, 7, 7, 7, 7, 7, 7, 7] },
  ];
  it.each(cases)('$name', ({ ats }) => {
    const h = new Heap<Timer>(byDueThenSeq);
    ats.forEach((at, seq) => h.push({ at, seq }));
    const out: Array<[number, number]> = [];
    for (let t = h.pop(); t; t = h.pop()) out.push([t.at, t.seq]);
    const want = ats.map((at, seq) => [at, seq] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(out).toEqual(want);
    expect(h.size).toBe(0);
  });

  it('interleaved pushes and pops come out in order', () => {
    const rng = new Rng(3);
    const h = new Heap<Timer>(byDueThenSeq);
    const live: Array<{ at: number; seq: number }> = [];
    let seq = 0;
    for (let i = 0; i < 2000; i++) {
      if (live.length === 0 || rng.int(3) > 0) {
        const t = { at: rng.int(50), seq: seq++ };
        h.push(t);
        live.push(t);
      } else {
        live.sort((a, b) => a.at - b.at || a.seq - b.seq);
        expect(h.pop()).toBe(live.shift());
      }
    }
    expect(h.size).toBe(live.length);
  });
});
