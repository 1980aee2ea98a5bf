import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { isPodReady } from '../podcontrol/pods.ts';
import { apiOnlyCluster, deployment, eventsFor, fakeKubelet, setImage } from '../replicaset/testutil.ts';

function rsOf(rt: ClusterRuntime, name: string): KubeObject[] {
  return rt.store.list('replicasets', 'default').filter((rs) => rs.metadata.ownerReferences?.[0]?.name === name);
}

function dep(rt: ClusterRuntime, name = 'web'): KubeObject {
  return rt.store.get('deployments', 'default', name)!;
}

function conditions(d: KubeObject): Array<[string, string, string, string]> {
  return ((d.status as { conditions?: Array<{ type: string; status: string; reason: string; message: string }> }).conditions ?? []).map((c) => [
    c.type,
    c.status,
    c.reason,
    c.message,
  ]);
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named after the pod-template-hash and rolls out to completion', () => {
    const rt = apiOnlyCluster();
    fakeKubelet(rt);
    rt.api.create(deployment('web', 3));
    rt.settle();
    const [rs] = rsOf(rt, 'web');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect((rs.spec as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(dep(rt).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(eventsFor(rt, 'web').map((e) => [e.reason, e.message, e.component])).toEqual([
      ['ScalingReplicaSet', `Scaled up replica set web-${hash} from 0 to 3`, 'deployment-controller'],
    ]);
    rt.runUntilIdle();
    const d = dep(rt);
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect((d.status as Record<string, unknown>).unavailableReplicas).toBeUndefined();
    expect(conditions(d)).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
  });

  // progressDeadlineSeconds (pkg/controller/deployment/progress.go requeueStuckDeployment): the deadline runs from
  // the Progressing condition's lastUpdateTime, here the last pod that became available; the controller comes
  // back one second after the deadline (AddAfter(after + 1s)) even though nothing else changes meanwhile.
  it('times out from the last progress, with nothing else happening after it', () => {
    const rt = apiOnlyCluster();
    let created = 0;
    // The first pod becomes ready after 2 s; the second never does.
    fakeKubelet(rt, { readyAfterMs: 2000, neverReady: () => created++ > 0 });
    rt.api.create(deployment('web', 2, { progressDeadlineSeconds: 10 }));
    rt.settle();
    const [rs] = rsOf(rt, 'web');
    rt.advance(2000);
    expect(dep(rt).status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
    const progressed = conditions(dep(rt))[1];
    expect(progressed[2]).toBe('ReplicaSetUpdated');
    const flipped: number[] = [];
    rt.store.watch((ev) => {
      if (ev.resource === 'deployments' && conditions(ev.object)[1]?.[2] === 'ProgressDeadlineExceeded' && ev.oldObject && conditions(ev.oldObject)[1]?.[2] !== 'ProgressDeadlineExceeded') flipped.push(rt.clock.now());
    });
    rt.runUntilIdle();
    expect(conditions(dep(rt))[1]).toEqual(['Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs.metadata.name}" has timed out progressing.`]);
    // Last progress at 2 s, deadline 10 s, checked one second later.
    expect(flipped).toEqual([13_000]);
  });

  it('reports the rollout in progress before pods are ready', () => {
    const rt = apiOnlyCluster();
    fakeKubelet(rt, { readyAfterMs: 5000 });
    rt.api.create(deployment('web', 2));
    rt.settle();
    const [rs] = rsOf(rt, 'web');
    expect(dep(rt).status).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
    expect(conditions(dep(rt))).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs.metadata.name}" is progressing.`],
    ]);
  });

  it('times out with ProgressDeadlineExceeded when pods never become available', () => {
    const rt = apiOnlyCluster();
    fakeKubelet(rt, { neverReady: () => true });
    rt.api.create(deployment('web', 1, { progressDeadlineSeconds: 10 }));
    rt.settle();
    const [rs] = rsOf(rt, 'web');
    rt.advance(9000);
    expect(conditions(dep(rt))[1][2]).toBe('ReplicaSetUpdated');
    rt.runUntilIdle();
    expect(conditions(dep(rt))[1]).toEqual(['Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs.metadata.name}" has timed out progressing.`]);
    expect(rt.clock.now()).toBeGreaterThanOrEqual(10_000);
    expect(rt.clock.now()).toBeLessThan(13_000);
  });

  const rollouts: Array<{ name: string; replicas: number; maxSurge: number | string; maxUnavailable: number | string; surge: number; unavailable: number }> = [
    { name: 'defaults 25%/25% of 4', replicas: 4, maxSurge: '25%', maxUnavailable: '25%', surge: 1, unavailable: 1 },
    { name: 'surge only', replicas: 3, maxSurge: 1, maxUnavailable: 0, surge: 1, unavailable: 0 },
    { name: 'unavailable only', replicas: 3, maxSurge: 0, maxUnavailable: 1, surge: 0, unavailable: 1 },
    { name: 'percentages round surge up and unavailable down', replicas: 10, maxSurge: '15%', maxUnavailable: '15%', surge: 2, unavailable: 1 },
    { name: 'big surge', replicas: 5, maxSurge: '100%', maxUnavailable: 0, surge: 5, unavailable: 0 },
    { name: 'both percentages round to zero: unavailable becomes 1', replicas: 3, maxSurge: '0%', maxUnavailable: '10%', surge: 0, unavailable: 1 },
  ];
  for (const tc of rollouts) {
    it(`rolling update keeps pods within surge and availability bounds: ${tc.name}`, () => {
      const rt = apiOnlyCluster();
      fakeKubelet(rt, { readyAfterMs: 700, terminateAfterMs: 300 });
      rt.api.create(deployment('web', tc.replicas, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: tc.maxSurge, maxUnavailable: tc.maxUnavailable } } }));
      rt.runUntilIdle();
      let maxPods = 0;
      let minAvailable = Infinity;
      rt.store.watch((ev) => {
        if (ev.resource !== 'pods') return;
        const pods = rt.store.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
        maxPods = Math.max(maxPods, pods.length);
        minAvailable = Math.min(minAvailable, pods.filter((p) => isPodReady(p as never)).length);
      });
      setImage(rt, 'web', 'nginx:2.0');
      rt.runUntilIdle();
      expect(maxPods).toBeLessThanOrEqual(tc.replicas + tc.surge);
      expect(minAvailable).toBeGreaterThanOrEqual(tc.replicas - tc.unavailable);
      const rss = rsOf(rt, 'web');
      expect(rss).toHaveLength(2);
      const d = dep(rt);
      expect(d.status).toMatchObject({ replicas: tc.replicas, updatedReplicas: tc.replicas, availableReplicas: tc.replicas, observedGeneration: 2 });
      expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
      const old = rss.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1')!;
      expect((old.spec as { replicas: number }).replicas).toBe(0);
    });
  }

  it('Recreate deletes every old pod before creating new ones', () => {
    const rt = apiOnlyCluster();
    fakeKubelet(rt, { readyAfterMs: 500, terminateAfterMs: 2000 });
    rt.api.create(deployment('web', 3, { strategy: { type: 'Recreate' } }));
    rt.runUntilIdle();
    let overlap = false;
    rt.store.watch((ev) => {
      if (ev.resource !== 'pods' || ev.type !== 'ADDED') return;
      const images = new Set(rt.store.list('pods', 'default').map((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image));
      if (images.size > 1) overlap = true;
    });
    setImage(rt, 'web', 'nginx:2.0');
    rt.runUntilIdle();
    expect(overlap).toBe(false);
    expect(dep(rt).status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    const msgs = eventsFor(rt, 'web').map((e) => e.message);
    expect(msgs[1]).toMatch(/^Scaled down replica set web-\w+ from 3 to 0$/);
    expect(msgs[2]).toMatch(/^Scaled up replica set web-\w+ from 0 to 3$/);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const rt = apiOnlyCluster();
    fakeKubelet(rt, { readyAfterMs: 100, terminateAfterMs: 100 });
    rt.api.create(deployment('web', 1, { revisionHistoryLimit: 2 }));
    rt.runUntilIdle();
    for (const v of ['2', '3', '4', '5']) {
      setImage(rt, 'web', `nginx:${v}`);
      rt.runUntilIdle();
    }
    const revs = rsOf(rt, 'web').map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort();
    expect(revs).toEqual(['3', '4', '5']);
  });

  it('a paused Deployment does not roll out; resuming does', () => {
    const rt = apiOnlyCluster();
    fakeKubelet(rt, { readyAfterMs: 100 });
    rt.api.create(deployment('web', 2));
    rt.runUntilIdle();
    rt.api.modify('deployments', 'default', 'web', (d) => {
      (d.spec as { paused: boolean }).paused = true;
    });
    setImage(rt, 'web', 'nginx:2.0');
    rt.runUntilIdle();
    expect(rsOf(rt, 'web')).toHaveLength(1);
    expect(conditions(dep(rt))[1]).toEqual(['Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused']);
    rt.api.modify('deployments', 'default', 'web', (d) => {
      (d.spec as { paused: boolean }).paused = false;
    });
    rt.runUntilIdle();
    expect(rsOf(rt, 'web')).toHaveLength(2);
    expect(conditions(dep(rt))[1][2]).toBe('NewReplicaSetAvailable');
  });

  it('scales proportionally in the middle of a rollout', () => {
    const rt = apiOnlyCluster();
    // Pods of the new template never become ready, so the rollout stalls with old 8 / new 5 (13 = 10 + 3).
    const image = (p: KubeObject) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image;
    fakeKubelet(rt, { readyAfterMs: 100, terminateAfterMs: 100, neverReady: (p) => image(p) === 'broken' });
    rt.api.create(deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    rt.runUntilIdle();
    setImage(rt, 'web', 'broken');
    rt.runUntilIdle();
    const sizes = () =>
      Object.fromEntries(rsOf(rt, 'web').map((rs) => [rs.metadata.annotations!['deployment.kubernetes.io/revision'], (rs.spec as { replicas: number }).replicas]));
    expect(sizes()).toEqual({ '1': 8, '2': 5 });
    rt.api.modify('deployments', 'default', 'web', (d) => {
      (d.spec as { replicas: number }).replicas = 20;
    });
    rt.runUntilIdle();
    // allowed 20 + 3 = 23, 10 to add: 8*23/13 = 14.15 -> +6, 5*23/13 = 8.8 -> +4.
    expect(sizes()).toEqual({ '1': 14, '2': 9 });
  });
});
