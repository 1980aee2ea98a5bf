import { describe, expect, it } from 'vitest';
import { Diagnosis, fitErrorMessage } from './diagnosis.ts';
import { Status } from './status.ts';

// Follows upstream's TestFitError_Error (pkg/scheduler/framework/types_test.go) for the 1.32 format.
describe('fitErrorMessage', () => {
  const u = (...r: string[]) => new Status('Unschedulable', r);
  const x = (...r: string[]) => new Status('UnschedulableAndUnresolvable', r);
  const cases: Array<{ name: string; n: number; statuses: Status[]; preFilterMsg?: string; absent?: Status; post?: string; want: string }> = [
    {
      name: 'nodes failed Prefilter plugin',
      n: 3,
      statuses: [],
      preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter',
      absent: x('Node(s) failed PreFilter plugin FalsePreFilter'),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    },
    {
      name: 'nodes failed one Filter plugin with an empty PostFilterMsg',
      n: 3,
      statuses: [u('Node(s) failed Filter plugin FalseFilter-1'), u('Node(s) failed Filter plugin FalseFilter-1'), u('Node(s) failed Filter plugin FalseFilter-1')],
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'nodes failed one Filter plugin with a non-empty PostFilterMsg',
      n: 3,
      statuses: [u('Node(s) failed Filter plugin FalseFilter-1'), u('Node(s) failed Filter plugin FalseFilter-1'), u('Node(s) failed Filter plugin FalseFilter-1')],
      post: 'Error running PostFilter plugin FailedPostFilter',
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed two Filter plugins, one reason per node',
      n: 3,
      statuses: [u('Node(s) failed Filter plugin FalseFilter-1'), u('Node(s) failed Filter plugin FalseFilter-2'), u('Node(s) failed Filter plugin FalseFilter-2')],
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-1, 2 Node(s) failed Filter plugin FalseFilter-2.',
    },
    {
      name: 'a node with several reasons counts under each',
      n: 4,
      statuses: [u('Insufficient cpu', 'Insufficient memory'), u('Insufficient cpu'), u('Insufficient cpu', 'Insufficient memory')],
      absent: undefined,
      want: '0/4 nodes are available: 2 Insufficient memory, 3 Insufficient cpu.',
    },
    {
      name: 'counts sort as strings: 10 before 2',
      n: 12,
      statuses: [...Array.from({ length: 10 }, () => u('b')), u('a'), u('a')],
      want: '0/12 nodes are available: 10 b, 2 a.',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const d = new Diagnosis();
      tc.statuses.forEach((s, i) => d.set(i, s));
      d.preFilterMsg = tc.preFilterMsg ?? '';
      d.absentStatus = tc.absent;
      expect(fitErrorMessage(tc.n, d, tc.post)).toBe(tc.want);
    });
  }
});
