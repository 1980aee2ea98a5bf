import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { addDaemonPodTolerations, nodeShouldRunDaemonPod, replaceNodeNameAffinity, targetNodeName } from './predicates.ts';

const node = (name: string, opts: { labels?: Record<string, string>; taints?: unknown[] } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: opts.labels ?? {} },
  spec: opts.taints ? { taints: opts.taints } : {},
});

const ds = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'ds', namespace: 'default' },
  spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } } },
});

// After pkg/controller/daemon TestNodeShouldRunDaemonPod and the taint/toleration cases of daemon_controller_test.go.
describe('nodeShouldRunDaemonPod', () => {
  const cases: Array<{ name: string; node: KubeObject; ds: KubeObject; want: [boolean, boolean] }> = [
    { name: 'plain node runs the pod', node: node('n'), ds: ds(), want: [true, true] },
    { name: 'nodeName of another node', node: node('n'), ds: ds({ nodeName: 'other' }), want: [false, false] },
    { name: 'nodeName of this node', node: node('n'), ds: ds({ nodeName: 'n' }), want: [true, true] },
    { name: 'nodeSelector matches', node: node('n', { labels: { disk: 'ssd' } }), ds: ds({ nodeSelector: { disk: 'ssd' } }), want: [true, true] },
    { name: 'nodeSelector does not match', node: node('n', { labels: { disk: 'hdd' } }), ds: ds({ nodeSelector: { disk: 'ssd' } }), want: [false, false] },
    {
      name: 'required node affinity does not match',
      node: node('n', { labels: { zone: 'a' } }),
      ds: ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } }),
      want: [false, false],
    },
    {
      name: 'required node affinity matches',
      node: node('n', { labels: { zone: 'b' } }),
      ds: ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } }),
      want: [true, true],
    },
    { name: 'untolerated NoSchedule taint: no new pod, existing stays', node: node('n', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), ds: ds(), want: [false, true] },
    { name: 'untolerated NoExecute taint: evicted', node: node('n', { taints: [{ key: 'k', effect: 'NoExecute' }] }), ds: ds(), want: [false, false] },
    { name: 'PreferNoSchedule taint is ignored', node: node('n', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }), ds: ds(), want: [true, true] },
    {
      name: 'tolerated control-plane taint',
      node: node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      ds: ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
      want: [true, true],
    },
    { name: 'unschedulable taint tolerated automatically', node: node('n', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), ds: ds(), want: [true, true] },
    { name: 'not-ready NoExecute tolerated automatically', node: node('n', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), ds: ds(), want: [true, true] },
    { name: 'memory-pressure tolerated automatically', node: node('n', { taints: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }] }), ds: ds(), want: [true, true] },
    { name: 'network-unavailable blocks a pod network pod', node: node('n', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }), ds: ds(), want: [false, true] },
    { name: 'network-unavailable tolerated for hostNetwork', node: node('n', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }), ds: ds({ hostNetwork: true }), want: [true, true] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = nodeShouldRunDaemonPod(c.node, c.ds);
      expect([r.shouldRun, r.shouldContinueRunning]).toEqual(c.want);
    });
  }
});

describe('daemon pod helpers', () => {
  test('AddOrUpdateDaemonPodTolerations adds the six tolerations once, in upstream order', () => {
    const spec: Record<string, unknown> = { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }] };
    addDaemonPodTolerations(spec as never);
    addDaemonPodTolerations(spec as never);
    expect((spec.tolerations as Array<{ key: string }>).map((t) => t.key)).toEqual([
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
    ]);
  });

  // After TestReplaceDaemonSetPodNodeNameNodeAffinity.
  test('ReplaceDaemonSetPodNodeNameNodeAffinity replaces the required terms, keeps preferred ones', () => {
    const aff = replaceNodeNameAffinity(
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'b', operator: 'Exists' }] } }],
        },
      },
      'worker-1',
    );
    expect(aff.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }]);
    expect(aff.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { affinity: aff } } as KubeObject;
    expect(targetNodeName(pod)).toBe('worker-1');
  });
});
