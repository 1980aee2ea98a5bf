import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import type { KubeObject } from '../api/types.ts';
import { NODES_SERVICE, type NodesService } from './api.ts';
import { nodeIPForSlot, podCIDRForSlot, SlotAllocator } from './allocator.ts';
import { workerSpecs } from './index.ts';

type NodeView = {
  metadata: KubeObject['metadata'];
  spec: { podCIDR?: string; podCIDRs?: string[]; taints?: unknown[] };
  status: {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: Array<{ type: string; status: string; reason: string; message: string; lastHeartbeatTime: string }>;
    addresses: Array<{ type: string; address: string }>;
    nodeInfo: Record<string, string>;
    daemonEndpoints: unknown;
  };
};

const node = (c: ReturnType<typeof createCluster>, name: string) => c.get('node', name) as unknown as NodeView;

describe('workerSpecs', () => {
  const cases: Array<{ name: string; in: Parameters<typeof workerSpecs>[0]; want: string[] }> = [
    { name: 'default is two workers', in: undefined, want: ['worker-1', 'worker-2'] },
    { name: 'a count names worker-1…N', in: 3, want: ['worker-1', 'worker-2', 'worker-3'] },
    { name: 'zero workers', in: 0, want: [] },
    { name: 'explicit specs keep their names', in: [{ name: 'big' }], want: ['big'] },
    { name: 'empty list means no workers', in: [], want: [] },
  ];
  for (const tc of cases) it(tc.name, () => expect(workerSpecs(tc.in).map((s) => s.name)).toEqual(tc.want));
});

describe('address slots', () => {
  it('reuses the smallest freed slot', () => {
    const a = new SlotAllocator();
    expect([a.allocate(), a.allocate(), a.allocate()]).toEqual([0, 1, 2]);
    a.release(1);
    expect(a.allocate()).toBe(1);
  });
  const cases = [
    { slot: 0, cidr: '10.244.0.0/24', ip: '172.18.0.2' },
    { slot: 1, cidr: '10.244.1.0/24', ip: '172.18.0.3' },
    { slot: 255, cidr: '10.244.255.0/24', ip: '172.18.1.1' },
    { slot: 256, cidr: '10.245.0.0/24', ip: '172.18.1.2' },
  ];
  for (const tc of cases) {
    it(`slot ${tc.slot} → ${tc.cidr}, ${tc.ip}`, () => {
      expect(podCIDRForSlot(tc.slot)).toBe(tc.cidr);
      expect(nodeIPForSlot(tc.slot)).toBe(tc.ip);
    });
  }
});

describe('node registration', () => {
  it('registers the control plane and the workers with unique pod CIDRs and addresses', () => {
    const c = createCluster({ nodes: 3 });
    const names = c.list('node').map((n) => n.metadata.name);
    expect(names).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    const cidrs = names.map((n) => node(c, n!).spec.podCIDR);
    expect(new Set(cidrs).size).toBe(4);
    expect(node(c, 'control-plane').spec.podCIDR).toBe('10.244.0.0/24');
    expect(node(c, 'worker-1').spec.podCIDRs).toEqual(['10.244.1.0/24']);
    expect(node(c, 'worker-1').status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
  });

  it('gives the control plane kubeadm role labels and the NoSchedule taint', () => {
    const c = createCluster({ nodes: 0 });
    const cp = node(c, 'control-plane');
    expect(cp.metadata.labels).toMatchObject({
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
      'kubernetes.io/hostname': 'control-plane',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'beta.kubernetes.io/arch': 'amd64',
    });
    expect(cp.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  });

  it('reports healthy conditions with upstream reasons and messages', () => {
    const c = createCluster({ nodes: 1 });
    const conds = node(c, 'worker-1').status.conditions.map((x) => [x.type, x.status, x.reason, x.message]);
    expect(conds).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
  });

  it('takes capacity from the NodeSpec, canonicalised, with allocatable equal to capacity', () => {
    const c = createCluster({ nodes: [{ name: 'big', cpu: '16', memory: '65536Mi', pods: 250 }] });
    const s = node(c, 'big').status;
    expect(s.capacity).toEqual({ cpu: '16', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '64Gi', pods: '250' });
    expect(s.allocatable).toEqual(s.capacity);
    expect(node(c, 'control-plane').status.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  it('fills nodeInfo like a 1.32 containerd node, with ids from the seeded rng', () => {
    const a = node(createCluster({ seed: 5, nodes: 1 }), 'worker-1').status.nodeInfo;
    const b = node(createCluster({ seed: 5, nodes: 1 }), 'worker-1').status.nodeInfo;
    expect(a).toEqual(b);
    expect(a.kubeletVersion).toMatch(/^v1\.32\.\d+$/);
    expect(a.containerRuntimeVersion).toMatch(/^containerd:\/\//);
    expect(a.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(a.systemUUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.bootID).not.toBe(a.systemUUID);
    expect(a).toMatchObject({ operatingSystem: 'linux', architecture: 'amd64' });
  });

  it('records the join events with upstream texts', () => {
    const c = createCluster({ nodes: 1 });
    const evs = c
      .list('event', 'default')
      .filter((e) => (e.involvedObject as { name: string }).name === 'worker-1')
      .map((e) => [e.reason, e.message, (e.source as { component: string }).component]);
    expect(evs).toEqual([
      ['Starting', 'Starting kubelet.', 'kubelet'],
      ['NodeHasSufficientMemory', 'Node worker-1 status is now: NodeHasSufficientMemory', 'kubelet'],
      ['NodeHasNoDiskPressure', 'Node worker-1 status is now: NodeHasNoDiskPressure', 'kubelet'],
      ['NodeHasSufficientPID', 'Node worker-1 status is now: NodeHasSufficientPID', 'kubelet'],
      ['NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', 'kubelet'],
      ['RegisteredNode', 'Node worker-1 event: Registered Node worker-1 in Controller', 'node-controller'],
      ['NodeReady', 'Node worker-1 status is now: NodeReady', 'kubelet'],
    ]);
  });
});

describe('leases and heartbeats', () => {
  it('creates a lease per node and renews it every 10 s', () => {
    const c = createCluster({ nodes: 1, boot: false });
    const lease = () => c.get('lease', 'worker-1', 'kube-node-lease') as unknown as { spec: Record<string, unknown>; metadata: KubeObject['metadata'] };
    expect(lease().spec).toEqual({ holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' });
    expect(lease().metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'worker-1' });
    c.advance(9_999);
    expect(lease().spec.renewTime).toBe('2025-01-01T00:00:00.000000Z');
    c.advance(1);
    expect(lease().spec.renewTime).toBe('2025-01-01T00:00:10.000000Z');
  });

  it('stops renewing when heartbeats are off, and the timer does not keep the cluster busy', () => {
    // Without CoreDNS: no add-on pods are starting, so only background timers remain.
    const c = createCluster({ nodes: 1, dns: false });
    // The booted cluster has nothing left to do but periodic work.
    expect(c.runUntilIdle()).toBe(0);
    const renewTime = (n: string) => (c.get('lease', n, 'kube-node-lease')!.spec as { renewTime: string }).renewTime;
    const before = renewTime('worker-1');
    const svc = c.runtime.service<NodesService>(NODES_SERVICE)!;
    svc.setHeartbeat('worker-1', false);
    c.advance(60_000);
    expect(renewTime('worker-1')).toBe(before);
    // One heartbeat tick every 10 s from time zero renews the live nodes.
    expect(renewTime('control-plane')).toBe(c.runtime.clock.microTimestamp(Math.floor(c.now() / 10_000) * 10_000));
  });

  it('re-posts lastHeartbeatTime every five minutes', () => {
    const c = createCluster({ nodes: 1, boot: false });
    c.advance(5 * 60_000);
    const ready = node(c, 'worker-1').status.conditions.find((x) => x.type === 'Ready')!;
    expect(ready.lastHeartbeatTime).toBe('2025-01-01T00:05:00Z');
  });
});

describe('nodes service', () => {
  it('adds and removes nodes at runtime, reusing freed addresses', () => {
    const c = createCluster({ nodes: 1 });
    const svc = c.runtime.service<NodesService>(NODES_SERVICE)!;
    svc.add({ name: 'worker-2' });
    expect(node(c, 'worker-2').spec.podCIDR).toBe('10.244.2.0/24');
    expect(svc.remove('worker-1')).toBe(true);
    expect(c.get('node', 'worker-1')).toBeUndefined();
    expect(c.get('lease', 'worker-1', 'kube-node-lease')).toBeUndefined();
    svc.add({ name: 'worker-3' });
    expect(node(c, 'worker-3').spec.podCIDR).toBe('10.244.1.0/24');
    expect(svc.remove('nope')).toBe(false);
  });

  it('refuses a duplicate name and changes nothing', () => {
    const c = createCluster({ nodes: 1 });
    const svc = c.runtime.service<NodesService>(NODES_SERVICE)!;
    expect(() => svc.add({ name: 'worker-1' })).toThrow(/already exists/);
    svc.add({ name: 'worker-2' });
    expect(node(c, 'worker-2').spec.podCIDR).toBe('10.244.2.0/24');
  });
});
