import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { projectedToken, verifyServiceAccountToken } from '../auth/tokens.ts';
import { createCluster } from '../index.ts';
import { lazyToken } from './volumes.ts';

describe('projected ServiceAccount token, signed on first read', () => {
  it('reads as the token an eager write at mount time would have held, however much later it is read', () => {
    const c = createCluster({ nodes: 1, seed: 3 });
    c.run('kubectl run web --image=nginx');
    c.runUntilIdle();
    const rt = c.runtime;
    const pod = rt.store.get('pods', 'default', 'web') as unknown as Pod;
    const eager = projectedToken(rt, pod, 'worker-1', 3607);
    const lazy = lazyToken(rt, pod, 'worker-1', 3607);
    c.advance(90_000);
    expect(lazy()).toBe(eager);
    expect(lazy()).toBe(eager);
  });

  it('the token a container reads authenticates as the pod\'s ServiceAccount', () => {
    const c = createCluster({ nodes: 1, seed: 3 });
    c.run('kubectl run web --image=nginx');
    c.runUntilIdle();
    const r = c.run('kubectl exec web -- cat /var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(r.exitCode).toBe(0);
    expect(verifyServiceAccountToken(c.runtime, r.stdout.trim())?.name).toBe('system:serviceaccount:default:default');
  });
});
