import type { Affinity } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { podInfo } from '../../podinfo.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { interPodAffinity } from './index.ts';

function pod(name: string, labels: Record<string, string>, affinity?: Affinity, node?: string, ns = 'default'): KubeObject {
  const b = makePod(name).namespace(ns);
  for (const [k, v] of Object.entries(labels)) b.label(k, v);
  if (node) b.node(node);
  const o = b.obj() as KubeObject & { spec: Record<string, unknown> };
  if (affinity) o.spec.affinity = affinity;
  return o;
}
function node(name: string, labels: Record<string, string>): KubeObject {
  const o = makeNode(name).obj();
  o.metadata = { ...o.metadata, labels };
  return o;
}
const inSel = (key: string, ...values: string[]) => ({ matchExpressions: [{ key, operator: 'In', values }] });
const term = (key: string, values: string[], topologyKey: string, namespaces?: string[]) => ({ labelSelector: inSel(key, ...values), topologyKey, ...(namespaces ? { namespaces } : {}) });

const AFF = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";

// Follows upstream's TestRequiredAffinitySingleNode (framework/plugins/interpodaffinity/filtering_test.go).
describe('InterPodAffinity Filter', () => {
  const node1 = node('node1', { region: 'r1', zone: 'z11', 'kubernetes.io/hostname': 'node1' });
  const cases: Array<{ name: string; pod: KubeObject; pods: KubeObject[]; want: string }> = [
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: pod('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan', 'value2'], 'region')] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1')],
      want: 'Success',
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: pod('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan', 'value2'], 'region', ['DiffNameSpace'])] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1', 'ns')],
      want: AFF,
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: pod('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['antivirusscan', 'value2'], 'region')] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1')],
      want: AFF,
    },
    {
      name: 'satisfies the PodAffinity but doesn\'t satisfy the PodAntiAffinity with the existing pod',
      pod: pod('p', { service: 'securityscan' }, {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan', 'value2'], 'region')] },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan', 'value2'], 'zone')] },
      }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1')],
      want: ANTI,
    },
    {
      name: 'satisfies the PodAntiAffinity with existing pod but doesn\'t satisfy PodAntiAffinity symmetry with incoming pod',
      pod: pod('p', { service: 'securityscan' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['antivirusscan'], 'zone')] } }),
      pods: [pod('e', { service: 'securityscan' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan'], 'zone')] } }, 'node1')],
      want: EXISTING,
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn\'t satisfy PodAntiAffinity symmetry with incoming pod',
      pod: pod('p', { service: 'securityscan' }),
      pods: [pod('e', {}, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan'], 'zone')] } }, 'node1')],
      want: EXISTING,
    },
    {
      name: 'PodAffinity fails when the node lacks the topology key',
      pod: pod('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan'], 'rack')] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1')],
      want: AFF,
    },
    {
      name: 'the first pod of a group with affinity to itself may go anywhere',
      pod: pod('p', { service: 'securityscan' }, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan'], 'region')] } }),
      pods: [],
      want: 'Success',
    },
    {
      name: 'pod matches its own terms, but a matching pod elsewhere means this node must have one too',
      pod: pod('p', { service: 'securityscan' }, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('service', ['securityscan'], 'region')] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node2')],
      want: AFF,
    },
    {
      name: 'namespaceSelector {} matches pods in every namespace',
      pod: pod('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('service', ['securityscan'], 'region'), namespaceSelector: {} }] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1', 'other')],
      want: 'Success',
    },
    {
      name: 'namespaceSelector matches by namespace labels',
      pod: pod('p', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('service', ['securityscan'], 'region'), namespaceSelector: { matchLabels: { team: 'a' } } }] } }),
      pods: [pod('e', { service: 'securityscan' }, undefined, 'node1', 'team-a')],
      want: 'Success',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const node2 = node('node2', { region: 'r2', zone: 'z21', 'kubernetes.io/hostname': 'node2' });
      const h = handleOf([node1, node2], tc.pods, {
        namespaces: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { team: 'a' } } }],
      });
      const pl = interPodAffinity(h);
      const state = new CycleState();
      const info = podInfo(tc.pod);
      expect(pl.preFilter(state, info, h)?.status).toBeUndefined();
      const s = pl.filter(state, info, h.nodes, 0);
      expect(s ? `${s.code}: ${s.message()}` : 'Success').toBe(tc.want);
    });
  }

  it('PreFilter skips pods without terms when no existing pod has required anti-affinity', () => {
    const h = handleOf([node1], [pod('e', { a: 'b' }, undefined, 'node1')]);
    expect(interPodAffinity(h).preFilter(new CycleState(), podInfo(pod('p', {})), h)?.status?.code).toBe('Skip');
  });
});

// Follows upstream's TestPreferredAffinity (framework/plugins/interpodaffinity/scoring_test.go).
describe('InterPodAffinity Score', () => {
  const nodes = [node('node1', { region: 'China' }), node('node2', { region: 'India' }), node('node3', { az: 'az1' })];
  const pref = (weight: number, key: string, values: string[], topologyKey: string) => [{ weight, podAffinityTerm: term(key, values, topologyKey) }];
  const cases: Array<{ name: string; pod: KubeObject; pods: KubeObject[]; want: number[] | 'Skip' }> = [
    { name: 'all nodes have same score when no pods have affinity', pod: pod('p', {}), pods: [], want: 'Skip' },
    {
      name: 'Affinity: pod that matches topology key & pods in nodes will get high score comparing to others',
      pod: pod('p', {}, { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: pref(5, 'security', ['S1'], 'region') } }),
      pods: [pod('e1', { security: 'S1' }, undefined, 'node1'), pod('e2', { security: 'S2' }, undefined, 'node2')],
      want: [100, 0, 0],
    },
    {
      name: 'Anti Affinity: pod that does not match existing pods in node will get high score',
      pod: pod('p', {}, { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: pref(5, 'security', ['S1'], 'region') } }),
      pods: [pod('e1', { security: 'S1' }, undefined, 'node1'), pod('e2', { security: 'S2' }, undefined, 'node2')],
      want: [0, 100, 100],
    },
    {
      name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod('p', { security: 'S1' }),
      pods: [pod('e1', {}, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('security', ['S1'], 'region')] } }, 'node1')],
      want: [100, 0, 0],
    },
    {
      name: 'Affinity symmetry: considered preferred anti-affinity of an existing pod',
      pod: pod('p', { security: 'S1' }),
      pods: [pod('e2', {}, { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: pref(5, 'security', ['S1'], 'region') } }, 'node2')],
      want: [100, 0, 100],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf(nodes, tc.pods);
      const pl = interPodAffinity(h);
      const state = new CycleState();
      const info = podInfo(tc.pod);
      const s = pl.preScore(state, info, h.nodes, Int32Array.of(0, 1, 2), 3);
      if (tc.want === 'Skip') return expect(s?.code).toBe('Skip');
      expect(s).toBeUndefined();
      const scores = Int32Array.from(nodes.map((_, i) => pl.score(state, info, h.nodes, i)));
      pl.normalizeScore!(state, info, scores, 3);
      expect([...scores]).toEqual(tc.want);
    });
  }
});
