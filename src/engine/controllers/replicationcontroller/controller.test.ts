import { describe, expect, it } from 'vitest';
import { apiOnlyCluster, eventsFor, makeReady, podsOf } from '../replicaset/testutil.ts';

describe('ReplicationController controller', () => {
  it('keeps spec.replicas pods over a map selector, with replication-controller events', () => {
    const rt = apiOnlyCluster();
    rt.api.create({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: 'default' },
      spec: { replicas: 2, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    rt.settle();
    const pods = podsOf(rt, { app: 'rc' });
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', controller: true, blockOwnerDeletion: true });
    expect(eventsFor(rt, 'rc').map((e) => [e.reason, e.component])).toEqual([
      ['SuccessfulCreate', 'replication-controller'],
      ['SuccessfulCreate', 'replication-controller'],
    ]);
    for (const p of pods) makeReady(rt, p);
    rt.settle();
    expect(rt.store.get('replicationcontrollers', 'default', 'rc')!.status).toEqual({
      replicas: 2,
      fullyLabeledReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      observedGeneration: 1,
    });
    rt.api.modify('replicationcontrollers', 'default', 'rc', (o) => {
      (o.spec as { replicas: number }).replicas = 0;
    });
    rt.settle();
    expect(podsOf(rt, { app: 'rc' })).toHaveLength(0);
    expect(eventsFor(rt, 'rc').filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(2);
  });
});
