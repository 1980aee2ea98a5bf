import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { KubeObject } from '../../api/types.ts';
import { computeZoneState } from './zones.ts';
import { matchingTolerations, minTolerationMs } from '../tainteviction/controller.ts';

type NodeView = { spec: { taints?: Array<{ key: string; effect: string; timeAdded?: string }> }; status: { conditions: Array<{ type: string; status: string; reason: string; message: string; lastHeartbeatTime: string }> } };
const node = (c: ReturnType<typeof createCluster>, n: string) => c.get('node', n) as unknown as NodeView;
const ready = (c: ReturnType<typeof createCluster>, n: string) => node(c, n).status.conditions.find((x) => x.type === 'Ready')!;
const taints = (c: ReturnType<typeof createCluster>, n: string) => (node(c, n).spec.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const podsOn = (c: ReturnType<typeof createCluster>, n: string) => c.list('pod', 'default').filter((p) => (p.spec as { nodeName?: string }).nodeName === n);
const events = (c: ReturnType<typeof createCluster>, reason: string) => c.list('event', 'default').filter((e) => e.reason === reason) as Array<KubeObject & { message: string; source: { component: string } }>;

// Cases after pkg/controller/nodelifecycle/node_lifecycle_controller_test.go (TestMonitorNodeHealth*,
// TestApplyNoExecuteTaints, TestSwapUnreachableNotReadyTaints, TestComputeZoneState) and
// pkg/controller/tainteviction/taint_eviction_test.go (TestGetMinTolerationTime, TestCreatePod).
describe('node lifecycle controller', () => {
  it('marks a silent node Unknown after the 50 s grace period, taints it, and evicts its pods 300 s later', () => {
    const c = createCluster({ nodes: 3 });
    c.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    c.run('kubectl rollout status deployment/web');
    const victims = podsOn(c, 'worker-1').map((p) => p.metadata.name!);
    expect(victims.length).toBeGreaterThan(0);
    const t0 = c.now();
    c.run('lab node fail worker-1');
    // The controller dates a node's last sign of life by the 5 s monitor pass that saw its lease or its Ready
    // heartbeat change; Unknown at the first pass more than 50 s after that.
    const ms = (ts: string) => c.runtime.clock.parse(ts);
    const leaseRenewed = ms((c.get('lease', 'worker-1', 'kube-node-lease')!.spec as { renewTime: string }).renewTime);
    const lastChange = Math.max(leaseRenewed, ms(ready(c, 'worker-1').lastHeartbeatTime));
    const seen = Math.floor(lastChange / 5_000) * 5_000 + 5_000;
    c.advance(seen + 50_000 - t0);
    expect(ready(c, 'worker-1').status).toBe('True');
    c.advance(5_000);
    expect(ready(c, 'worker-1')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(c, 'worker-1').status.conditions.map((x) => x.status)).toEqual(['Unknown', 'Unknown', 'Unknown', 'Unknown']);
    expect(taints(c, 'worker-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(events(c, 'NodeNotReady').map((e) => e.message).sort()).toEqual([...victims.map(() => 'Node is not ready'), 'Node worker-1 status is now: NodeNotReady']);
    for (const p of podsOn(c, 'worker-1')) {
      expect((p.status as { conditions: Array<{ type: string; status: string }> }).conditions.find((x) => x.type === 'Ready')!.status).toBe('False');
    }
    // The NoExecute taint comes with the next pass (the node was seen Ready in the pass that marked it).
    c.advance(5_000);
    expect(taints(c, 'worker-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    c.advance(299_000);
    expect(podsOn(c, 'worker-1').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    c.advance(1_000);
    const evicted = podsOn(c, 'worker-1');
    expect(evicted.map((p) => p.metadata.name).sort()).toEqual([...victims].sort());
    expect(evicted.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(events(c, 'TaintManagerEviction').map((e) => [e.message, e.source.component])).toEqual(
      [...victims].sort().map((v) => [`Marking for deletion Pod default/${v}`, 'taint-eviction-controller']),
    );
    const cond = (evicted[0].status as { conditions: Array<Record<string, string>> }).conditions.find((x) => x.type === 'DisruptionTarget');
    expect(cond).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    // The kubelet is gone: the pods stay Terminating; the Deployment replaced them elsewhere.
    c.advance(120_000);
    expect(podsOn(c, 'worker-1')).toHaveLength(victims.length);
    expect(c.run('kubectl get deployment web --no-headers').stdout).toMatch(/^web\s+3\/3\s+3\s+3\s/);
    // Recovery: Ready again, taints gone, the old pods finish terminating.
    expect(c.run('lab node recover worker-1').stdout).toBe('node/worker-1 recovered\n');
    c.advance(10_000);
    expect(ready(c, 'worker-1')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(taints(c, 'worker-1')).toEqual([]);
    expect(podsOn(c, 'worker-1')).toEqual([]);
  });

  it('keeps pods that tolerate unreachable forever, and cancels evictions when the node recovers in time', () => {
    const c = createCluster({ nodes: 2 });
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: {name: stay}
spec:
  nodeName: worker-1
  tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}]
  containers: [{name: c, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: brief}
spec:
  nodeName: worker-1
  containers: [{name: c, image: nginx:1.27}]
EOF`);
    c.advance(5_000);
    c.run('lab node fail worker-1');
    c.advance(120_000);
    expect(taints(c, 'worker-1')).toContain('node.kubernetes.io/unreachable:NoExecute');
    c.run('lab node recover worker-1');
    c.advance(10_000);
    expect(events(c, 'TaintManagerEviction').map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/brief']);
    c.advance(600_000);
    expect(podsOn(c, 'worker-1').map((p) => [p.metadata.name, !!p.metadata.deletionTimestamp])).toEqual([
      ['brief', false],
      ['stay', false],
    ]);
  });

  it('garbage-collects the pods of a removed node after the 40 s quarantine', () => {
    const c = createCluster({ nodes: 2 });
    c.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    c.run('kubectl rollout status deployment/web');
    const victims = podsOn(c, 'worker-1').map((p) => p.metadata.name!);
    expect(c.run('lab node remove worker-1').stdout).toBe('node/worker-1 removed\n');
    expect(c.get('node', 'worker-1')).toBeUndefined();
    c.advance(30_000);
    expect(podsOn(c, 'worker-1')).toHaveLength(victims.length);
    c.advance(40_000);
    expect(podsOn(c, 'worker-1')).toEqual([]);
    expect(c.run('kubectl get deployment web --no-headers').stdout).toMatch(/^web\s+2\/2/);
    expect(c.list('event', 'default').some((e) => e.reason === 'RemovingNode')).toBe(true);
  });

  it('changes nothing when every node is down: the controller manager went down with the control plane', () => {
    // With the only control-plane node down, kube-controller-manager runs nowhere (no leader holds its
    // Lease), so nobody marks the nodes, taints them or evicts: the Node objects stay as they were.
    const c = createCluster({ nodes: 1 });
    c.run('lab node fail worker-1');
    c.run('lab node fail control-plane');
    c.advance(120_000);
    expect(ready(c, 'worker-1').status).toBe('True');
    expect(taints(c, 'worker-1')).toEqual([]);
  });

  it('lets a Node applied with a status join as a simulated node (KWOK-style)', () => {
    const c = createCluster({ nodes: 0 });
    const r = c.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Node
metadata:
  name: kwok-1
  labels: {type: kwok}
status:
  capacity: {cpu: "32", memory: 128Gi, pods: "110"}
  allocatable: {cpu: "32", memory: 128Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
  images:
  - names: [docker.io/library/nginx:1.27]
    sizeBytes: 72000000
EOF`);
    expect(r.stdout).toBe('node/kwok-1 created\n');
    c.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    c.run('kubectl rollout status deployment/web');
    expect(podsOn(c, 'kwok-1')).toHaveLength(2);
    c.advance(600_000);
    expect(ready(c, 'kwok-1').status).toBe('True');
    expect(c.get('lease', 'kwok-1', 'kube-node-lease')).toBeDefined();
    expect((c.get('node', 'kwok-1') as unknown as { status: { capacity: Record<string, string> } }).status.capacity.cpu).toBe('32');
  });
});

describe('helpers', () => {
  const zoneCases: Array<{ name: string; statuses: Array<string | undefined>; want: string }> = [
    { name: 'all ready', statuses: ['True', 'True'], want: 'Normal' },
    { name: 'none ready', statuses: ['Unknown', 'False'], want: 'FullDisruption' },
    { name: 'two of three not ready is not partial (needs more than 2)', statuses: ['True', 'False', 'Unknown'], want: 'Normal' },
    { name: 'three of four not ready is partial', statuses: ['True', 'False', 'Unknown', undefined], want: 'PartialDisruption' },
  ];
  for (const tc of zoneCases) {
    it(`computeZoneState: ${tc.name}`, () => {
      expect(computeZoneState(tc.statuses.map((s) => (s ? { type: 'Ready', status: s } : undefined)))).toBe(tc.want);
    });
  }
  const tolCases: Array<{ name: string; secs: Array<number | undefined>; want: number }> = [
    { name: 'no tolerations: evict now', secs: [], want: 0 },
    { name: 'forever', secs: [undefined], want: -1 },
    { name: 'the shortest', secs: [300, 20, undefined], want: 20_000 },
    { name: 'non-positive means now', secs: [300, -5], want: 0 },
  ];
  for (const tc of tolCases) {
    it(`getMinTolerationTime: ${tc.name}`, () => {
      expect(minTolerationMs(tc.secs.map((s) => ({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: s })))).toBe(tc.want);
    });
  }
  it('GetMatchingTolerations needs every taint tolerated', () => {
    const taints = [{ key: 'a', effect: 'NoExecute' }, { key: 'b', effect: 'NoExecute' }];
    expect(matchingTolerations(taints, [{ key: 'a', operator: 'Exists' }]).all).toBe(false);
    expect(matchingTolerations(taints, [{ operator: 'Exists' }])).toEqual({ all: true, used: [{ operator: 'Exists' }, { operator: 'Exists' }] });
  });
});
