// DestinationRule merging, after pilot/pkg/model/push_context_test.go TestSetDestinationRuleMerging /
// TestSetDestinationRuleWithExportTo: rules for one host in one namespace merge into the oldest (new subset names
// appended, duplicates dropped, the first top-level trafficPolicy kept); across namespaces each is its own rule.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { effectiveDestinationRules } from './drmerge.ts';

const dr = (ns: string, name: string, created: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { namespace: ns, name, creationTimestamp: created }, spec }) as KubeObject;
const HOST = 'reviews.default.svc.cluster.local';

describe('effectiveDestinationRules', () => {
  const cases = [
    {
      name: 'subsets of two rules in one namespace merge, oldest first',
      rules: [dr('default', 'a', '2025-01-01T00:00:01Z', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }), dr('default', 'b', '2025-01-01T00:00:02Z', { host: 'reviews', subsets: [{ name: 'v2', labels: { version: 'v2' } }] })],
      want: { subsets: ['v1', 'v2'], lb: undefined, from: ['default/a', 'default/b'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a' },
    },
    {
      name: 'a duplicate subset name keeps the older definition',
      rules: [dr('default', 'a', '2025-01-01T00:00:01Z', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }), dr('default', 'b', '2025-01-01T00:00:02Z', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'other' } }] })],
      want: { subsets: ['v1'], lb: undefined, from: ['default/a', 'default/b'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a', v1: 'v1' },
    },
    {
      name: 'the top-level trafficPolicy comes from the first rule that has one',
      rules: [dr('default', 'a', '2025-01-01T00:00:01Z', { host: 'reviews' }), dr('default', 'b', '2025-01-01T00:00:02Z', { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }), dr('default', 'c', '2025-01-01T00:00:03Z', { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } })],
      want: { subsets: [], lb: 'RANDOM', from: ['default/a', 'default/b', 'default/c'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a' },
    },
    {
      name: "the service's namespace wins over an older rule in the root namespace",
      rules: [dr('istio-system', 'root', '2025-01-01T00:00:01Z', { host: HOST, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }), dr('default', 'local', '2025-01-01T00:00:05Z', { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } })],
      want: { subsets: [], lb: 'LEAST_REQUEST', from: ['default/local'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/local' },
    },
    {
      name: 'rules in other namespaces do not merge; the root namespace is next',
      rules: [dr('other', 'x', '2025-01-01T00:00:01Z', { host: HOST, subsets: [{ name: 'x' }] }), dr('istio-system', 'root', '2025-01-01T00:00:02Z', { host: HOST, subsets: [{ name: 'r' }] })],
      want: { subsets: ['r'], lb: undefined, from: ['istio-system/root'], path: '/apis/networking.istio.io/v1/namespaces/istio-system/destination-rule/root' },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const got = effectiveDestinationRules(tc.rules, 'istio-system').get(HOST)!;
      expect((got.spec.subsets ?? []).map((s) => s.name)).toEqual(tc.want.subsets);
      expect(got.spec.trafficPolicy?.loadBalancer?.simple).toBe(tc.want.lb);
      expect(got.from).toEqual(tc.want.from);
      expect(got.path).toBe(tc.want.path);
      if (tc.want.v1) expect(got.spec.subsets?.[0].labels?.version).toBe(tc.want.v1);
    });
  }

  it('does not modify the stored rules', () => {
    const a = dr('default', 'a', '2025-01-01T00:00:01Z', { host: 'reviews', subsets: [{ name: 'v1' }] });
    const before = JSON.stringify(a);
    effectiveDestinationRules([a, dr('default', 'b', '2025-01-01T00:00:02Z', { host: 'reviews', subsets: [{ name: 'v2' }] })], 'istio-system');
    expect(JSON.stringify(a)).toBe(before);
  });
});
