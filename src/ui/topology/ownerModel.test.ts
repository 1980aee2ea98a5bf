import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { buildOwnerTopology, STANDALONE_ID } from './ownerModel.ts';
import { SlotMemory } from './slots.ts';

// Ownership follows metadata.ownerReferences as the garbage collector does (controller: true).
describe('buildOwnerTopology', () => {
  const c = createCluster({ seed: 5, nodes: 2 });
  c.run('kubectl create deployment web --image=nginx --replicas=3');
  c.run('kubectl create job once --image=busybox -- true');
  c.run("kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *' -- true");
  c.run('kubectl run solo --image=nginx');
  c.runUntilIdle(90_000);
  const workloads = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'].flatMap((k) => c.list(k));
  const input = { pods: c.list('pods') as Pod[], workloads };
  const t = buildOwnerTopology(input, { namespace: 'default' });
  const edges = t.edges.map((e) => `${e.source} -> ${e.target}`);

  it('links Deployment → ReplicaSet → each Pod', () => {
    const rs = t.cards.find((x) => x.data.objKind === 'ReplicaSet')!;
    expect(edges).toContain(`obj:Deployment:default/web -> ${rs.id}`);
    expect(t.edges.filter((e) => e.source === rs.id).length).toBe(3);
    expect(rs.data.sub).toBe('3/3 ready');
  });

  it('links Job → Pod, and the standalone pod has no owner edge', () => {
    const job = t.cards.find((x) => x.id === 'obj:Job:default/once')!;
    expect(t.edges.filter((e) => e.source === job.id).length).toBe(1);
    expect(t.cards.some((x) => x.id === STANDALONE_ID)).toBe(true);
    expect(edges.some((e) => e.endsWith('pod:default/solo'))).toBe(false);
    expect(t.pods.some((p) => p.id === 'pod:default/solo')).toBe(true);
  });

  it('places children below their parent, with no overlapping cards', () => {
    const at = new Map([...t.cards, ...t.pods].map((n) => [n.id, n]));
    for (const e of t.edges) expect(at.get(e.target)!.y).toBeGreaterThan(at.get(e.source)!.y);
    const all = [...t.cards, ...t.pods];
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i];
        const b = all[j];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
  });

  it('collapses many pods under one owner into a count card', () => {
    const big = buildOwnerTopology(input, { namespace: 'default', collapseAbove: 2 });
    const counts = big.cards.filter((x) => x.data.objKind === 'Pods');
    expect(counts.map((x) => x.data.name)).toEqual(['3 pods']);
  });

  it('keeps pods in place as the ReplicaSet scales up', () => {
    const slots = new SlotMemory();
    const before = buildOwnerTopology(input, { namespace: 'default', slots });
    c.run('kubectl scale deployment web --replicas=4');
    c.runUntilIdle(60_000);
    const after = buildOwnerTopology({ pods: c.list('pods') as Pod[], workloads }, { namespace: 'default', slots });
    // Positions relative to the ReplicaSet card (the tree itself may widen).
    const pos = (x: typeof before) => {
      const rs = x.cards.find((k) => k.data.objKind === 'ReplicaSet')!;
      return new Map(x.pods.map((p) => [p.id, `${p.x - rs.x},${p.y - rs.y}`]));
    };
    const a = pos(before);
    const b = pos(after);
    const web = [...a.keys()].filter((id) => id.includes('web-'));
    expect(web.length).toBe(3);
    for (const id of web) expect(b.get(id)).toBe(a.get(id));
    expect(after.pods.filter((p) => p.id.includes('web-')).length).toBe(4);
  });
});
