import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../index.ts';
import type { KubeObject } from '../../../api/types.ts';

function apply(c: ReturnType<typeof createCluster>, yaml: string): void {
  c.writeFile('/tmp/x.yaml', yaml);
  const r = c.run('kubectl apply -f /tmp/x.yaml');
  expect(r.stderr).toBe('');
}

const pc = (name: string, value: number, policy = 'PreemptLowerPriority') =>
  `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: ${value}\npreemptionPolicy: ${policy}\n`;
const pod = (name: string, cls: string, cpu: string, node?: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${name}\nspec:\n  priorityClassName: ${cls}\n${node ? `  nodeSelector:\n    kubernetes.io/hostname: ${node}\n` : ''}  containers:\n  - name: app\n    image: nginx:1.14\n    resources:\n      requests:\n        cpu: ${cpu}\n`;

const events = (c: ReturnType<typeof createCluster>, reason: string) =>
  c.list('events', 'default').filter((e) => (e as unknown as { reason: string }).reason === reason) as unknown as Array<{ involvedObject: { name: string }; message: string }>;

// Behaviour as upstream's TestPreempt / TestSelectVictimsOnNode (framework/preemption and
// plugins/defaultpreemption): the lowest-priority pods that free enough room are evicted, the preemptor is
// nominated to the node and placed there once they are gone.
describe('DefaultPreemption in a cluster', () => {
  it('evicts the lower-priority pod, nominates the node, then schedules there', () => {
    const c = createCluster({ nodes: 2, seed: 5 });
    apply(c, pc('low', 100) + '---\n' + pc('mid', 500) + '---\n' + pc('high', 1000));
    apply(c, pod('low-1', 'low', '3', 'worker-1') + '---\n' + pod('mid-2', 'mid', '3', 'worker-2'));
    c.runUntilIdle();
    apply(c, pod('vip', 'high', '3'));
    const failed = events(c, 'FailedScheduling').find((e) => e.involvedObject.name === 'vip')!;
    expect(failed.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
    const vip = c.get('pods', 'vip')!;
    expect((vip.status as { nominatedNodeName?: string }).nominatedNodeName).toBe('worker-1');
    const preempted = events(c, 'Preempted');
    expect(preempted.map((e) => [e.involvedObject.name, e.message])).toEqual([['low-1', `Preempted by pod ${vip.metadata.uid} on node worker-1`]]);
    const victim = c.get('pods', 'low-1') as KubeObject;
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect((victim.status as { conditions: Array<{ type: string; reason?: string; message?: string }> }).conditions.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    c.runUntilIdle();
    expect(c.get('pods', 'low-1')).toBeUndefined();
    expect((c.get('pods', 'vip')!.spec as { nodeName?: string }).nodeName).toBe('worker-1');
    expect(c.get('pods', 'mid-2')).toBeDefined();
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('does not preempt pods of equal or higher priority, and says why per node', () => {
    const c = createCluster({ nodes: 1 });
    apply(c, pc('high', 1000));
    apply(c, pod('big', 'high', '3'));
    c.runUntilIdle();
    apply(c, pod('other', 'high', '3'));
    const failed = events(c, 'FailedScheduling').find((e) => e.involvedObject.name === 'other')!;
    expect(failed.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
    expect(events(c, 'Preempted')).toEqual([]);
  });

  it('leaves a pod with preemptionPolicy Never pending', () => {
    const c = createCluster({ nodes: 1 });
    apply(c, pc('low', 1) + '---\n' + pc('polite', 1000, 'Never'));
    apply(c, pod('big', 'low', '3'));
    c.runUntilIdle();
    apply(c, pod('p', 'polite', '3'));
    const failed = events(c, 'FailedScheduling').find((e) => e.involvedObject.name === 'p')!;
    expect(failed.message.endsWith(' preemption: not eligible due to preemptionPolicy=Never.')).toBe(true);
    expect(c.get('pods', 'big')!.metadata.deletionTimestamp).toBeUndefined();
  });
});
