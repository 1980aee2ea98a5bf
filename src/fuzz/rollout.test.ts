import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { deploymentPods, resolveFenceposts } from './invariants.ts';

const fencepost = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('0%', '10%', '25%', '50%', '100%'));

function manifest(replicas: number, surge: number | string, unavailable: number | string, image: string): string {
  const q = (v: number | string) => (typeof v === 'number' ? String(v) : `"${v}"`);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: ${q(surge)}
      maxUnavailable: ${q(unavailable)}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: ${image}
`;
}

// The rolling-update guarantee: while a new template rolls out, the Deployment never has more than
// replicas + maxSurge pods, nor fewer than replicas - maxUnavailable available ones.
describe('property: rolling updates stay within maxSurge and maxUnavailable', () => {
  it('holds at every step of a rollout', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fencepost, fencepost, (replicas, surge, unavailable) => {
        const c = createCluster({ nodes: 3, seed: replicas });
        const created = c.run(`kubectl apply -f - <<EOF\n${manifest(replicas, surge, unavailable, 'nginx:1.14')}EOF`);
        if (created.exitCode !== 0) return; // e.g. both fenceposts resolve to zero: rejected by validation
        c.advance(120_000);
        const d0 = c.get('deployment', 'web')!;
        expect((d0.status as { availableReplicas?: number }).availableReplicas).toBe(replicas);
        expect(c.run('kubectl set image deployment/web web=nginx:1.25').exitCode).toBe(0);
        for (let t = 0; t < 600; t++) {
          const d = c.get('deployment', 'web')!;
          const { total, available } = deploymentPods(c, d as never);
          const f = resolveFenceposts(d as never);
          expect(total, `pods at ${t}s`).toBeLessThanOrEqual(replicas + f.surge);
          expect(available, `available at ${t}s`).toBeGreaterThanOrEqual(replicas - f.unavailable);
          const st = d.status as { updatedReplicas?: number; availableReplicas?: number; replicas?: number };
          if (st.updatedReplicas === replicas && st.availableReplicas === replicas && st.replicas === replicas) return;
          c.advance(1000);
        }
        throw new Error('rollout did not finish in 10 virtual minutes');
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
