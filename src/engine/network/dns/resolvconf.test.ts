import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { formatResolvConf, parseResolvConf, podDNSConfig } from './resolvconf.ts';
import { searchCandidates } from './stub.ts';

/** Cases after pkg/kubelet/network/dns/dns_test.go (TestGetPodDNSType, TestGetPodDNS, TestGetPodDNSCustom). */
describe('pod DNS configuration (kubelet GetPodDNS)', () => {
  const pod = (spec: Record<string, unknown>): Pod => ({ metadata: { name: 'p', namespace: 'ns1' }, spec: { containers: [], ...spec } }) as Pod;
  const cases: Array<{ name: string; spec: Record<string, unknown>; want: string }> = [
    { name: 'ClusterFirst (the default)', spec: {}, want: 'search ns1.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' },
    { name: 'ClusterFirst on the host network falls back to Default', spec: { dnsPolicy: 'ClusterFirst', hostNetwork: true }, want: 'nameserver 172.18.0.1\n' },
    { name: 'ClusterFirstWithHostNet on the host network', spec: { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }, want: 'search ns1.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n' },
    { name: 'Default: the node\'s resolv.conf', spec: { dnsPolicy: 'Default' }, want: 'nameserver 172.18.0.1\n' },
    {
      name: 'None: only dnsConfig',
      spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['203.0.113.1'], searches: ['my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } },
      want: 'search my.dns.search.suffix\nnameserver 203.0.113.1\noptions edns0 ndots:2\n',
    },
    {
      name: 'ClusterFirst with dnsConfig: appended without duplicates, options merged by name',
      spec: { dnsConfig: { nameservers: ['10.96.0.10', '1.2.3.4'], searches: ['svc.cluster.local', 'example.com'], options: [{ name: 'ndots', value: '3' }, { name: 'single-request' }] } },
      want: 'search ns1.svc.cluster.local svc.cluster.local cluster.local example.com\nnameserver 10.96.0.10\nnameserver 1.2.3.4\noptions ndots:3 single-request\n',
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(formatResolvConf(podDNSConfig(pod(tc.spec)))).toBe(tc.want));

  it('parses what it writes', () => {
    const c = parseResolvConf('search a.b c.d\nnameserver 10.96.0.10\noptions ndots:5 timeout:1\n');
    expect(c).toEqual({ nameservers: ['10.96.0.10'], search: ['a.b', 'c.d'], ndots: 5, options: ['ndots:5', 'timeout:1'] });
  });
});

/** glibc res_search order (resolv/res_query.c): the behaviour `options ndots:5` is famous for. */
describe('stub resolver search order', () => {
  const conf = { search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 };
  const cases: Array<{ name: string; q: string; ndots?: number; want: string[] }> = [
    { name: 'a bare name walks the search list, then itself', q: 'web', want: ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web'] },
    { name: 'service.namespace', q: 'web.prod', want: ['web.prod.default.svc.cluster.local', 'web.prod.svc.cluster.local', 'web.prod.cluster.local', 'web.prod'] },
    { name: 'an external name with few dots is searched first too', q: 'example.com', want: ['example.com.default.svc.cluster.local', 'example.com.svc.cluster.local', 'example.com.cluster.local', 'example.com'] },
    { name: 'a trailing dot means absolute', q: 'example.com.', want: ['example.com'] },
    { name: 'as many dots as ndots: as written first', q: 'a.b.c.d.e.f', want: ['a.b.c.d.e.f', 'a.b.c.d.e.f.default.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local'] },
    { name: 'ndots:1 tries a dotted name as written first', q: 'example.com', ndots: 1, want: ['example.com', 'example.com.default.svc.cluster.local', 'example.com.svc.cluster.local', 'example.com.cluster.local'] },
  ];
  for (const tc of cases) it(tc.name, () => expect(searchCandidates(tc.q, { ...conf, ndots: tc.ndots ?? conf.ndots })).toEqual(tc.want));
});
