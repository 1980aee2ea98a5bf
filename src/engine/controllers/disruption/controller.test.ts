// Cases after pkg/controller/disruption/disruption_test.go (TestNoSelector, TestUnavailable,
// TestIntegerMaxUnavailable, TestReplicaSet, TestMultipleControllers-style percentages) and
// pkg/registry/core/pod/storage/eviction_test.go (TestEviction, TestEvictionIgnorePDB), through a cluster.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { PDBStatus } from '../../api/kinds/poddisruptionbudget.ts';
import { isStatusError } from '../../api/types.ts';

function cluster(replicas: number, pdb: string) {
  const c = createCluster();
  expect(c.run(`kubectl create deployment web --image=nginx --replicas=${replicas}`).exitCode).toBe(0);
  c.runUntilIdle();
  c.writeFile('pdb.yaml', `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web-pdb\nspec:\n${pdb}  selector:\n    matchLabels:\n      app: web\n`);
  expect(c.run('kubectl apply -f pdb.yaml').stdout).toBe('poddisruptionbudget.policy/web-pdb created\n');
  return c;
}
const status = (c: ReturnType<typeof createCluster>) => c.get('pdb', 'web-pdb')?.status as PDBStatus;

describe('disruption controller', () => {
  const cases = [
    { name: 'minAvailable integer (TestUnavailable)', replicas: 3, spec: '  minAvailable: 2\n', want: { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 } },
    { name: 'minAvailable equal to replicas allows none', replicas: 3, spec: '  minAvailable: 3\n', want: { currentHealthy: 3, desiredHealthy: 3, expectedPods: 3, disruptionsAllowed: 0 } },
    { name: 'maxUnavailable integer (TestIntegerMaxUnavailable)', replicas: 4, spec: '  maxUnavailable: 1\n', want: { currentHealthy: 4, desiredHealthy: 3, expectedPods: 4, disruptionsAllowed: 1 } },
    { name: 'minAvailable percent rounds up, scale from the Deployment', replicas: 3, spec: '  minAvailable: 50%\n', want: { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 } },
    { name: 'maxUnavailable percent', replicas: 4, spec: '  maxUnavailable: 50%\n', want: { currentHealthy: 4, desiredHealthy: 2, expectedPods: 4, disruptionsAllowed: 2 } },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = cluster(tc.replicas, tc.spec);
      const st = status(c);
      expect({ currentHealthy: st.currentHealthy, desiredHealthy: st.desiredHealthy, expectedPods: st.expectedPods, disruptionsAllowed: st.disruptionsAllowed }).toEqual(tc.want);
      expect(st.observedGeneration).toBe(1);
      const cond = st.conditions?.[0];
      expect(cond?.type).toBe('DisruptionAllowed');
      expect([cond?.status, cond?.reason]).toEqual(tc.want.disruptionsAllowed > 0 ? ['True', 'SufficientPods'] : ['False', 'InsufficientPods']);
    });
  }

  it('no matching pods (TestNoSelector-like): zero everything and a NoPods event', () => {
    const c = createCluster();
    c.writeFile('pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web-pdb\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: none\n');
    c.run('kubectl apply -f pdb.yaml');
    const st = status(c);
    expect([st.currentHealthy, st.desiredHealthy, st.expectedPods, st.disruptionsAllowed]).toEqual([0, 1, 0, 0]);
    expect(c.run('kubectl describe pdb web-pdb').stdout).toContain('Normal  NoPods');
  });

  it('get and describe', () => {
    const c = cluster(3, '  minAvailable: 2\n');
    expect(c.run('kubectl get pdb').stdout).toBe('NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   2               N/A               1                     0s\n');
    expect(c.run('kubectl describe pdb web-pdb').stdout).toBe(
      ['Name:           web-pdb', 'Namespace:      default', 'Min available:  2', 'Selector:       app=web', 'Status:', '    Allowed disruptions:  1', '    Current:              3', '    Desired:              2', '    Total:                3', 'Events:                   <none>', ''].join('\n'),
    );
  });

  it('validation: minAvailable and maxUnavailable together', () => {
    const c = createCluster();
    c.writeFile('pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n');
    const r = c.run('kubectl apply -f pdb.yaml');
    expect(r.stderr).toContain('minAvailable and maxUnavailable cannot be both set');
    expect(c.get('pdb', 'p')).toBeUndefined();
  });
});

describe('eviction', () => {
  const evict = (c: ReturnType<typeof createCluster>, name: string): string => {
    try {
      c.runtime.api.evict('default', name);
      return '';
    } catch (e) {
      if (isStatusError(e)) return `${e.code} ${e.reason}: ${e.message}`;
      throw e;
    }
  };
  it('honours the budget: one eviction allowed, the next refused with 429', () => {
    const c = cluster(3, '  minAvailable: 2\n');
    const pods = c.list('pod').map((p) => p.metadata.name!);
    expect(evict(c, pods[0])).toBe('');
    expect(c.get('pod', pods[0])?.metadata.deletionTimestamp).toBeDefined();
    expect(status(c).disruptionsAllowed).toBe(0);
    expect(evict(c, pods[1])).toBe("429 TooManyRequests: Cannot evict pod as it would violate the pod's disruption budget.");
    expect(c.get('pod', pods[1])?.metadata.deletionTimestamp).toBeUndefined();
  });
  it('records the evicted pod and the DisruptionTarget condition', () => {
    const c = cluster(3, '  minAvailable: 1\n');
    const name = c.list('pod')[0].metadata.name!;
    c.runtime.api.evict('default', name);
    const conds = (c.get('pod', name)?.status as { conditions: Array<{ type: string; reason?: string }> }).conditions;
    expect(conds.find((x) => x.type === 'DisruptionTarget')?.reason).toBe('EvictionByEvictionAPI');
  });
  it('pods without a budget are simply deleted; missing pods are NotFound', () => {
    const c = createCluster();
    c.run('kubectl run solo --image=nginx');
    c.runUntilIdle();
    expect(evict(c, 'solo')).toBe('');
    expect(evict(c, 'nope')).toBe('404 NotFound: pods "nope" not found');
  });
  it('a stale budget (observedGeneration behind) refuses', () => {
    const c = cluster(3, '  minAvailable: 1\n');
    const pdb = c.get('pdb', 'web-pdb')!;
    const st = { ...(pdb.status as PDBStatus), observedGeneration: 0 };
    c.runtime.store.put('poddisruptionbudgets', { ...pdb, status: st });
    expect(evict(c, c.list('pod')[0].metadata.name!)).toBe("429 TooManyRequests: Cannot evict pod as it would violate the pod's disruption budget.");
  });
});
