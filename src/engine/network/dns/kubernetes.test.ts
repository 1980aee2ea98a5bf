import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { DnsService } from './index.ts';
import type { RRType } from './types.ts';

/**
 * Answer tables following CoreDNS's plugin/kubernetes/handler_test.go (dnsTestCases): the same kinds of
 * questions against the same kinds of objects, with the kubeadm Corefile's `ttl 30`.
 */
function fixture(): { rt: ClusterRuntime; dns: DnsService } {
  const c = createCluster({ seed: 1, nodes: [], dns: true });
  const rt = c.runtime;
  const api = rt.api;
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'testns' } });
  const svc = (name: string, spec: Record<string, unknown>) => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'testns' }, spec });
  svc('svc1', { clusterIP: '10.96.0.100', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
  svc('svcmulti', { clusterIP: '10.96.0.101', ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }] });
  svc('hdls1', { clusterIP: 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
  svc('hdlsempty', { clusterIP: 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
  svc('external', { type: 'ExternalName', externalName: 'ext.interwebs.test' });
  svc('external-to-service', { type: 'ExternalName', externalName: 'svc1.testns.svc.cluster.local' });
  svc('external-known', { type: 'ExternalName', externalName: 'example.com' });
  const ep = (ip: string, ready: boolean, hostname?: string) => ({ addresses: [ip], conditions: { ready }, ...(hostname ? { hostname } : {}) });
  api.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'hdls1-abcde', namespace: 'testns', labels: { 'kubernetes.io/service-name': 'hdls1' } },
    addressType: 'IPv4',
    endpoints: [ep('172.0.0.2', true), ep('172.0.0.3', true), ep('172.0.0.4', true, 'dup-name'), ep('172.0.0.5', true, 'dup-name'), ep('172.0.0.9', false)],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  });
  rt.settle();
  return { rt, dns: rt.services.get('dns') as DnsService };
}

const SOA = (serial: number) => `cluster.local.\t30\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. ${serial} 7200 1800 86400 30`;

describe('CoreDNS kubernetes plugin answers', () => {
  const { dns } = fixture();
  const serial = dns.zone.serial;
  const cases: Array<{ name: string; q: string; t: RRType; rcode: string; answer?: string[]; extra?: string[]; ns?: string[] }> = [
    { name: 'A Service', q: 'svc1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['svc1.testns.svc.cluster.local.\t30\tA\t10.96.0.100'] },
    { name: 'SRV Service (all ports)', q: 'svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['svc1.testns.svc.cluster.local.\t30\tSRV\t0 100 80 svc1.testns.svc.cluster.local.'], extra: ['svc1.testns.svc.cluster.local.\t30\tA\t10.96.0.100'] },
    { name: 'SRV named port', q: '_http._tcp.svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['_http._tcp.svc1.testns.svc.cluster.local.\t30\tSRV\t0 100 80 svc1.testns.svc.cluster.local.'], extra: ['svc1.testns.svc.cluster.local.\t30\tA\t10.96.0.100'] },
    { name: 'SRV two ports share the weight', q: 'svcmulti.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['svcmulti.testns.svc.cluster.local.\t30\tSRV\t0 50 80 svcmulti.testns.svc.cluster.local.', 'svcmulti.testns.svc.cluster.local.\t30\tSRV\t0 50 53 svcmulti.testns.svc.cluster.local.'], extra: ['svcmulti.testns.svc.cluster.local.\t30\tA\t10.96.0.101'] },
    { name: 'SRV by port and protocol', q: '_dns._udp.svcmulti.testns.svc.cluster.local.', t: 'SRV', rcode: 'NOERROR', answer: ['_dns._udp.svcmulti.testns.svc.cluster.local.\t30\tSRV\t0 100 53 svcmulti.testns.svc.cluster.local.'], extra: ['svcmulti.testns.svc.cluster.local.\t30\tA\t10.96.0.101'] },
    { name: 'SRV unknown port name', q: '_nope._tcp.svc1.testns.svc.cluster.local.', t: 'SRV', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    {
      name: 'A Service (Headless): every ready endpoint',
      q: 'hdls1.testns.svc.cluster.local.',
      t: 'A',
      rcode: 'NOERROR',
      answer: ['172.0.0.2', '172.0.0.3', '172.0.0.4', '172.0.0.5'].map((ip) => `hdls1.testns.svc.cluster.local.\t30\tA\t${ip}`),
    },
    { name: 'Headless with no ready endpoints: NODATA', q: 'hdlsempty.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', ns: [SOA(serial)] },
    { name: 'An Endpoint ip', q: '172-0-0-2.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['172-0-0-2.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.2'] },
    { name: 'An Endpoint by name', q: 'dup-name.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['dup-name.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.4', 'dup-name.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.5'] },
    { name: 'A not-ready endpoint has no record', q: '172-0-0-9.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    {
      name: 'SRV Service (Headless)',
      q: '_http._tcp.hdls1.testns.svc.cluster.local.',
      t: 'SRV',
      rcode: 'NOERROR',
      answer: ['172-0-0-2', '172-0-0-3', 'dup-name'].map((n) => `_http._tcp.hdls1.testns.svc.cluster.local.\t30\tSRV\t0 25 8080 ${n}.hdls1.testns.svc.cluster.local.`),
      extra: ['172-0-0-2.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.2', '172-0-0-3.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.3', 'dup-name.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.4', 'dup-name.hdls1.testns.svc.cluster.local.\t30\tA\t172.0.0.5'],
    },
    { name: 'CNAME External', q: 'external.testns.svc.cluster.local.', t: 'CNAME', rcode: 'NOERROR', answer: ['external.testns.svc.cluster.local.\t30\tCNAME\text.interwebs.test.'] },
    { name: 'CNAME External To Internal Service', q: 'external-to-service.testns.svc.cluster.local', t: 'A', rcode: 'NOERROR', answer: ['external-to-service.testns.svc.cluster.local.\t30\tCNAME\tsvc1.testns.svc.cluster.local.', 'svc1.testns.svc.cluster.local.\t30\tA\t10.96.0.100'] },
    { name: 'CNAME External chased upstream', q: 'external-known.testns.svc.cluster.local', t: 'A', rcode: 'NOERROR', answer: ['external-known.testns.svc.cluster.local.\t30\tCNAME\texample.com.', 'example.com.\t300\tA\t93.184.215.14'] },
    { name: 'A subdomain of an external service does not resolve', q: 'endpoint.external.testns.svc.cluster.local.', t: 'CNAME', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'AAAA Service with only an A record: NODATA', q: 'svc1.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NOERROR', ns: [SOA(serial)] },
    { name: 'AAAA non-existing service', q: 'svc0.testns.svc.cluster.local.', t: 'AAAA', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'A non-existing service', q: 'svc0.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'A non-existing namespace', q: 'svc0.svc-nons.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'TXT schema', q: 'dns-version.cluster.local.', t: 'TXT', rcode: 'NOERROR', answer: ['dns-version.cluster.local.\t28800\tTXT\t"1.1.0"'] },
    { name: 'A Service (Headless) endpoint does not exist', q: 'bogusendpoint.hdls1.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'A Service does not exist (endpoint form)', q: 'bogusendpoint.svc0.testns.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'svc.cluster.local exists, no records', q: 'svc.cluster.local.', t: 'A', rcode: 'NOERROR', ns: [SOA(serial)] },
    { name: 'pod.cluster.local exists, no records', q: 'pod.cluster.local.', t: 'A', rcode: 'NOERROR', ns: [SOA(serial)] },
    { name: 'namespace name exists, no records', q: 'testns.svc.cluster.local.', t: 'A', rcode: 'NOERROR', ns: [SOA(serial)] },
    { name: 'unknown name in the zone', q: 'foo.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'SOA for a Service name is NODATA', q: 'svc1.testns.svc.cluster.local.', t: 'SOA', rcode: 'NOERROR', ns: [SOA(serial)] },
    { name: 'pod A record (pods insecure)', q: '10-244-1-5.testns.pod.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['10-244-1-5.testns.pod.cluster.local.\t30\tA\t10.244.1.5'] },
    { name: 'pod A record in a missing namespace', q: '10-244-1-5.nope.pod.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'pod name that is not an address', q: 'web.testns.pod.cluster.local.', t: 'A', rcode: 'NXDOMAIN', ns: [SOA(serial)] },
    { name: 'kube-dns itself', q: 'kube-dns.kube-system.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['kube-dns.kube-system.svc.cluster.local.\t30\tA\t10.96.0.10'] },
    { name: 'PTR for a Service IP', q: '100.0.96.10.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: ['100.0.96.10.in-addr.arpa.\t30\tPTR\tsvc1.testns.svc.cluster.local.'] },
    { name: 'PTR for a headless endpoint', q: '4.0.0.172.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: ['4.0.0.172.in-addr.arpa.\t30\tPTR\tdup-name.hdls1.testns.svc.cluster.local.'] },
  ];
  const fmt = (r: { name: string; ttl: number; type: string; data: string }) => `${r.name}\t${r.ttl}\t${r.type}\t${r.data}`;
  for (const tc of cases) {
    it(tc.name, () => {
      const a = dns.query(tc.q, tc.t);
      expect(a.rcode).toBe(tc.rcode);
      expect(a.aa).toBe(true);
      expect(a.answer.map(fmt)).toEqual(tc.answer ?? []);
      expect(a.extra.map(fmt)).toEqual(tc.extra ?? []);
      expect(a.authority.map(fmt)).toEqual(tc.ns ?? []);
    });
  }

  it('forwards names outside the cluster zones (not authoritative)', () => {
    expect(dns.query('web.', 'A')).toMatchObject({ rcode: 'NXDOMAIN', aa: false });
    expect(dns.query('example.com', 'A')).toMatchObject({ rcode: 'NOERROR', aa: false, answer: [{ data: '93.184.215.14' }] });
  });
});

describe('CoreDNS add-on objects', () => {
  it('creates the kubeadm objects in kube-system, with kube-dns at 10.96.0.10', () => {
    const c = createCluster({ seed: 1, dns: true });
    expect(c.run('kubectl get svc kube-dns -n kube-system').stdout).toBe(
      'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\nkube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   6s\n',
    );
    expect(c.run('kubectl get cm coredns -n kube-system -o jsonpath={.data.Corefile}').stdout).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure');
    c.advance(30_000);
    expect(c.run('kubectl get deploy coredns -n kube-system').stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\ncoredns +2\/2 +2 +2 +36s\n$/);
    expect(c.run('kubectl get pods -n kube-system -l k8s-app=kube-dns -o jsonpath={.items[*].spec.dnsPolicy}').stdout).toBe('Default Default');
  });
});
