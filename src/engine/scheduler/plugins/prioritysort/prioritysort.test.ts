import { describe, expect, it } from 'vitest';
import { makePod } from '../../testing/builders.ts';
import { prioritySort } from './index.ts';

// Follows upstream's TestLess (framework/plugins/queuesort/priority_sort_test.go).
describe('PrioritySort', () => {
  const q = (priority: number, timestamp: number, seq = 0) => ({ info: makePod('p').priority(priority).info(), timestamp, seq });
  const cases = [
    { name: 'p1.priority less than p2.priority', a: q(1, 0), b: q(2, 0), want: false },
    { name: 'p1.priority greater than p2.priority', a: q(2, 0), b: q(1, 0), want: true },
    { name: 'equal priority, p1 added to the queue earlier', a: q(1, 5), b: q(1, 6), want: true },
    { name: 'equal priority, p2 added to the queue earlier', a: q(1, 6), b: q(1, 5), want: false },
    { name: 'same instant: insertion order decides', a: q(1, 5, 1), b: q(1, 5, 2), want: true },
    { name: 'higher priority wins over an earlier timestamp', a: q(10, 9), b: q(1, 0), want: true },
  ];
  const plugin = prioritySort();
  for (const tc of cases) it(tc.name, () => expect(plugin.less(tc.a, tc.b)).toBe(tc.want));
});
