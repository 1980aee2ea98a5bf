import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

function envOf(c: Cluster, pod: string): Map<string, string> {
  const r = c.run(`kubectl exec ${pod} -- env`);
  expect(r.exitCode).toBe(0);
  return new Map(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]));
}

function svcIP(c: Cluster, name: string): string {
  return c.run(`kubectl get svc ${name} -o jsonpath={.spec.clusterIP}`).stdout;
}

/**
 * Service environment variables, after pkg/kubelet/envvars/envvars_test.go (TestFromServices) and the
 * kubelet's getServiceEnvVarMap: the pod's namespace (with enableServiceLinks) plus `kubernetes` from
 * default; headless and ExternalName Services give nothing; only Services that exist when the container starts.
 */
describe('Service environment variables', () => {
  it('follows envvars.FromServices for named, unnamed, multi-port and UDP Services', () => {
    const c = createCluster({ seed: 1 });
    c.runtime.files.set(
      'svcs.yaml',
      [
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: foo-bar\nspec:\n  selector: {app: x}\n  ports:\n  - {name: http, port: 8080, protocol: TCP}\n  - {name: https-alt, port: 8443, protocol: UDP}\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: abc-123\nspec:\n  selector: {app: x}\n  ports:\n  - {port: 8081, protocol: UDP}\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: headless\nspec:\n  clusterIP: None\n  selector: {app: x}\n  ports:\n  - {port: 80}\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n  externalName: example.com\n',
      ].join('---\n'),
    );
    expect(c.run('kubectl create -f svcs.yaml').exitCode).toBe(0);
    c.run('kubectl create namespace other');
    c.run('kubectl create service clusterip elsewhere --tcp=80:80 -n other');
    c.run('kubectl run client --image=busybox -- sleep 3600');
    c.advance(20_000);
    const env = envOf(c, 'client');
    const foo = svcIP(c, 'foo-bar');
    const abc = svcIP(c, 'abc-123');
    const want: Array<[string, string]> = [
      ['FOO_BAR_SERVICE_HOST', foo],
      ['FOO_BAR_SERVICE_PORT', '8080'],
      ['FOO_BAR_SERVICE_PORT_HTTP', '8080'],
      ['FOO_BAR_SERVICE_PORT_HTTPS_ALT', '8443'],
      ['FOO_BAR_PORT', `tcp://${foo}:8080`],
      ['FOO_BAR_PORT_8080_TCP', `tcp://${foo}:8080`],
      ['FOO_BAR_PORT_8080_TCP_PROTO', 'tcp'],
      ['FOO_BAR_PORT_8080_TCP_PORT', '8080'],
      ['FOO_BAR_PORT_8080_TCP_ADDR', foo],
      ['FOO_BAR_PORT_8443_UDP', `udp://${foo}:8443`],
      ['FOO_BAR_PORT_8443_UDP_PROTO', 'udp'],
      ['FOO_BAR_PORT_8443_UDP_PORT', '8443'],
      ['FOO_BAR_PORT_8443_UDP_ADDR', foo],
      ['ABC_123_SERVICE_HOST', abc],
      ['ABC_123_SERVICE_PORT', '8081'],
      ['ABC_123_PORT', `udp://${abc}:8081`],
      ['ABC_123_PORT_8081_UDP', `udp://${abc}:8081`],
      ['ABC_123_PORT_8081_UDP_PROTO', 'udp'],
      ['ABC_123_PORT_8081_UDP_PORT', '8081'],
      ['ABC_123_PORT_8081_UDP_ADDR', abc],
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
    ];
    for (const [k, v] of want) expect(env.get(k), k).toBe(v);
    const serviceVars = [...env.keys()].filter((k) => /_(SERVICE_HOST|SERVICE_PORT|PORT)(_|$)/.test(k));
    expect(serviceVars.sort()).toEqual(want.map(([k]) => k).sort());
  });

  it('only for Services that existed when the container started; enableServiceLinks=false keeps only kubernetes', () => {
    const c = createCluster({ seed: 1 });
    c.run('kubectl create service clusterip before --tcp=80:80');
    c.run('kubectl run client --image=busybox -- sleep 3600');
    c.runtime.files.set('nolinks.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nolinks\nspec:\n  enableServiceLinks: false\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, "3600"]\n');
    c.run('kubectl create -f nolinks.yaml');
    c.advance(20_000);
    c.run('kubectl create service clusterip after --tcp=80:80');
    c.advance(1000);
    const env = envOf(c, 'client');
    expect(env.has('BEFORE_SERVICE_HOST')).toBe(true);
    expect(env.has('AFTER_SERVICE_HOST')).toBe(false);
    const nolinks = envOf(c, 'nolinks');
    expect(nolinks.has('BEFORE_SERVICE_HOST')).toBe(false);
    expect(nolinks.get('KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1');
  });
});

/** Transcripts: the DNS lessons' commands with busybox and the dnsutils image. */
describe('DNS transcripts', () => {
  function dnsLab(): Cluster {
    const c = createCluster({ seed: 1, dns: true });
    for (const cmd of [
      'kubectl create deployment web --image=nginx',
      'kubectl expose deployment web --port=80',
      'kubectl run client --image=busybox -- sleep 3600',
      'kubectl run dnsutils --image=registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3 --command -- sleep infinity',
    ]) expect(c.run(cmd).exitCode).toBe(0);
    c.advance(30_000);
    return c;
  }

  it('busybox wget and nslookup through kube-dns', () => {
    const c = dnsLab();
    const ip = svcIP(c, 'web');
    expect(c.run('kubectl exec client -- wget -qO- web').stdout).toContain('<title>Welcome to nginx!</title>');
    const r = c.run('kubectl exec client -- nslookup web');
    expect(r.stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        `Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n` +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n" +
        "*** Can't find web.default.svc.cluster.local: No answer\n\n" +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n",
    );
    expect(r.exitCode).toBe(1);
    expect(c.run('kubectl exec client -- cat /etc/resolv.conf').stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('bind nslookup and dig in the dnsutils pod', () => {
    const c = dnsLab();
    const ip = svcIP(c, 'web');
    const r = c.run('kubectl exec dnsutils -- nslookup kubernetes.default');
    expect(r.stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
    expect(c.run('kubectl exec dnsutils -- nslookup nope').stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n");
    expect(c.run('kubectl exec dnsutils -- dig +short web.default.svc.cluster.local').stdout).toBe(`${ip}\n`);
    const dig = c.run('kubectl exec dnsutils -- dig web.default.svc.cluster.local').stdout;
    expect(dig).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n');
    expect(dig).toContain(`;; ANSWER SECTION:\nweb.default.svc.cluster.local. 30 IN\tA\t${ip}\n`);
    expect(dig).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10)\n');
    expect(c.run('kubectl exec dnsutils -- dig web').stdout).toContain('status: NXDOMAIN');
    expect(c.run('kubectl exec client -- dig web').exitCode).toBe(127);
  });

  // CoreDNS on an IPv4-only cluster answers AAAA with NOERROR and no records (the SOA in AUTHORITY), and SRV for
  // named ports (kubernetes plugin docs: _port._proto.svc.ns.svc.zone); bind's nslookup prints "No answer" for
  // the empty reply (bin/dig/nslookup.c printmessage) and stops the search there; dig takes a type word anywhere.
  it.each([
    { name: 'bind nslookup AAAA: No answer', cmd: 'nslookup -type=AAAA web', want: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n*** Can't find web: No answer\n\n" },
    { name: 'BusyBox nslookup AAAA of a full name', pod: 'client', cmd: 'nslookup -type=AAAA web.default.svc.cluster.local', want: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n*** Can't find web.default.svc.cluster.local: No answer\n\n" },
    { name: 'dig AAAA before the name', cmd: 'dig AAAA web.default.svc.cluster.local', has: ['status: NOERROR', 'ANSWER: 0, AUTHORITY: 1', ';web.default.svc.cluster.local.\tIN\tAAAA\n', ';; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. '] },
    { name: 'dig SRV of a named port', cmd: 'dig +short SRV _http._tcp.named.default.svc.cluster.local', want: '0 100 80 named.default.svc.cluster.local.\n' },
    { name: 'bind nslookup SRV through the search list', cmd: 'nslookup -type=srv _http._tcp.named', want: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n_http._tcp.named.default.svc.cluster.local\tservice = 0 100 80 named.default.svc.cluster.local.\n\n' },
    { name: 'dig +short of a pod A record', cmd: 'dig +short 10-244-1-7.default.pod.cluster.local', want: '10.244.1.7\n' },
  ])('$name', ({ pod, cmd, want, has }) => {
    const c = dnsLab();
    // `expose` leaves the port unnamed; a second Service with a named port has an SRV record.
    c.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: named}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
EOF`);
    const out = c.run(`kubectl exec ${pod ?? 'dnsutils'} -- ${cmd}`).stdout;
    if (want !== undefined) expect(out).toBe(want);
    for (const h of has ?? []) expect(out).toContain(h);
  });

  // busybox:1.28, the image of the "Debugging DNS Resolution" task page, has the pre-1.29 nslookup; the first
  // case is that page's expected output with this cluster's addresses.
  it.each([
    { name: 'kubernetes.default', cmd: 'nslookup kubernetes.default', out: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n', err: '', code: 0 },
    { name: 'a name that does not resolve', cmd: 'nslookup nope', out: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n', err: "nslookup: can't resolve 'nope'\ncommand terminated with exit code 1\n", code: 1 },
  ])('busybox:1.28 nslookup: $name', ({ cmd, out, err, code }) => {
    const c = dnsLab();
    c.run('kubectl run old --image=busybox:1.28 -- sleep 3600');
    c.advance(10_000);
    expect(c.run(`kubectl exec old -- ${cmd}`)).toEqual({ stdout: out, stderr: err, exitCode: code });
  });

  it('scaling CoreDNS to zero makes lookups time out', () => {
    const c = dnsLab();
    c.run('kubectl scale deployment coredns -n kube-system --replicas=0');
    c.advance(60_000);
    const r = c.run('kubectl exec client -- nslookup web');
    expect(r.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(c.run('kubectl exec client -- wget -qO- web').stderr).toBe("wget: bad address 'web'\ncommand terminated with exit code 1\n");
  });
});
