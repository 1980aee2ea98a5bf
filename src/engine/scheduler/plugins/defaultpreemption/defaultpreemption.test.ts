import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state.ts';
import { Diagnosis } from '../../framework/diagnosis.ts';
import { Status } from '../../framework/status.ts';
import { makeNode, makePod, tableOf, type PodBuilder } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { defaultPreemption } from './index.ts';

// Messages follow upstream's TestPostFilter (framework/plugins/defaultpreemption/default_preemption_test.go)
// for the cases where no victim can be found.
describe('DefaultPreemption PostFilter', () => {
  const t = tableOf([makeNode('node1').obj(), makeNode('node2').obj(), makeNode('node3').obj()]);
  const cases: Array<{ name: string; pod: PodBuilder; statuses: Array<Status | undefined>; absent?: Status; want: string }> = [
    {
      name: 'pod with preemptionPolicy Never is not eligible',
      pod: makePod('p').preemptionPolicy('Never'),
      statuses: [new Status('Unschedulable', ['Insufficient cpu']), new Status('Unschedulable', ['Insufficient cpu']), new Status('Unschedulable', ['Insufficient cpu'])],
      want: 'preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'no node is helped by preemption',
      pod: makePod('p'),
      statuses: [new Status('UnschedulableAndUnresolvable', ['x']), new Status('UnschedulableAndUnresolvable', ['y']), new Status('UnschedulableAndUnresolvable', ['z'])],
      want: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'mixed: a tainted node and two full nodes',
      pod: makePod('p'),
      statuses: [new Status('UnschedulableAndUnresolvable', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']), new Status('Unschedulable', ['Insufficient cpu']), new Status('Unschedulable', ['Insufficient cpu'])],
      want: 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'nodes ruled out by PreFilter count as not helpful',
      pod: makePod('p'),
      statuses: [new Status('Unschedulable', ['Insufficient cpu'])],
      absent: new Status('UnschedulableAndUnresolvable', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]),
      // Sorted as strings, count prefix included (Go's sort.Strings).
      want: 'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const d = new Diagnosis();
      tc.statuses.forEach((s, i) => s && d.set(i, s));
      d.absentStatus = tc.absent;
      const r = defaultPreemption(handleOf([])).postFilter(new CycleState(), tc.pod.info(), t, d);
      expect(r.status.code).toBe('Unschedulable');
      expect(r.status.message()).toBe(tc.want);
    });
  }
});
