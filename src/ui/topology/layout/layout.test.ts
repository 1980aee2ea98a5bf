import dagre from '@dagrejs/dagre';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../../engine/index.ts';
import { buildOwnerTopology } from '../ownerModel.ts';
import { SlotMemory } from '../slots.ts';
import type { Topology } from '../types.ts';
import { layoutWith } from './dagre.ts';
import { withServiceLayer } from './serviceLayer.ts';
import { skeletonOf } from './skeleton.ts';
import { laidOut, LayoutMemory } from './useAutoLayout.ts';

/** The owner view with its Service/Ingress layer, as the graph draws it, laid out with the given memory. */
function view(c: Cluster, slots: SlotMemory, memory: LayoutMemory): Topology {
  const workloads = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'].flatMap((k) => c.list(k));
  const t = buildOwnerTopology({ pods: c.list('pods') as Pod[], workloads }, { namespace: 'default', slots });
  const withSvc = withServiceLayer(t, { services: c.list('services'), endpointSlices: c.list('endpointslices'), ingresses: c.list('ingresses') }, { namespace: 'default' });
  return laidOut(withSvc, memory, (s) => layoutWith(dagre, s));
}

function positions(t: Topology): Map<string, string> {
  return new Map([...t.cards, ...t.pods].map((n) => [n.id, `${n.x},${n.y}`]));
}

function overlapping(t: Topology): string[] {
  const all = [...t.cards, ...t.pods];
  const out: string[] = [];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.id} / ${b.id}`);
    }
  return out;
}

function lab(): Cluster {
  const c = createCluster({ seed: 7, nodes: 2 });
  c.run('kubectl create deployment web --image=nginx --replicas=3');
  c.run('kubectl expose deployment web --port=80');
  c.run('kubectl create deployment api --image=nginx --replicas=2');
  c.run('kubectl create job once --image=busybox -- true');
  c.run('kubectl run solo --image=nginx');
  c.runUntilIdle(90_000);
  return c;
}

describe('automatic layout of the owner view', () => {
  it('puts owners above what they own and a Service above the workload it selects, with nothing overlapping', () => {
    const t = view(lab(), new SlotMemory(), new LayoutMemory());
    const at = new Map([...t.cards, ...t.pods].map((n) => [n.id, n]));
    for (const e of t.edges) expect(at.get(e.target)!.y, `${e.source} -> ${e.target}`).toBeGreaterThan(at.get(e.source)!.y);
    expect(t.edges.some((e) => e.kind === 'endpoint' && e.source === 'obj:Service:default/web' && e.target.startsWith('obj:ReplicaSet:default/web-'))).toBe(true);
    expect(overlapping(t)).toEqual([]);
  });

  it('skeleton: one block per owner’s pods, edges from owners to their block', () => {
    const c = lab();
    const workloads = ['deployments', 'replicasets', 'jobs'].flatMap((k) => c.list(k));
    const t = buildOwnerTopology({ pods: c.list('pods') as Pod[], workloads }, { namespace: 'default' });
    const s = skeletonOf(t);
    const blocks = s.nodes.filter((n) => n.id.startsWith('block:')).map((n) => n.id);
    expect(blocks.length).toBe(4); // web's ReplicaSet, api's ReplicaSet, the Job, standalone pods
    for (const p of t.pods) expect(s.podBlock.has(p.id)).toBe(true);
  });

  // Stability (the brief's requirement): objects coming and going move no other node.
  const cases: Array<{ name: string; change: string }> = [
    { name: 'scaling up by one pod moves no other node', change: 'kubectl scale deployment web --replicas=4' },
    { name: 'scaling down by one pod moves no other node', change: 'kubectl scale deployment web --replicas=2' },
    { name: 'deleting the standalone pod moves no other node', change: 'kubectl delete pod solo' },
    { name: 'a new Deployment moves no existing node', change: 'kubectl create deployment extra --image=nginx --replicas=2' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cluster = lab();
      const slots = new SlotMemory();
      const memory = new LayoutMemory();
      const before = positions(view(cluster, slots, memory));
      cluster.run(c.change);
      cluster.runUntilIdle(90_000);
      const afterT = view(cluster, slots, memory);
      const after = positions(afterT);
      const moved = [...before].filter(([id, p]) => after.has(id) && after.get(id) !== p).map(([id]) => id);
      expect(moved).toEqual([]);
      expect(overlapping(afterT)).toEqual([]);
      expect(after.size).not.toBe(0);
    });
  }

  it('without the memory a fresh layout would move existing nodes (what the memory prevents)', () => {
    const cluster = lab();
    const slots = new SlotMemory();
    const before = positions(view(cluster, slots, new LayoutMemory()));
    cluster.run('kubectl create deployment extra --image=nginx --replicas=2');
    cluster.runUntilIdle(90_000);
    const after = positions(view(cluster, slots, new LayoutMemory()));
    expect([...before].some(([id, p]) => after.has(id) && after.get(id) !== p)).toBe(true);
  });

  it('the same objects give the same layout (deterministic)', () => {
    const a = positions(view(lab(), new SlotMemory(), new LayoutMemory()));
    const b = positions(view(lab(), new SlotMemory(), new LayoutMemory()));
    expect([...a]).toEqual([...b]);
  });
});
