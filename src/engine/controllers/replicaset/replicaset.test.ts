import { describe, expect, it } from 'vitest';
import { replicaSetController } from './controller.ts';
import { apiOnlyCluster, eventsFor, makeReady, podsOf, replicaSet } from './testutil.ts';

describe('ReplicaSet controller', () => {
  it('creates missing pods with generateName, owner reference and template labels', () => {
    const rt = apiOnlyCluster();
    rt.api.create(replicaSet('web', 3));
    rt.settle();
    const pods = podsOf(rt, { app: 'web' });
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      const rs = rt.store.get('replicasets', 'default', 'web')!;
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const ev = eventsFor(rt, 'web');
    expect(ev.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate']);
    expect(ev[0].message).toBe(`Created pod: ${pods.map((p) => p.metadata.name).find((n) => ev[0].message.endsWith(n!))}`);
    expect(ev[0].component).toBe('replicaset-controller');
    const rs = rt.store.get('replicasets', 'default', 'web')!;
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('counts ready and available pods', () => {
    const rt = apiOnlyCluster();
    rt.api.create(replicaSet('web', 2));
    rt.settle();
    for (const p of podsOf(rt, { app: 'web' })) makeReady(rt, p);
    rt.settle();
    expect(rt.store.get('replicasets', 'default', 'web')!.status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
  });

  it('honours minReadySeconds: available only after the pods have been ready that long', () => {
    const rt = apiOnlyCluster();
    rt.api.create(replicaSet('web', 2, { minReadySeconds: 10 }));
    rt.settle();
    for (const p of podsOf(rt, { app: 'web' })) makeReady(rt, p);
    rt.settle();
    const status = () => rt.store.get('replicasets', 'default', 'web')!.status as { readyReplicas?: number; availableReplicas?: number };
    expect(status().readyReplicas).toBe(2);
    expect(status().availableReplicas).toBeUndefined();
    rt.advance(9_000);
    expect(status().availableReplicas).toBeUndefined();
    rt.advance(2_000);
    expect(status().availableReplicas).toBe(2);
  });

  it('scales down deleting unready pods before ready ones', () => {
    const rt = apiOnlyCluster();
    rt.api.create(replicaSet('web', 4));
    rt.settle();
    const pods = podsOf(rt, { app: 'web' });
    makeReady(rt, pods[0]);
    makeReady(rt, pods[1]);
    rt.settle();
    rt.api.modify('replicasets', 'default', 'web', (o) => {
      (o.spec as { replicas: number }).replicas = 2;
    });
    rt.settle();
    const left = podsOf(rt, { app: 'web' }).map((p) => p.metadata.name).sort();
    expect(left).toEqual([pods[0].metadata.name, pods[1].metadata.name].sort());
    const deletes = eventsFor(rt, 'web').filter((e) => e.reason === 'SuccessfulDelete');
    expect(deletes.map((e) => e.message).sort()).toEqual([`Deleted pod: ${pods[2].metadata.name}`, `Deleted pod: ${pods[3].metadata.name}`].sort());
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const rt = apiOnlyCluster();
    rt.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'orphan', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    rt.api.create(replicaSet('web', 2));
    rt.settle();
    const rs = rt.store.get('replicasets', 'default', 'web')!;
    const orphan = rt.store.get('pods', 'default', 'orphan')!;
    expect(orphan.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true });
    expect(podsOf(rt, { app: 'web' })).toHaveLength(2);

    rt.api.modify('pods', 'default', 'orphan', (p) => {
      p.metadata.labels = { app: 'other' };
    });
    rt.settle();
    expect(rt.store.get('pods', 'default', 'orphan')!.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(rt, { app: 'web' })).toHaveLength(2);
  });

  it('ignores pods that are being deleted and replaces them', () => {
    const rt = apiOnlyCluster();
    rt.api.create(replicaSet('web', 1));
    rt.settle();
    const [p] = podsOf(rt, { app: 'web' });
    makeReady(rt, p);
    rt.settle();
    rt.api.delete('pods', 'default', p.metadata.name!); // bound: graceful, stays with a deletionTimestamp
    rt.settle();
    expect(rt.store.get('pods', 'default', p.metadata.name!)?.metadata.deletionTimestamp).toBeDefined();
    const live = podsOf(rt, { app: 'web' });
    expect(live).toHaveLength(1);
    expect(live[0].metadata.name).not.toBe(p.metadata.name);
  });

  it('creates at most 500 pods per sync in slow-start batches', () => {
    const rt = apiOnlyCluster();
    rt.api.create(replicaSet('big', 1200));
    rt.controllers.drain(1);
    expect(podsOf(rt, { app: 'big' })).toHaveLength(500);
    rt.settle();
    expect(podsOf(rt, { app: 'big' })).toHaveLength(1200);
  });
});

// Which pod events bring a ReplicaSet back (pkg/controller/replicaset: addPod/updatePod/deletePod enqueue the
// controlling owner of the current and the old version; a resync-only update — here, one changing nothing the
// owner counts — enqueues nothing worth a sync).
describe('ReplicaSet pod watch', () => {
  const ref = (kind: string, name: string) => ({ apiVersion: kind === 'ReplicaSet' ? 'apps/v1' : 'v1', kind, name, uid: `${name}-uid`, controller: true });
  const rsRef = ref('ReplicaSet', 'web');
  const pod = (refs: unknown[] | undefined, status: Record<string, unknown>) =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-abcde', namespace: 'default', uid: 'p1', ownerReferences: refs }, spec: {}, status }) as never;
  const ready = (s: string) => ({ phase: 'Running', conditions: [{ type: 'Ready', status: s, lastTransitionTime: '2025-01-01T00:00:05Z' }] });
  const refs = [rsRef];
  const cases: Array<{ name: string; type: 'ADDED' | 'MODIFIED' | 'DELETED'; old?: unknown; cur: unknown; want: string[] }> = [
    { name: 'a new pod of the ReplicaSet', type: 'ADDED', cur: pod(refs, {}), want: ['default/web'] },
    { name: 'its pod turns Ready', type: 'MODIFIED', old: pod(refs, ready('False')), cur: pod(refs, ready('True')), want: ['default/web'] },
    { name: 'its pod gets an IP only', type: 'MODIFIED', old: pod(refs, ready('False')), cur: pod(refs, { ...ready('False'), podIP: '10.244.1.2' }), want: [] },
    { name: 'a pod of a ReplicationController turns Ready', type: 'MODIFIED', old: pod([ref('ReplicationController', 'rc')], ready('False')), cur: pod([ref('ReplicationController', 'rc')], ready('True')), want: [] },
    { name: 'a pod released by the ReplicaSet', type: 'MODIFIED', old: pod(refs, ready('True')), cur: pod(undefined, ready('True')), want: ['default/web'] },
    { name: 'its pod is deleted', type: 'DELETED', old: pod(refs, ready('True')), cur: pod(refs, ready('True')), want: ['default/web'] },
  ];
  it.each(cases)('$name', ({ type, old, cur, want }) => {
    const podWatch = replicaSetController(undefined as never).watches.find((w) => w.resource === 'pods')!;
    expect(podWatch.keys({ type, resource: 'pods', object: cur as never, oldObject: old as never, resourceVersion: 1 })).toEqual(want);
  });
});
