import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf } from '../../testing/builders.ts';
import { nodeUnschedulable } from './index.ts';

// Follows upstream's TestNodeUnschedulable (framework/plugins/nodeunschedulable/node_unschedulable_test.go).
describe('NodeUnschedulable', () => {
  const cases = [
    { name: 'schedulable node', pod: makePod('p'), node: makeNode('n'), want: undefined },
    { name: 'unschedulable node rejects a pod without toleration', pod: makePod('p'), node: makeNode('n').unschedulable(), want: ['UnschedulableAndUnresolvable', 'node(s) were unschedulable'] },
    {
      name: 'unschedulable node admits a pod tolerating the unschedulable taint',
      pod: makePod('p').toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
      node: makeNode('n').unschedulable(),
      want: undefined,
    },
    { name: 'a toleration for another key does not help', pod: makePod('p').toleration({ key: 'x', operator: 'Exists' }), node: makeNode('n').unschedulable(), want: ['UnschedulableAndUnresolvable', 'node(s) were unschedulable'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const s = nodeUnschedulable().filter(new CycleState(), tc.pod.info(), tableOf([tc.node.obj()]), 0);
      expect(s && [s.code, s.message()]).toEqual(tc.want);
    });
  }
});
