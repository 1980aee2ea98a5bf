import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf } from '../../testing/builders.ts';
import { nodeName } from './index.ts';

// Follows upstream's TestNodeName (framework/plugins/nodename/node_name_test.go).
describe('NodeName', () => {
  const cases = [
    { name: 'no host specified', pod: makePod('p'), want: undefined },
    { name: 'host matches', pod: makePod('p').node('foo'), want: undefined },
    { name: 'host does not match', pod: makePod('p').node('bar'), want: ['UnschedulableAndUnresolvable', "node(s) didn't match the requested node name"] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const s = nodeName().filter(new CycleState(), tc.pod.info(), tableOf([makeNode('foo').obj()]), 0);
      expect(s && [s.code, s.message()]).toEqual(tc.want);
    });
  }
});
