import { describe, expect, it } from 'vitest';
import type { CachedPod } from '../../podcache.ts';
import { pickOne, type Candidate } from './victims.ts';

const v = (name: string, priority: number, startTime = '2025-01-01T00:00:00Z'): CachedPod =>
  ({ uid: name, name, namespace: 'default', node: '', labels: {}, terminating: false, priority, pod: { metadata: { name }, status: { startTime } } }) as unknown as CachedPod;
const cand = (node: string, victims: CachedPod[], numPDBViolations = 0): Candidate => ({ node, victims, numPDBViolations });

// Follows upstream's TestPickOneNodeForPreemption (framework/preemption/preemption_test.go): the criteria in order.
describe('pickOneNodeForPreemption', () => {
  const cases = [
    { name: 'fewest PDB violations wins', cands: [cand('a', [v('x', 1)], 1), cand('b', [v('y', 5), v('z', 5)], 0)], want: 'b' },
    { name: 'then the lowest highest-priority victim', cands: [cand('a', [v('x', 10)]), cand('b', [v('y', 5), v('z', 5)])], want: 'b' },
    { name: 'then the smallest sum of priorities', cands: [cand('a', [v('x', 5), v('w', 5)]), cand('b', [v('y', 5), v('z', 1)])], want: 'b' },
    { name: 'then the fewest victims', cands: [cand('a', [v('x', 5), v('w', -100), v('u', -100)]), cand('b', [v('y', 5), v('z', -100)])], want: 'b' },
    {
      name: 'then the latest start time among the highest-priority victims',
      cands: [cand('a', [v('x', 5, '2025-01-01T00:00:00Z')]), cand('b', [v('y', 5, '2025-01-01T00:05:00Z')])],
      want: 'b',
    },
    { name: 'then the first candidate', cands: [cand('a', [v('x', 5)]), cand('b', [v('y', 5)])], want: 'a' },
  ];
  for (const tc of cases) it(tc.name, () => expect(pickOne(tc.cands)?.node).toBe(tc.want));
});
