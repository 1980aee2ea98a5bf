import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { ClusterRuntime } from '../../runtime.ts';
import { DeploymentSync } from './context.ts';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from './rolling.ts';

/**
 * Upstream's newDeployment defaults both fenceposts to 0, which validation refuses; '5%' of 10 also resolves to 0.
 * A runtime with no controllers: the functions under test act alone on objects we put in the API. */
function setup(d: { replicas: number; maxSurge?: number | string; maxUnavailable?: number | string }, olds: Array<[number, number]>, next: [number, number]) {
  const rt = new ClusterRuntime({ nodes: [] });
  rt.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const labels = { foo: 'bar' };
  const dep = rt.api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default' },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: d.maxSurge ?? 0, maxUnavailable: d.maxUnavailable ?? '5%' } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'new' }] } },
    },
  });
  const mk = (name: string, image: string, [replicas, available]: [number, number], age: number): KubeObject => {
    const rs = rt.api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: 'default', creationTimestamp: `2025-01-01T00:00:0${age}Z` },
      spec: { replicas, selector: { matchLabels: { ...labels, h: name } }, template: { metadata: { labels: { ...labels, h: name } }, spec: { containers: [{ name: 'c', image }] } } },
    });
    return rt.api.updateStatus({ ...rs, status: { replicas, readyReplicas: available, availableReplicas: available } });
  };
  const oldRSs = olds.map((o, i) => mk(`old${i}`, `old${i}`, o, i));
  const newRS = mk('new', 'new', next, 5);
  const s = new DeploymentSync(ctxOf(rt), JSON.parse(JSON.stringify(dep)));
  const replicas = (name: string) => (rt.store.get('replicasets', 'default', name)!.spec as { replicas: number }).replicas;
  return { s, oldRSs, newRS, replicas };
}

function ctxOf(rt: ClusterRuntime) {
  return { api: rt.api, store: rt.store, clock: rt.clock, rng: rt.rng, events: rt.events, enqueueAfter: () => undefined };
}

// TestDeploymentController_reconcileNewReplicaSet (pkg/controller/deployment/rolling_test.go).
describe('reconcileNewReplicaSet', () => {
  const cases = [
    { name: 'should not scale up (maxSurge 0)', replicas: 10, maxSurge: 0, old: 10, new: 0, scaled: false },
    { name: 'surge 2 over full old', replicas: 10, maxSurge: 2, old: 10, new: 0, scaled: true, want: 2 },
    { name: 'surge 2 over half old', replicas: 10, maxSurge: 2, old: 5, new: 0, scaled: true, want: 7 },
    { name: 'already surged', replicas: 10, maxSurge: 2, old: 10, new: 2, scaled: false },
    { name: 'scale down', replicas: 2, maxSurge: 2, old: 2, new: 4, scaled: true, want: 2 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { s, oldRSs, newRS, replicas } = setup({ replicas: tc.replicas, maxSurge: tc.maxSurge }, [[tc.old, tc.old]], [tc.new, tc.new]);
      expect(reconcileNewReplicaSet(s, [...oldRSs, newRS], newRS)).toBe(tc.scaled);
      if (tc.scaled) expect(replicas('new')).toBe(tc.want);
      else expect(replicas('new')).toBe(tc.new);
    });
  }
});

// TestDeploymentController_reconcileOldReplicaSets.
describe('reconcileOldReplicaSets', () => {
  const cases = [
    { name: 'maxUnavailable 0 resolves to 1', replicas: 10, maxUnavailable: '5%', old: 10, new: 0, readyOld: 10, readyNew: 0, scaled: true, want: 9 },
    { name: 'maxUnavailable 2', replicas: 10, maxUnavailable: 2, old: 10, new: 0, readyOld: 10, readyNew: 0, scaled: true, want: 8 },
    { name: 'unhealthy old replicas cleaned up', replicas: 10, maxUnavailable: 2, old: 10, new: 0, readyOld: 8, readyNew: 0, scaled: true, want: 8 },
    { name: 'one unhealthy cleaned, one ready scaled down', replicas: 10, maxUnavailable: 2, old: 10, new: 0, readyOld: 9, readyNew: 0, scaled: true, want: 8 },
    { name: 'unavailable new pods block further scale down', replicas: 10, maxUnavailable: 2, old: 8, new: 2, readyOld: 8, readyNew: 0, scaled: false },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { s, oldRSs, newRS, replicas } = setup({ replicas: tc.replicas, maxUnavailable: tc.maxUnavailable }, [[tc.old, tc.readyOld]], [tc.new, tc.readyNew]);
      expect(reconcileOldReplicaSets(s, [...oldRSs, newRS], oldRSs, newRS)).toBe(tc.scaled);
      expect(replicas('old0')).toBe(tc.scaled ? tc.want : tc.old);
    });
  }
});
