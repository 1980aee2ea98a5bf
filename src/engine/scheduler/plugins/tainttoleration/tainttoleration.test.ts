import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf } from '../../testing/builders.ts';
import { taintToleration } from './index.ts';

const node = (...taints: Taint[]) => {
  const b = makeNode('n');
  for (const t of taints) b.taint(t);
  return b.obj();
};
const pod = (...tolerations: Toleration[]) => {
  const b = makePod('p');
  for (const t of tolerations) b.toleration(t);
  return b.info();
};

// Follows upstream's TestTaintTolerationFilter (framework/plugins/tainttoleration/taint_toleration_test.go).
describe('TaintToleration Filter', () => {
  const cases: Array<{ name: string; pod: ReturnType<typeof pod>; node: ReturnType<typeof node>; want?: string }> = [
    { name: 'a pod having no tolerations can\'t be scheduled onto a node with nonempty taints', pod: pod(), node: node({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }), want: 'node(s) had untolerated taint {dedicated: user1}' },
    { name: 'a pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule', pod: pod({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }), node: node({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }) },
    { name: "a pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule", pod: pod({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }), node: node({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }), want: 'node(s) had untolerated taint {dedicated: user1}' },
    { name: 'a pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node', pod: pod({ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }), node: node({ key: 'foo', value: 'bar', effect: 'NoSchedule' }) },
    { name: 'a pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node', pod: pod({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }), node: node({ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }) },
    { name: "a pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node", pod: pod({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }), node: node({ key: 'foo', value: 'bar', effect: 'NoSchedule' }), want: 'node(s) had untolerated taint {foo: bar}' },
    { name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node', pod: pod({ key: 'foo', operator: 'Equal', value: 'bar' }), node: node({ key: 'foo', value: 'bar', effect: 'NoSchedule' }) },
    { name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node", pod: pod({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }), node: node({ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }) },
    { name: "The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node", pod: pod(), node: node({ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }) },
    { name: 'the control-plane taint has an empty value', pod: pod(), node: node({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }), want: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }' },
    { name: 'NoExecute taints also keep pods off', pod: pod(), node: node({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }), want: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }' },
    { name: 'an empty key with Exists tolerates everything', pod: pod({ operator: 'Exists' }), node: node({ key: 'a', value: 'b', effect: 'NoExecute' }) },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const s = taintToleration().filter(new CycleState(), tc.pod, tableOf([tc.node]), 0);
      expect(s && s.code).toBe(tc.want ? 'UnschedulableAndUnresolvable' : undefined);
      expect(s?.message()).toBe(tc.want);
    });
  }
});

// Follows upstream's TestTaintTolerationScore.
describe('TaintToleration Score', () => {
  const score = (p: ReturnType<typeof pod>, nodes: ReturnType<typeof node>[]) => {
    const pl = taintToleration();
    const t = tableOf(nodes.map((n, k) => ({ ...n, metadata: { ...n.metadata, name: `n${k}` } })));
    const state = new CycleState();
    pl.preScore(state, p, t, new Int32Array(0), 0);
    const s = Int32Array.from(nodes.map((_, i) => pl.score(state, p, t, i)));
    pl.normalizeScore!(state, p, s, s.length);
    return [...s];
  };
  const cases = [
    {
      name: 'node with taints tolerated by the pod gets a higher score than one without tolerated taints',
      pod: pod({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
      nodes: [node({ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }), node(), node({ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' })],
      want: [100, 100, 0],
    },
    {
      name: 'the more intolerable taints a node has, the lower its score',
      pod: pod({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
      nodes: [node(), node({ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }), node({ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' })],
      want: [100, 50, 0],
    },
    {
      name: 'only PreferNoSchedule taints are counted',
      pod: pod({ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }),
      nodes: [node(), node({ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }), node({ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' })],
      want: [100, 100, 0],
    },
    { name: 'no taints anywhere: every node gets the maximum', pod: pod(), nodes: [node(), node()], want: [100, 100] },
  ];
  for (const tc of cases) it(tc.name, () => expect(score(tc.pod, tc.nodes)).toEqual(tc.want));
});
