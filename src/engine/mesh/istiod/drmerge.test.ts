// DestinationRule merging and lookup.
// Merging follows pilot/pkg/model/push_context_test.go TestSetDestinationRuleMerging: rules for one host in one
// namespace merge into the oldest (new subset names appended, duplicates dropped, the first top-level
// trafficPolicy kept). The lookup follows istio.io "Traffic Management Best Practices — Cross-namespace
// configuration sharing" (the destination rule lookup path: 1. client namespace, 2. service namespace, 3. the
// Istio configuration root) and PushContext.destinationRule / TestDestinationRuleWithExportTo (exportTo decides
// whether a rule of the service's or the root namespace reaches the client; "." keeps it in its namespace).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { DestinationRuleIndex } from './drmerge.ts';

const dr = (ns: string, name: string, created: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { namespace: ns, name, creationTimestamp: created }, spec }) as KubeObject;
const HOST = 'reviews.default.svc.cluster.local';
const t = (s: number) => `2025-01-01T00:00:0${s}Z`;

describe('DestinationRuleIndex: merging within a namespace', () => {
  const cases = [
    {
      name: 'subsets of two rules in one namespace merge, oldest first',
      rules: [dr('default', 'a', t(1), { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }), dr('default', 'b', t(2), { host: 'reviews', subsets: [{ name: 'v2', labels: { version: 'v2' } }] })],
      want: { subsets: ['v1', 'v2'], lb: undefined, from: ['default/a', 'default/b'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a' },
    },
    {
      name: 'a duplicate subset name keeps the older definition',
      rules: [dr('default', 'a', t(1), { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }), dr('default', 'b', t(2), { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'other' } }] })],
      want: { subsets: ['v1'], lb: undefined, from: ['default/a', 'default/b'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a', v1: 'v1' },
    },
    {
      name: 'the top-level trafficPolicy comes from the first rule that has one',
      rules: [dr('default', 'a', t(1), { host: 'reviews' }), dr('default', 'b', t(2), { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }), dr('default', 'c', t(3), { host: 'reviews', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } })],
      want: { subsets: [], lb: 'RANDOM', from: ['default/a', 'default/b', 'default/c'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a' },
    },
    {
      name: 'rules with different exportTo stay apart (the oldest applies)',
      rules: [dr('default', 'a', t(1), { host: 'reviews', subsets: [{ name: 'v1' }] }), dr('default', 'b', t(2), { host: 'reviews', exportTo: ['.'], subsets: [{ name: 'v2' }] })],
      want: { subsets: ['v1'], lb: undefined, from: ['default/a'], path: '/apis/networking.istio.io/v1/namespaces/default/destination-rule/a' },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const got = new DestinationRuleIndex(tc.rules, 'istio-system').lookup(HOST, 'default', 'default')!;
      expect((got.spec.subsets ?? []).map((s) => s.name)).toEqual(tc.want.subsets);
      expect(got.spec.trafficPolicy?.loadBalancer?.simple).toBe(tc.want.lb);
      expect(got.from).toEqual(tc.want.from);
      expect(got.path).toBe(tc.want.path);
      if (tc.want.v1) expect(got.spec.subsets?.[0].labels?.version).toBe(tc.want.v1);
    });
  }

  it('does not modify the stored rules', () => {
    const a = dr('default', 'a', t(1), { host: 'reviews', subsets: [{ name: 'v1' }] });
    const before = JSON.stringify(a);
    new DestinationRuleIndex([a, dr('default', 'b', t(2), { host: 'reviews', subsets: [{ name: 'v2' }] })], 'istio-system').lookup(HOST, 'default', 'default');
    expect(JSON.stringify(a)).toBe(before);
  });
});

describe('DestinationRuleIndex: lookup path client namespace → service namespace → root namespace', () => {
  const svcRule = dr('default', 'svc', t(2), { host: 'reviews' });
  const clientRule = dr('client', 'mine', t(3), { host: HOST });
  const rootRule = dr('istio-system', 'root', t(1), { host: HOST });
  const cases: Array<{ name: string; rules: KubeObject[]; client: string; want: string | undefined }> = [
    { name: "a rule in the client's namespace wins over the service's", rules: [svcRule, clientRule, rootRule], client: 'client', want: 'client/mine' },
    { name: "a client elsewhere gets the service namespace's rule", rules: [svcRule, clientRule, rootRule], client: 'other', want: 'default/svc' },
    { name: "the service namespace's rule wins over an older root rule", rules: [rootRule, svcRule], client: 'other', want: 'default/svc' },
    { name: 'the root namespace is last', rules: [rootRule, clientRule], client: 'other', want: 'istio-system/root' },
    { name: "a rule in a third namespace never applies to other clients", rules: [clientRule], client: 'other', want: undefined },
    { name: 'exportTo "." keeps the service namespace\'s rule inside it', rules: [dr('default', 'private', t(2), { host: 'reviews', exportTo: ['.'] }), rootRule], client: 'other', want: 'istio-system/root' },
    { name: 'exportTo "." still applies to clients in its own namespace', rules: [dr('default', 'private', t(2), { host: 'reviews', exportTo: ['.'] }), rootRule], client: 'default', want: 'default/private' },
    { name: 'exportTo naming the client namespace reaches it', rules: [dr('default', 'to-client', t(2), { host: 'reviews', exportTo: ['client'] })], client: 'client', want: 'default/to-client' },
    { name: 'exportTo naming another namespace does not', rules: [dr('default', 'to-client', t(2), { host: 'reviews', exportTo: ['client'] })], client: 'other', want: undefined },
    { name: 'a client in its own namespace only sees rules exported to it there', rules: [dr('default', 'to-client', t(2), { host: 'reviews', exportTo: ['client'] })], client: 'default', want: undefined },
    { name: 'a wildcard host in the client namespace matches', rules: [svcRule, dr('client', 'wild', t(3), { host: '*.default.svc.cluster.local' })], client: 'client', want: 'client/wild' },
    { name: 'the exact host wins over a wildcard in the same namespace', rules: [dr('default', 'wild', t(1), { host: '*.svc.cluster.local' }), svcRule], client: 'default', want: 'default/svc' },
    { name: "the root namespace's private rules apply to its own proxies first", rules: [svcRule, dr('istio-system', 'gw', t(3), { host: HOST, exportTo: ['.'] })], client: 'istio-system', want: 'istio-system/gw' },
    { name: "a root proxy otherwise takes the service namespace's rule (not the root's exported one)", rules: [rootRule, svcRule], client: 'istio-system', want: 'default/svc' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const got = new DestinationRuleIndex(tc.rules, 'istio-system').lookup(HOST, 'default', tc.client);
      expect(got?.from[0]).toBe(tc.want);
    });
  }

  it('namespaces without rules share one answer; namespaces with rules or named in exportTo do not', () => {
    const ix = new DestinationRuleIndex([svcRule, clientRule, dr('default', 'x', t(4), { host: 'ratings', exportTo: ['named'] })], 'istio-system');
    expect(['client', 'default', 'named', 'other', 'istio-system'].map((ns) => ix.clientSensitive(ns))).toEqual([true, true, true, false, false]);
  });
});
