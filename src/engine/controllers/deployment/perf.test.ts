import { expect, it } from 'vitest';
import { apiOnlyCluster, deployment, fakeKubelet } from '../replicaset/testutil.ts';

it('brings a 3,000-replica Deployment to Ready quickly (controllers only, fake kubelet)', () => {
  const rt = apiOnlyCluster();
  fakeKubelet(rt, { readyAfterMs: 1000 });
  const t0 = process.hrtime.bigint();
  rt.api.create(deployment('big', 3000));
  rt.runUntilIdle();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`3000 replicas: ${ms.toFixed(0)} ms wall`);
  expect((rt.store.get('deployments', 'default', 'big')!.status as { availableReplicas: number }).availableReplicas).toBe(3000);
});
