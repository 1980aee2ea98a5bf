import { describe, expect, it } from 'vitest';
import { CycleState } from './cycle-state.ts';
import { Framework } from './framework.ts';
import { defaultProfile } from './profile.ts';
import type { FilterPlugin, ScorePlugin } from './interfaces.ts';
import { registry } from '../registry.ts';
import { makeNode, makePod } from '../testing/builders.ts';
import { handleOf } from '../testing/handle.ts';

// The batch forms (scoreAll, passesAll) are Kubelab's shortcuts, not upstream extension points: they must give
// exactly what the per-node calls give, so explanations do not change.
const nodes = [
  makeNode('small').capacity({ cpu: '1', memory: '1Gi', pods: '10' }).obj(),
  makeNode('big').capacity({ cpu: '16', memory: '64Gi', pods: '110' }).obj(),
  makeNode('tainted').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).taint({ key: 'k', value: 'v', effect: 'PreferNoSchedule' }).obj(),
  makeNode('cordoned').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).unschedulable().obj(),
  makeNode('no-memory').capacity({ cpu: '4', pods: '110' }).obj(),
];
const bound = [makePod('a').node('small').req({ cpu: '600m', memory: '100Mi' }).obj(), makePod('b').node('big').req({ cpu: '3', memory: '1Gi' }).obj()];
const pods = {
  'no requests': makePod('p').container(),
  'cpu and memory': makePod('p').req({ cpu: '250m', memory: '512Mi' }),
  'more than a node has': makePod('p').req({ cpu: '2', memory: '2Gi' }),
};

describe('batch scoring', () => {
  for (const [name, pod] of Object.entries(pods)) {
    it(`scoreAll equals score per node: ${name}`, () => {
      const h = handleOf(nodes, bound);
      const fw = new Framework(defaultProfile, registry, h);
      const info = pod.info();
      const feasible = Int32Array.from(nodes.map((_, i) => i).reverse());
      let checked = 0;
      for (const { plugin } of fw.score) {
        const p = plugin as ScorePlugin;
        if (!p.scoreAll) continue;
        const state = new CycleState();
        (plugin as { preScore?: (...a: unknown[]) => unknown }).preScore?.(state, info, h.nodes, feasible, feasible.length);
        const out = new Int32Array(feasible.length);
        p.scoreAll(state, info, h.nodes, feasible, feasible.length, out);
        expect([...out], p.name).toEqual([...feasible].map((i) => p.score(state, info, h.nodes, i)));
        checked++;
      }
      expect(checked).toBe(3);
    });
  }
});

describe('filters that pass every node', () => {
  const cases = [
    { name: 'no tainted or cordoned node', nodes: nodes.filter((n) => !['tainted', 'cordoned'].includes(n.metadata.name!)), pod: makePod('p').container(), want: ['NodeUnschedulable', 'NodeName', 'TaintToleration'] },
    { name: 'a tainted and a cordoned node', nodes, pod: makePod('p').container(), want: ['NodeName'] },
    { name: 'a pod naming its node', nodes: nodes.slice(0, 2), pod: makePod('p').node('big'), want: ['NodeUnschedulable', 'TaintToleration'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf(tc.nodes);
      const fw = new Framework(defaultProfile, registry, h);
      const info = tc.pod.info();
      const passing = fw.filter.filter((f) => (f as FilterPlugin).passesAll?.(info, h.nodes)).map((f) => f.name);
      expect(passing).toEqual(tc.want);
      // passesAll must never hide a rejection.
      for (const f of fw.filter) {
        if (!f.passesAll?.(info, h.nodes)) continue;
        for (let i = 0; i < h.nodes.count; i++) expect(f.filter(new CycleState(), info, h.nodes, i), `${f.name} on ${h.nodes.names[i]}`).toBeUndefined();
      }
    });
  }
});
