import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { computeHash, safeEncodeString } from './hash.ts';
import { newRSNewReplicas } from './newrs.ts';
import { resolveFenceposts, roundHalfAway } from './util.ts';

// TestResolveFenceposts (pkg/controller/deployment/util/deployment_util_test.go).
describe('resolveFenceposts', () => {
  const cases: Array<{ name: string; maxSurge: number | string; maxUnavailable: number | string; desired: number; want?: [number, number]; error?: boolean }> = [
    { name: '0% 0% of 0', maxSurge: '0%', maxUnavailable: '0%', desired: 0, want: [0, 1] },
    { name: '39% 39% of 10', maxSurge: '39%', maxUnavailable: '39%', desired: 10, want: [4, 3] },
    { name: 'oops', maxSurge: 'oops', maxUnavailable: '39%', desired: 10, error: true },
    { name: 'urg', maxSurge: '55%', maxUnavailable: 'urg', desired: 10, error: true },
    { name: 'ints', maxSurge: 5, maxUnavailable: 1, desired: 10, want: [5, 1] },
    { name: '25% of 3', maxSurge: '25%', maxUnavailable: '25%', desired: 3, want: [1, 0] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      if (tc.error) expect(() => resolveFenceposts(tc.maxSurge, tc.maxUnavailable, tc.desired)).toThrow();
      else expect(resolveFenceposts(tc.maxSurge, tc.maxUnavailable, tc.desired)).toEqual(tc.want);
    });
  }
});

function rs(replicas: number): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `rs-${replicas}` }, spec: { replicas } };
}

function dep(replicas: number, type: string, maxSurge: number): KubeObject {
  const strategy = type === 'Recreate' ? { type } : { type, rollingUpdate: { maxSurge, maxUnavailable: 1 } };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas, strategy } };
}

// TestNewRSNewReplicas: allRSs holds one ReplicaSet of 5.
describe('newRSNewReplicas', () => {
  const cases = [
    { name: 'can not scale up - to newRSReplicas', type: 'RollingUpdate', depReplicas: 1, newRSReplicas: 5, maxSurge: 1, want: 5 },
    { name: 'scale up - to depReplicas', type: 'RollingUpdate', depReplicas: 6, newRSReplicas: 2, maxSurge: 10, want: 6 },
    { name: 'recreate - to depReplicas', type: 'Recreate', depReplicas: 3, newRSReplicas: 1, maxSurge: 1, want: 3 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(newRSNewReplicas(dep(tc.depReplicas, tc.type, tc.maxSurge), [rs(5)], rs(tc.newRSReplicas))).toBe(tc.want);
    });
  }
});

describe('pod-template-hash', () => {
  it('SafeEncodeString maps decimal digits onto the vowel-free alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
  it('depends on the template and the collision count, not on key order', () => {
    const a = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const b = { spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(a)).toBe(computeHash(b));
    expect(computeHash(a)).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(computeHash(a, 1)).not.toBe(computeHash(a));
    expect(computeHash({ ...a, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } })).not.toBe(computeHash(a));
  });
});

it('RoundToInt32 rounds halves away from zero', () => {
  expect([2.5, -2.5, 1.4, -1.6].map(roundHalfAway)).toEqual([3, -3, 1, -2]);
});
