import type { Node, Pod } from 'kubernetes-types/core/v1';
import { createCluster, type KubeObject } from '../../engine/index.ts';
import { SlotMemory } from './slots.ts';
import { describe, expect, it } from 'vitest';
import { buildTopology as build, layoutSize, LAYOUT, pickBoxesPerRow, podCountsByBox, UNSCHEDULED_ID, type ViewOptions } from './model.ts';

const buildTopology = (nodes: Node[], pods: Pod[], opts: ViewOptions = {}) => build({ nodes, pods }, opts);

function node(name: string, opts: { ready?: boolean; controlPlane?: boolean; unschedulable?: boolean } = {}): Node {
  return {
    metadata: { name, labels: opts.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
    spec: { unschedulable: opts.unschedulable },
    status: { conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

function pod(name: string, nodeName?: string, phase = 'Running'): Pod {
  return {
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c' }] },
    status: { phase, containerStatuses: phase === 'Running' ? [{ name: 'c', image: 'nginx', imageID: '', ready: true, restartCount: 1, state: { running: {} } }] : [] },
  };
}

describe('buildTopology', () => {
  it('is empty for an empty cluster', () => {
    expect(buildTopology([], [])).toEqual({ boxes: [], pods: [], cards: [], edges: [] });
  });

  it('puts the control plane first and nodes by name', () => {
    const t = buildTopology([node('worker-2'), node('control-plane', { controlPlane: true }), node('worker-1')], []);
    expect(t.boxes.map((b) => [b.id, b.data.roles])).toEqual([
      ['node:control-plane', 'control-plane'],
      ['node:worker-1', '<none>'],
      ['node:worker-2', '<none>'],
    ]);
  });

  it('nests pods inside their node, sorted, with status and readiness', () => {
    const t = buildTopology([node('worker-1')], [pod('web-b', 'worker-1'), pod('web-a', 'worker-1', 'Pending')]);
    expect(t.pods.map((p) => [p.id, p.parentId, p.data.status, p.data.tone, p.data.ready, p.data.restarts])).toEqual([
      ['pod:default/web-a', 'node:worker-1', 'Pending', 'pending', '0/1', 0],
      ['pod:default/web-b', 'node:worker-1', 'Running', 'running', '1/1', 1],
    ]);
    expect(t.boxes[0].data.podCount).toBe(2);
  });

  it('collects unbound pods and pods on unknown nodes in the unscheduled lane', () => {
    const t = buildTopology([node('worker-1')], [pod('a'), pod('b', 'gone')]);
    expect(t.boxes.map((b) => b.id)).toEqual(['node:worker-1', UNSCHEDULED_ID]);
    expect(t.pods.every((p) => p.parentId === UNSCHEDULED_ID)).toBe(true);
  });

  it('shows node readiness and cordoning like kubectl', () => {
    const t = buildTopology([node('a', { ready: false }), node('b', { unschedulable: true })], []);
    expect(t.boxes.map((b) => b.data.statusText)).toEqual(['NotReady', 'Ready,SchedulingDisabled']);
  });

  it('lays pods out in a grid that fits inside the box', () => {
    const pods = Array.from({ length: 9 }, (_, i) => pod(`p${i}`, 'w'));
    const t = buildTopology([node('w')], pods);
    const box = t.boxes[0];
    expect(new Set(t.pods.map((p) => `${p.x},${p.y}`)).size).toBe(9);
    for (const p of t.pods) {
      expect(p.x + p.width).toBeLessThanOrEqual(box.width - LAYOUT.padding);
      expect(p.y + p.height).toBeLessThanOrEqual(box.height);
    }
  });

  it('gives boxes in a row the same height and wraps rows', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((n) => node(n));
    const t = buildTopology(nodes, [pod('x1', 'a'), pod('x2', 'a'), pod('x3', 'a'), pod('x4', 'a'), pod('x5', 'a')]);
    const [a, b, c, d] = t.boxes;
    expect(a.height).toBe(b.height);
    expect(b.height).toBe(c.height);
    expect(d.y).toBeGreaterThan(a.y + a.height);
    expect(d.x).toBe(0);
  });
});

describe('layout choice', () => {
  it('layoutSize matches the built layout', () => {
    const nodes = ['a', 'b', 'c'].map((n) => node(n));
    const pods = [pod('x1', 'a'), pod('x2', 'a'), pod('x3', 'b'), pod('u')];
    for (const k of [1, 2, 3, 4]) {
      const t = buildTopology(nodes, pods, { boxesPerRow: k });
      const width = Math.max(...t.boxes.map((b) => b.x + b.width));
      const height = Math.max(...t.boxes.map((b) => b.y + b.height));
      expect(layoutSize(podCountsByBox(nodes, pods), k)).toEqual({ width, height });
    }
  });
  const cases: Array<{ name: string; counts: number[]; viewport: { width: number; height: number }; want: number }> = [
    { name: 'wide viewport: one row', counts: [0, 0, 0], viewport: { width: 2000, height: 300 }, want: 3 },
    { name: 'tall viewport: one column', counts: [0, 0, 0], viewport: { width: 400, height: 2000 }, want: 1 },
    { name: 'both fit at full size: fewer rows wins', counts: [3, 3, 3], viewport: { width: 1200, height: 700 }, want: 2 },
    { name: 'square viewport with pods: one column', counts: [3, 3, 3], viewport: { width: 800, height: 800 }, want: 1 },
    { name: 'single box', counts: [5], viewport: { width: 800, height: 800 }, want: 1 },
  ];
  for (const c of cases) it(c.name, () => expect(pickBoxesPerRow(c.counts, c.viewport)).toBe(c.want));
});

describe('buildTopology: what surrounds pods', () => {
  const live = createCluster({ seed: 3, nodes: 2 });
  live.run('kubectl create deployment web --image=nginx --replicas=2');
  live.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: 2
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers: [{name: c, image: nginx, resources: {requests: {cpu: 250m, memory: 64Mi}}}]
EOF`);
  live.run('kubectl expose deployment web --port=80');
  live.run('kubectl create ingress web --rule=web.example/*=web:80');
  live.run('kubectl create namespace other');
  live.run('kubectl run lonely --image=nginx -n other');
  live.runUntilIdle(120_000);
  const input = {
    nodes: live.list('nodes') as Node[],
    pods: live.list('pods') as Pod[],
    services: live.list('services'),
    endpointSlices: live.list('endpointslices'),
    ingresses: live.list('ingresses'),
  };
  const webPods = input.pods.filter((p) => p.metadata?.labels?.app === 'web' && !p.metadata.deletionTimestamp).map((p) => `pod:default/${p.metadata?.name}`);

  it('draws a Service with an edge to each ready endpoint (EndpointSlices)', () => {
    const t = build(input);
    const edges = t.edges.filter((e) => e.source === 'obj:Service:default/web').map((e) => e.target).sort();
    expect(edges).toEqual([...webPods].sort());
    expect(t.cards.find((c) => c.id === 'obj:Service:default/web')?.data.sub).toMatch(/^ClusterIP 10\.\d+\.\d+\.\d+ · 2 ready$/);
  });

  it('draws an Ingress with an edge to its backend Service', () => {
    const t = build(input);
    expect(t.edges.filter((e) => e.kind === 'backend').map((e) => [e.source, e.target])).toEqual([['obj:Ingress:default/web', 'obj:Service:default/web']]);
  });

  it('sums the requests of the pods on each node as kubectl describe node (Allocated resources)', () => {
    const t = build(input);
    for (const b of t.boxes.filter((x) => x.data.kind === 'node')) {
      const described = live.run(`kubectl describe node ${b.data.name}`).stdout;
      const cpu = /\n {2}cpu\s+(\S+) \(/.exec(described)?.[1];
      const mem = /\n {2}memory\s+(\S+) \(/.exec(described)?.[1];
      const bars = Object.fromEntries(b.data.bars.map((r) => [r.resource, r.text.split(' / ')[0]]));
      expect([b.data.name, bars.cpu, bars.memory]).toEqual([b.data.name, cpu, mem]);
    }
  });

  it('filters by namespace: pods, Services and Ingresses of other namespaces disappear; nodes stay', () => {
    const t = build(input, { namespace: 'other' });
    expect(t.pods.map((p) => p.id)).toEqual(['pod:other/lonely']);
    expect(t.cards).toEqual([]);
    expect(t.boxes.length).toBe(input.nodes.length);
  });

  it('search highlights matches and dims the rest', () => {
    const t = build(input, { search: 'LONE' });
    expect(t.pods.filter((p) => p.data.matched).map((p) => p.id)).toEqual(['pod:other/lonely']);
    expect(t.pods.filter((p) => p.data.dimmed).length).toBe(t.pods.length - 1);
    expect(t.cards.every((c) => c.data.dimmed)).toBe(true);
  });

  it('collapses boxes to pod-count badges, edges then point at the node box', () => {
    const t = build(input, { collapse: true });
    expect(t.pods).toEqual([]);
    const counts = t.boxes.map((b) => b.data.collapsed?.running ?? 0).reduce((a, b) => a + b, 0);
    expect(counts).toBe(input.pods.filter((p) => p.status?.phase === 'Running').length);
    for (const e of t.edges.filter((x) => x.kind === 'endpoint')) expect(e.target).toMatch(/^node:/);
  });
});

describe('control plane', () => {
  const cp = node('cp-1', { controlPlane: true });
  const cp2 = node('cp-2', { controlPlane: true });
  const lease = (name: string, holder: string): KubeObject => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-system' }, spec: { holderIdentity: holder } } as KubeObject);
  it('shows the four components on control-plane nodes only, no leader without leases', () => {
    const t = build({ nodes: [cp, node('w')], pods: [] });
    expect(t.boxes[0].data.components).toEqual([{ name: 'kube-apiserver' }, { name: 'etcd' }, { name: 'kube-scheduler' }, { name: 'kube-controller-manager' }]);
    expect(t.boxes[1].data.components).toEqual([]);
  });
  it('marks the leader from the lease holderIdentity (<node>_<uuid>) when HA', () => {
    const t = build({ nodes: [cp, cp2], pods: [], leases: [lease('kube-scheduler', 'cp-2_5b9e'), lease('kube-controller-manager', 'cp-1_77aa')] });
    const lead = (i: number) => t.boxes[i].data.components.filter((c) => c.leader).map((c) => c.name);
    expect([lead(0), lead(1)]).toEqual([['kube-controller-manager'], ['kube-scheduler']]);
  });
});

describe('stable placement', () => {
  it('keeps pods in their slots when a neighbour is added before them or removed', () => {
    const slots = new SlotMemory();
    const pos = (t: ReturnType<typeof build>) => Object.fromEntries(t.pods.map((p) => [p.id, `${p.x},${p.y}`]));
    const a = pos(build({ nodes: [node('w')], pods: [pod('m', 'w'), pod('z', 'w')] }, { slots }));
    const b = pos(build({ nodes: [node('w')], pods: [pod('a', 'w'), pod('m', 'w'), pod('z', 'w')] }, { slots }));
    expect(b['pod:default/m']).toBe(a['pod:default/m']);
    expect(b['pod:default/z']).toBe(a['pod:default/z']);
    const c = pos(build({ nodes: [node('w')], pods: [pod('a', 'w'), pod('z', 'w')] }, { slots }));
    expect(c['pod:default/z']).toBe(a['pod:default/z']);
    expect(c['pod:default/a']).toBe(b['pod:default/a']);
  });
});
