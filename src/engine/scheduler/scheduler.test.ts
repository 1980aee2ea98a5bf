import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster, type Cluster } from '../index.ts';
import { NODES_SERVICE, type NodesService } from '../nodes/api.ts';
import { SCHEDULER_SERVICE, type SchedulerService } from './api.ts';
import { bareCluster } from './testing/bare.ts';

type PodView = KubeObject & { spec: { nodeName?: string }; status?: { conditions?: Array<Record<string, unknown>> } };

function createPod(c: Cluster, name: string, spec: Record<string, unknown> = {}, requests?: Record<string, string>) {
  c.runtime.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'nginx', ...(requests ? { resources: { requests } } : {}) }], ...spec },
  });
  c.runtime.settle();
}

const pod = (c: Cluster, name: string) => c.get('pod', name, 'default') as PodView;
const eventsFor = (c: Cluster, name: string) =>
  c
    .list('event', 'default')
    .filter((e) => (e.involvedObject as { kind: string; name: string }).kind === 'Pod' && (e.involvedObject as { name: string }).name === name)
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, source: (e.source as { component: string }).component }));
const scheduledCond = (p: PodView) => p.status?.conditions?.find((x) => x.type === 'PodScheduled');

const TAINT_AND_CPU =
  '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';

describe('default scheduler in a cluster', () => {
  it('binds a pod to a worker and records the Scheduled event', () => {
    const c = createCluster({ nodes: 2 });
    createPod(c, 'web');
    const p = pod(c, 'web');
    expect(p.spec.nodeName).toMatch(/^worker-[12]$/);
    expect(scheduledCond(p)).toMatchObject({ status: 'True' });
    expect(eventsFor(c, 'web')[0]).toEqual({ type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/web to ${p.spec.nodeName}`, count: 1, source: 'default-scheduler' });
  });

  it('leaves a pod that fits nowhere Pending with upstream\'s exact FailedScheduling text', () => {
    const c = createCluster({ nodes: 2 });
    createPod(c, 'big', {}, { cpu: '5' });
    const p = pod(c, 'big');
    expect(p.spec.nodeName).toBeUndefined();
    expect(scheduledCond(p)).toEqual({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: c.runtime.clock.timestamp(), reason: 'Unschedulable', message: TAINT_AND_CPU });
    expect(eventsFor(c, 'big')).toEqual([{ type: 'Warning', reason: 'FailedScheduling', message: TAINT_AND_CPU, count: 1, source: 'default-scheduler' }]);
  });

  it('never uses the tainted control plane, even when workers are full', () => {
    const c = createCluster({ nodes: [{ name: 'w', cpu: '1' }] });
    createPod(c, 'a', {}, { cpu: '600m' });
    createPod(c, 'b', {}, { cpu: '600m' });
    expect(pod(c, 'a').spec.nodeName).toBe('w');
    expect(pod(c, 'b').spec.nodeName).toBeUndefined();
    expect(scheduledCond(pod(c, 'b'))?.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('schedules onto the control plane when the pod tolerates its taint', () => {
    const c = createCluster({ nodes: 0 });
    createPod(c, 'cp', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(pod(c, 'cp').spec.nodeName).toBe('control-plane');
  });

  it('reports a node selector mismatch as not resolvable by preemption', () => {
    const c = createCluster({ nodes: 2 });
    createPod(c, 'sel', { nodeSelector: { disktype: 'ssd' } });
    expect(scheduledCond(pod(c, 'sel'))?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('schedules a pending pod once a bound pod is deleted and frees the CPU', () => {
    const c = createCluster({ nodes: [{ name: 'w', cpu: '1' }] });
    createPod(c, 'a', {}, { cpu: '600m' });
    createPod(c, 'b', {}, { cpu: '600m' });
    c.runtime.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    c.runtime.settle();
    // b failed at t=0 and backs off for 1 s before its retry.
    expect(pod(c, 'b').spec.nodeName).toBeUndefined();
    c.advance(1000);
    expect(pod(c, 'b').spec.nodeName).toBe('w');
    expect(eventsFor(c, 'b').map((e) => e.reason)).toEqual(['FailedScheduling', 'Scheduled']);
  });

  it('schedules a pending pod when a node that fits joins', () => {
    const c = createCluster({ nodes: 1 });
    createPod(c, 'big', {}, { cpu: '6' });
    c.advance(5000);
    c.runtime.service<NodesService>(NODES_SERVICE)!.add({ name: 'big-node', cpu: '8' });
    c.runtime.settle();
    // The new node is NotReady (tainted not-ready) until its flannel pod runs.
    expect(pod(c, 'big').spec.nodeName).toBeUndefined();
    c.advance(10_000);
    expect(pod(c, 'big').spec.nodeName).toBe('big-node');
  });

  it('tries again every five minutes and folds the repeated events', () => {
    const c = createCluster({ nodes: 1 });
    createPod(c, 'big', {}, { cpu: '6' });
    c.advance(5 * 60_000 + 30_000);
    const evs = eventsFor(c, 'big');
    expect(evs).toHaveLength(1);
    expect(evs[0].count).toBe(2);
    // A node heartbeat (status report) is no reason to retry.
    c.advance(60_000);
    expect(eventsFor(c, 'big')[0].count).toBe(2);
  });

  it('spreads identical pods across equal workers', () => {
    // Without CoreDNS, whose pod on one worker would make the workers unequal.
    const c = createCluster({ nodes: 3, dns: false });
    for (let i = 0; i < 9; i++) createPod(c, `p${i}`, {}, { cpu: '100m', memory: '64Mi' });
    const perNode = new Map<string, number>();
    for (let i = 0; i < 9; i++) {
      const n = pod(c, `p${i}`).spec.nodeName!;
      perNode.set(n, (perNode.get(n) ?? 0) + 1);
    }
    expect([...perNode.entries()].sort()).toEqual([
      ['worker-1', 3],
      ['worker-2', 3],
      ['worker-3', 3],
    ]);
  });

  it('leaves pods for other schedulers and pods that name their node alone', () => {
    const c = createCluster({ nodes: 1 });
    createPod(c, 'other', { schedulerName: 'my-scheduler' });
    createPod(c, 'pinned', { nodeName: 'worker-1' });
    expect(pod(c, 'other').spec.nodeName).toBeUndefined();
    expect(scheduledCond(pod(c, 'other'))).toBeUndefined();
    expect(eventsFor(c, 'other')).toEqual([]);
    expect(eventsFor(c, 'pinned')).toEqual([]);
  });

  it('counts a pinned pod against its node', () => {
    const c = createCluster({ nodes: [{ name: 'w', cpu: '1' }] });
    createPod(c, 'pinned', { nodeName: 'w' }, { cpu: '800m' });
    createPod(c, 'next', {}, { cpu: '500m' });
    expect(pod(c, 'next').spec.nodeName).toBeUndefined();
  });

  it('says no nodes are available when there are none', () => {
    const c = createCluster({ nodes: 0 });
    // Only the Node object goes: the control-plane machine (and the scheduler on it) keeps running.
    c.runtime.api.delete('nodes', undefined, 'control-plane');
    createPod(c, 'lonely');
    expect(scheduledCond(pod(c, 'lonely'))).toMatchObject({ status: 'False', reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
  });

  it('remembers the last attempt per pod for explain-scheduling', () => {
    const c = createCluster({ nodes: 2 });
    createPod(c, 'big', {}, { cpu: '5' });
    createPod(c, 'ok', {}, { cpu: '100m' });
    const svc = c.runtime.service<SchedulerService>(SCHEDULER_SERVICE)!;
    const big = svc.lastAttempt('default', 'big')!;
    expect(big.outcome).toBe('Unschedulable');
    expect(big.filtered.map((f) => [f.node, f.plugin, f.reasons.join('; ')])).toEqual([
      ['control-plane', 'TaintToleration', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      ['worker-1', 'NodeResourcesFit', 'Insufficient cpu'],
      ['worker-2', 'NodeResourcesFit', 'Insufficient cpu'],
    ]);
    const ok = svc.lastAttempt('default', 'ok')!;
    expect(ok.outcome).toBe('Scheduled');
    expect(ok.scores?.nodes.sort()).toEqual(['worker-1', 'worker-2']);
    expect(ok.scores?.plugins.map((p) => [p.plugin, p.weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodeResourcesFit', 1],
      ['VolumeBinding', 1],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ]);
    expect(ok.scores?.plugins.find((p) => p.plugin === 'NodeAffinity')?.skipped).toBe(true);
    expect(ok.scores?.plugins.find((p) => p.plugin === 'VolumeBinding')?.skipped).toBe(true);
    c.runtime.api.delete('pods', 'default', 'big');
    c.runtime.settle();
    expect(svc.lastAttempt('default', 'big')).toBeUndefined();
  });
});

describe('scheduler caches, without kubelets', () => {
  const nodeOf = (rt: ReturnType<typeof bareCluster>['rt'], name: string) => (rt.store.get('pods', 'default', name)!.spec as { nodeName?: string }).nodeName;

  it('frees the resources of pods that finish', () => {
    const { rt, createPod } = bareCluster([{ name: 'w', cpu: '1' }]);
    createPod('job', { cpu: '800m' });
    createPod('next', { cpu: '500m' });
    rt.settle();
    expect(nodeOf(rt, 'next')).toBeUndefined();
    rt.api.modify('pods', 'default', 'job', (p) => ((p.status ??= {}) as { phase?: string }).phase = 'Succeeded', { subresource: 'status' });
    rt.advance(1000);
    expect(nodeOf(rt, 'next')).toBe('w');
  });

  it('stops counting pods on a removed node, and counts them again if it returns', () => {
    const { rt, scheduler, createPod } = bareCluster([{ name: 'w', cpu: '1' }]);
    createPod('a', { cpu: '800m' });
    rt.settle();
    const t = scheduler.table;
    expect(t.reqCPU[t.indexOf('w')]).toBe(800);
    rt.api.delete('nodes', undefined, 'w');
    expect(t.indexOf('w')).toBe(-1);
    rt.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'w' } });
    expect(t.reqCPU[t.indexOf('w')]).toBe(800);
    expect(t.podCount[t.indexOf('w')]).toBe(1);
  });

  it('retries a pod whose spec changed, e.g. a toleration added', () => {
    const { rt, createPod } = bareCluster([{ name: 'cp', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }]);
    createPod('p');
    rt.settle();
    expect(nodeOf(rt, 'p')).toBeUndefined();
    rt.advance(2000);
    rt.api.modify('pods', 'default', 'p', (p) => {
      (p.spec as { tolerations?: unknown[] }).tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }];
    });
    rt.settle();
    expect(nodeOf(rt, 'p')).toBe('cp');
  });
});
