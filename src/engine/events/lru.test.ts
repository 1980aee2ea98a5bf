import { describe, expect, it } from 'vitest';
import { Lru } from './lru.ts';

// groupcache's lru.Cache (golang/groupcache lru/lru.go), which client-go's event correlator uses: Get and Add
// make an entry the most recent; adding beyond MaxEntries removes the least recent.
describe('Lru', () => {
  const cases: Array<{ name: string; size: number; ops: string[]; present: string[]; absent: string[] }> = [
    { name: 'the oldest goes first', size: 2, ops: ['add a', 'add b', 'add c'], present: ['b', 'c'], absent: ['a'] },
    { name: 'a get makes an entry recent', size: 2, ops: ['add a', 'add b', 'get a', 'add c'], present: ['a', 'c'], absent: ['b'] },
    { name: 'getting the newest again changes nothing', size: 2, ops: ['add a', 'add b', 'get b', 'get b', 'add c'], present: ['b', 'c'], absent: ['a'] },
    { name: 'a get after another key was read moves it', size: 3, ops: ['add a', 'add b', 'add c', 'get a', 'get b', 'get a', 'add d'], present: ['a', 'b', 'd'], absent: ['c'] },
    { name: 're-adding a key refreshes it', size: 2, ops: ['add a', 'add b', 'add a', 'add c'], present: ['a', 'c'], absent: ['b'] },
  ];
  it.each(cases)('$name', ({ size, ops, present, absent }) => {
    const lru = new Lru<number>(size);
    let n = 0;
    for (const op of ops) {
      const [verb, key] = op.split(' ');
      if (verb === 'add') lru.add(key, n++);
      else lru.get(key);
    }
    // Checking with `get` would reorder; the map's membership is what eviction decided.
    const has = (k: string) => (lru as unknown as { map: Map<string, number> }).map.has(k);
    for (const k of present) expect(has(k), k).toBe(true);
    for (const k of absent) expect(has(k), k).toBe(false);
    expect(lru.size).toBe(present.length);
  });
});
