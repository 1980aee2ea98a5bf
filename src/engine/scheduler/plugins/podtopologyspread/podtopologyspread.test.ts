import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { podInfo } from '../../podinfo.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { podTopologySpread } from './index.ts';

const HOST = 'kubernetes.io/hostname';
const foo = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const bar = { matchExpressions: [{ key: 'bar', operator: 'Exists' }] };

type C = Partial<TopologySpreadConstraint> & { maxSkew: number; topologyKey: string };

function pod(labels: string[], ...cs: C[]): KubeObject {
  const b = makePod('p');
  for (const l of labels) b.label(l, '');
  const o = b.obj() as KubeObject & { spec: Record<string, unknown> };
  if (cs.length) o.spec.topologySpreadConstraints = cs;
  return o;
}
const soft = (maxSkew: number, topologyKey: string, labelSelector: object = foo): C => ({ maxSkew, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector });
const hard = (maxSkew: number, topologyKey: string, labelSelector: object = foo, extra: Partial<TopologySpreadConstraint> = {}): C => ({ maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector, ...extra });

/** Existing pods as "node:label,label[:namespace]". */
function existing(...specs: string[]): KubeObject[] {
  return specs.map((s, k) => {
    const [node, labels, ns] = s.split(':');
    const b = makePod(`e${k}`).node(node);
    if (ns) b.namespace(ns);
    for (const l of labels.split(',').filter(Boolean)) b.label(l, '');
    return b.obj();
  });
}
const n = (name: string, labels: Record<string, string> = { [HOST]: name }) => {
  const o = makeNode(name).obj();
  o.metadata = { ...o.metadata, labels };
  return o;
};
const zoned = (name: string, zone: string) => n(name, { zone, [HOST]: name });
const times = (count: number, s: string) => Array.from({ length: count }, () => s);

// Follows upstream's TestPodTopologySpreadScore (framework/plugins/podtopologyspread/scoring_test.go): same
// pods, nodes and wanted scores.
describe('PodTopologySpread Score', () => {
  const abcd = [n('node-a'), n('node-b'), n('node-c'), n('node-d')];
  const cases: Array<{ name: string; pod: KubeObject; pods: KubeObject[]; nodes: KubeObject[]; failed?: KubeObject[]; objs?: Record<string, KubeObject[]>; want: number[] }> = [
    { name: 'one constraint on node, no existing pods', pod: pod(['foo'], soft(1, HOST)), pods: [], nodes: [n('node-a'), n('node-b')], want: [100, 100] },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2',
      pod: pod(['foo'], soft(2, HOST)),
      pods: existing(...times(2, 'node-a:foo'), 'node-b:foo', ...times(3, 'node-d:foo')),
      nodes: abcd,
      want: [33, 66, 100, 16],
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3',
      pod: pod(['foo'], soft(3, HOST)),
      pods: existing(...times(4, 'node-a:foo'), ...times(3, 'node-b:foo'), ...times(2, 'node-c:foo'), 'node-d:foo'),
      nodes: abcd,
      want: [44, 66, 77, 100],
    },
    {
      name: "system defaulting, nodes don't have zone, pods match service",
      pod: pod(['foo']),
      pods: existing(...times(4, 'node-a:foo'), ...times(3, 'node-b:foo'), ...times(2, 'node-c:foo'), 'node-d:foo'),
      nodes: abcd,
      objs: { services: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } }] },
      want: [44, 66, 77, 100],
    },
    {
      name: 'one constraint on node, 3 out of 4 nodes are candidates',
      pod: pod(['foo'], soft(1, HOST)),
      pods: existing(...times(4, 'node-a:foo'), ...times(2, 'node-b:foo'), 'node-x:foo', ...times(3, 'node-y:foo')),
      nodes: [n('node-a'), n('node-b'), n('node-x')],
      failed: [n('node-y')],
      want: [33, 83, 100],
    },
    {
      name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
      pod: pod(['foo'], soft(1, HOST)),
      pods: existing(...times(4, 'node-a:foo'), ...times(2, 'node-b:foo'), 'node-x:foo', ...times(3, 'node-y:foo')),
      nodes: [n('node-a'), n('node-b', { n: 'node-b' }), n('node-x')],
      failed: [n('node-y')],
      want: [16, 0, 100],
    },
    {
      name: 'one constraint on zone, 3 out of 4 nodes are candidates',
      pod: pod(['foo'], soft(1, 'zone')),
      pods: existing(...times(4, 'node-a:foo'), ...times(2, 'node-b:foo'), 'node-x:foo', ...times(3, 'node-y:foo')),
      nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')],
      failed: [zoned('node-y', 'zone2')],
      want: [75, 75, 100],
    },
    {
      name: 'two Constraints on zone and node, 2 out of 4 nodes are candidates',
      pod: pod(['foo'], soft(1, 'zone'), soft(1, HOST)),
      pods: existing(...times(2, 'node-a:foo'), 'node-b:foo', ...times(2, 'node-x:foo'), ...times(4, 'node-y:foo')),
      nodes: [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')],
      failed: [zoned('node-b', 'zone1'), zoned('node-y', 'zone2')],
      want: [100, 63],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors',
      pod: pod(['foo', 'bar'], soft(1, 'zone', foo), soft(1, HOST, bar)),
      pods: existing('node-a:foo', 'node-b:foo,bar', 'node-y:foo', 'node-y:bar'),
      nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')],
      want: [60, 20, 100, 60],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
      pod: pod(['foo', 'bar'], soft(1, 'zone', foo), soft(1, HOST, bar)),
      pods: existing('node-b:bar', 'node-x:foo', 'node-y:foo,bar'),
      nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')],
      want: [100, 60, 40, 0],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
      pod: pod(['foo', 'bar'], soft(1, 'zone', foo), soft(1, HOST, bar)),
      pods: existing('node-a:foo', 'node-b:foo,bar', 'node-y:foo', 'node-y:bar'),
      nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')],
      failed: [zoned('node-y', 'zone2')],
      want: [50, 25, 100],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf([...tc.nodes, ...(tc.failed ?? [])], tc.pods, tc.objs);
      const pl = podTopologySpread(h);
      const info = podInfo(tc.pod);
      const state = new CycleState();
      const feasible = Int32Array.from(tc.nodes.map((_, i) => i));
      const s = pl.preScore(state, info, h.nodes, feasible, feasible.length);
      expect(s).toBeUndefined();
      const scores = Int32Array.from(tc.nodes.map((_, i) => pl.score(state, info, h.nodes, i)));
      pl.normalizeScore!(state, info, scores, scores.length);
      expect([...scores]).toEqual(tc.want);
    });
  }

  it('skips pods without soft constraints and not selected by any controller or service', () => {
    const h = handleOf([n('node-a'), n('node-b')]);
    expect(podTopologySpread(h).preScore(new CycleState(), podInfo(pod(['foo'])), h.nodes, Int32Array.of(0, 1), 2)?.code).toBe('Skip');
  });
});

// Follows upstream's TestSingleConstraint (framework/plugins/podtopologyspread/filtering_test.go).
describe('PodTopologySpread Filter', () => {
  const four = [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')];
  const S = 'Success';
  const U = "Unschedulable: node(s) didn't match pod topology spread constraints";
  const L = "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)";
  const cases: Array<{ name: string; pod: KubeObject; nodes: KubeObject[]; pods: KubeObject[]; want: string[] }> = [
    { name: 'no existing pods', pod: pod(['foo'], hard(1, 'zone')), nodes: four, pods: [], want: [S, S, S, S] },
    { name: "no existing pods, incoming pod doesn't match itself", pod: pod([], hard(1, 'zone')), nodes: four, pods: [], want: [S, S, S, S] },
    {
      name: 'existing pods in a different namespace do not count',
      pod: pod(['foo'], hard(1, 'zone')),
      nodes: four,
      pods: existing('node-a:foo:ns1', 'node-b:foo:ns2', 'node-x:foo', ...times(2, 'node-y:foo')),
      want: [S, S, U, U],
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: pod(['foo'], hard(1, 'zone')),
      nodes: four,
      pods: existing('node-a:foo', ...times(2, 'node-b:foo'), 'node-x:foo', ...times(2, 'node-y:foo')),
      want: [S, S, S, S],
    },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: pod(['foo'], hard(1, 'zone')),
      nodes: [zoned('node-a', 'zone1'), n('node-b', { zon: 'zone1', [HOST]: 'node-b' }), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')],
      pods: existing('node-a:foo', 'node-b:foo', 'node-x:foo', 'node-y:foo'),
      want: [S, L, U, U],
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: pod(['foo'], hard(1, 'rack')),
      nodes: [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')],
      pods: [],
      want: [L, L],
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: pod(['foo'], hard(1, HOST)),
      nodes: four,
      pods: existing(...times(2, 'node-a:foo'), 'node-b:foo', ...times(3, 'node-y:foo')),
      want: [U, U, S, U],
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: pod(['foo'], hard(2, HOST)),
      nodes: four,
      pods: existing(...times(2, 'node-a:foo'), 'node-b:foo', ...times(3, 'node-y:foo')),
      want: [U, S, S, U],
    },
    {
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: pod(['bar'], hard(1, HOST)),
      nodes: four,
      pods: existing(...times(2, 'node-a:foo'), 'node-b:foo', ...times(3, 'node-y:foo')),
      want: [U, S, S, U],
    },
    {
      // Two zones, minDomains 3: the global minimum is taken as 0.
      name: 'incoming pod has minDomains larger than the number of domains',
      pod: pod(['foo'], hard(2, 'zone', foo, { minDomains: 3 })),
      nodes: four,
      pods: existing('node-a:foo', 'node-b:foo', ...times(2, 'node-x:foo'), 'node-y:foo'),
      want: [U, U, U, U],
    },
    {
      // Counted: 1 on node-a → skew 1 + 1 − 0 = 2 ≤ 2; counting the terminating pod would make it 3.
      name: 'terminating pods are not counted',
      pod: pod(['foo'], hard(2, HOST)),
      nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')],
      pods: existing('node-a:foo', 'node-a:foo').map((p, k) => (k === 1 ? { ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } } : p)),
      want: [S, S],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf(tc.nodes, tc.pods);
      const pl = podTopologySpread(h);
      const info = podInfo(tc.pod);
      const state = new CycleState();
      expect(pl.preFilter(state, info, h)?.status).toBeUndefined();
      const got = tc.nodes.map((_, i) => {
        const s = pl.filter(state, info, h.nodes, i);
        return s ? `${s.code}: ${s.message()}` : S;
      });
      expect(got).toEqual(tc.want);
    });
  }
});
