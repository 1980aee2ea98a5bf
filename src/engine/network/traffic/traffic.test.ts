import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';
import type { NetworkService } from './index.ts';

/** A cluster with CoreDNS, nginx behind `web`, and a busybox client, all running. */
function lab(opts: { cni?: 'flannel' | 'calico'; dns?: boolean } = {}): Cluster {
  const c = createCluster({ seed: 1, dns: opts.dns ?? true, cni: opts.cni });
  for (const cmd of [
    'kubectl create deployment web --image=nginx --replicas=2',
    'kubectl expose deployment web --port=80',
    'kubectl run client --image=busybox -- sleep 3600',
  ]) expect(c.run(cmd).exitCode).toBe(0);
  c.advance(30_000);
  return c;
}

const net = (c: Cluster) => c.runtime.services.get('network') as NetworkService;
const ok = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  expect(r.exitCode, `${cmd}: ${r.stderr}`).toBe(0);
  return r;
};

describe('tracer failure modes (the symptoms a real client sees)', () => {
  const cases: Array<{ name: string; cni?: 'flannel' | 'calico'; dns?: boolean; setup: string[]; cmd: string; exit: number; stderr: RegExp; outcome: string }> = [
    { name: 'a Service with ready endpoints answers', setup: [], cmd: 'kubectl exec client -- wget -qO- web', exit: 0, stderr: /^$/, outcome: 'http' },
    {
      name: 'no endpoints: kube-proxy REJECTs, connection refused',
      setup: ['kubectl create service clusterip empty --tcp=80:80'],
      cmd: 'kubectl exec client -- wget -qO- empty',
      exit: 1,
      stderr: /^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n/,
      outcome: 'refused',
    },
    {
      name: 'wrong targetPort: the pod answers RST, connection refused',
      setup: ['kubectl expose deployment web --name=wrong --port=80 --target-port=8080'],
      cmd: 'kubectl exec client -- wget -qO- wrong',
      exit: 1,
      stderr: /^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n/,
      outcome: 'refused',
    },
    { name: 'DNS typo: bad address', setup: [], cmd: 'kubectl exec client -- wget -qO- webb', exit: 1, stderr: /^wget: bad address 'webb'\n/, outcome: 'nxdomain' },
    { name: 'curl on a DNS typo', setup: [], cmd: 'kubectl exec client -- curl -sS webb', exit: 6, stderr: /^curl: \(6\) Could not resolve host: webb\n/, outcome: 'nxdomain' },
    {
      name: 'Calico enforces a default-deny: the client times out',
      cni: 'calico',
      setup: ['kubectl create -f np.yaml'],
      cmd: 'kubectl exec client -- wget -qO- -T 2 web',
      exit: 1,
      stderr: /^wget: download timed out\n/,
      outcome: 'timeout',
    },
    { name: 'flannel does not enforce NetworkPolicy', cni: 'flannel', setup: ['kubectl create -f np.yaml'], cmd: 'kubectl exec client -- wget -qO- -T 2 web', exit: 0, stderr: /^$/, outcome: 'http' },
    {
      name: 'egress deny without a DNS rule: name lookups time out (the forgotten DNS egress)',
      cni: 'calico',
      setup: ['kubectl create -f egress.yaml'],
      cmd: 'kubectl exec client -- wget -qO- -T 2 web',
      exit: 1,
      stderr: /^wget: bad address 'web'\n/,
      outcome: 'dns-timeout',
    },
    { name: 'a port the Service does not have: no rule, the packets are lost', setup: [], cmd: 'kubectl exec client -- nc -zv -w 1 web 81', exit: 1, stderr: /^nc: web \(10\.\d+\.\d+\.\d+:81\): Operation timed out\n/, outcome: 'timeout' },
    { name: 'ping a ClusterIP: 100% packet loss', setup: [], cmd: 'kubectl exec client -- ping -c 2 web', exit: 1, stderr: /^$/, outcome: 'timeout' },
    { name: 'without CoreDNS no name resolves', dns: false, setup: [], cmd: 'kubectl exec client -- wget -qO- web', exit: 1, stderr: /^wget: bad address 'web'\n/, outcome: 'dns-timeout' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = lab({ cni: tc.cni, dns: tc.dns });
      c.runtime.files.set('np.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');
      c.runtime.files.set('egress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: no-egress\nspec:\n  podSelector:\n    matchLabels:\n      run: client\n  policyTypes: [Egress]\n');
      for (const s of tc.setup) ok(c, s);
      c.advance(2000);
      const r = c.run(tc.cmd);
      expect(r.exitCode).toBe(tc.exit === 0 ? 0 : tc.exit);
      expect(r.stderr.replace(/command terminated with exit code \d+\n$/, '')).toMatch(tc.stderr);
      const t = net(c).recentTraces(1)[0];
      expect(t.outcome.kind).toBe(tc.outcome);
      expect(c.runtime.internalErrors).toEqual([]);
    });
  }
});

describe('trace contents', () => {
  it('names the DNS names tried, the kube-proxy decision, the path and the answer', () => {
    const c = lab();
    ok(c, 'kubectl exec client -- wget -qO- web');
    const t = net(c).recentTraces(1)[0];
    expect(t.steps.map((s) => s.kind)).toEqual(['netns', 'dns', 'proxy', 'snat', 'cni', 'policy', 'deliver']);
    expect(t.steps[1].detail).toContain('tried web.default.svc.cluster.local A: NOERROR (1 answer)');
    expect(t.steps[2].title).toMatch(/^kube-proxy \(iptables\) on worker-\d: DNAT → 10\.244\.\d+\.\d+:80$/);
    expect(t.steps[6].title).toMatch(/HTTP 200$/);
    expect(t.totalMs).toBeGreaterThan(0);
    const text = c.run('lab trace --last');
    expect(text.stdout).toMatch(/^Trace #\d+ {2}wget http:\/\/web\/\n {2}from pod default\/client \(10\.244\.\d+\.\d+\)/);
    expect(text.stdout).toMatch(/Result: HTTP 200 in \d+\.\d+ ms\n$/);
  });

  it('a search-list walk: a name with fewer than five dots tries every search domain before the name itself', () => {
    const c = lab();
    c.run('kubectl exec client -- wget -qO- nosuch.example');
    const dns = net(c).recentTraces(1)[0].steps.find((s) => s.kind === 'dns')!;
    expect(dns.detail.slice(1)).toEqual([
      'tried nosuch.example.default.svc.cluster.local A: NXDOMAIN',
      'tried nosuch.example.svc.cluster.local A: NXDOMAIN',
      'tried nosuch.example.cluster.local A: NXDOMAIN',
      'tried nosuch.example A: NXDOMAIN',
    ]);
  });

  it('from outside: NodePorts and LoadBalancer IPs answer and are masqueraded; ClusterIPs do not', () => {
    const c = lab();
    ok(c, 'kubectl expose deployment web --name=lb --port=80 --type=LoadBalancer');
    c.advance(1000);
    const lbIP = c.run('kubectl get svc lb -o jsonpath={.status.loadBalancer.ingress[0].ip}').stdout;
    expect(lbIP).toBe('172.18.255.200');
    expect(c.run(`lab curl http://${lbIP}/`).stdout).toContain('Welcome to nginx!');
    const t = net(c).recentTraces(1)[0];
    expect(t.steps.find((s) => s.kind === 'snat')!.title).toMatch(/^SNAT \(MASQUERADE\) 172\.18\.0\.1 → 172\.18\.0\.\d+$/);
    const nodePort = c.run('kubectl get svc lb -o jsonpath={.spec.ports[0].nodePort}').stdout;
    expect(c.run(`lab curl http://172.18.0.3:${nodePort}/`).stdout).toContain('Welcome to nginx!');
    const clusterIP = c.run('kubectl get svc web -o jsonpath={.spec.clusterIP}').stdout;
    const r = c.run(`lab curl http://${clusterIP}/`);
    expect(r.exitCode).toBe(28);
  });

  it('lab curl --from a pod resolves names with the pod\'s search list', () => {
    const c = lab();
    expect(c.run('lab curl http://web --from client').stdout).toContain('Welcome to nginx!');
    expect(c.run('lab curl http://web').stderr).toBe('curl: (6) Could not resolve host: web\n');
    expect(c.run('lab curl http://web --from nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('keeps a bounded ring of recent traces', () => {
    const c = lab();
    for (let i = 0; i < 205; i++) net(c).httpGet('web.default.svc.cluster.local', 80, '/', '172.18.0.1');
    const all = net(c).recentTraces();
    expect(all.length).toBe(200);
    expect(all[199].id - all[0].id).toBe(199);
  });

  it('ping reaches a pod IP', () => {
    const c = lab();
    const ip = c.run('kubectl get pods -l app=web -o jsonpath={.items[0].status.podIP}').stdout;
    const r = ok(c, `kubectl exec client -- ping -c 1 ${ip}`);
    expect(r.stdout).toMatch(new RegExp(`^PING ${ip.replace(/\./g, '\\.')} \\(${ip.replace(/\./g, '\\.')}\\): 56 data bytes\n64 bytes from ${ip.replace(/\./g, '\\.')}: seq=0 ttl=63 time=\\d+\\.\\d{3} ms\n\n--- `));
  });
});

describe('virtual hosts from inside a pod (Host header, /etc/hosts, --resolve)', () => {
  const c = createCluster({ seed: 1 });
  const setup = [
    'lab addon enable ingress',
    'kubectl create deployment stable --image=hashicorp/http-echo -- /http-echo -text=stable -listen=:80',
    'kubectl expose deployment stable --port=80',
    'kubectl create deployment canary --image=hashicorp/http-echo -- /http-echo -text=canary -listen=:80',
    'kubectl expose deployment canary --port=80',
    `kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: stable, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-canary
  annotations: {nginx.ingress.kubernetes.io/canary: "true", nginx.ingress.kubernetes.io/canary-by-header: X-Canary}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: canary, port: {number: 80}}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  hostAliases: [{ip: 172.18.255.200, hostnames: [shop.example.com]}]
  containers: [{name: c, image: curlimages/curl, command: [sleep, "3600"]}]
EOF`,
  ];
  for (const cmd of setup) ok(c, cmd);
  c.advance(30_000);
  // 172.18.255.200 is the first pool address, given to the ingress-nginx LoadBalancer Service.
  it.each([
    { name: 'Host header to the LoadBalancer IP', cmd: "curl -s -H 'Host: shop.example.com' http://172.18.255.200/", want: 'stable\n' },
    { name: 'canary-by-header from a pod', cmd: "curl -s -H 'Host: shop.example.com' -H 'X-Canary: always' http://172.18.255.200/", want: 'canary\n' },
    { name: 'canary-by-header never', cmd: "curl -s -H 'Host: shop.example.com' -H 'X-Canary: never' http://172.18.255.200/", want: 'stable\n' },
    { name: 'the name from /etc/hosts (hostAliases)', cmd: 'curl -s http://shop.example.com/', want: 'stable\n' },
    { name: 'curl --resolve', cmd: 'curl -s --resolve shop.example.com:80:172.18.255.200 http://shop.example.com/', want: 'stable\n' },
    { name: 'Host header through the controller Service name', cmd: "curl -s -H 'Host: shop.example.com' http://ingress-nginx-controller.ingress-nginx/", want: 'stable\n' },
    { name: 'wget --header', cmd: "wget -qO- --header 'Host: shop.example.com' --header 'X-Canary: always' http://172.18.255.200/", want: 'canary\n' },
  ])('$name', ({ cmd, want }) => {
    expect(ok(c, `kubectl exec client -- ${cmd}`).stdout).toBe(want);
  });
  it('no Host rule matches the bare address: the default server answers 404', () => {
    expect(ok(c, 'kubectl exec client -- curl -s -o /dev/null -w %{http_code} http://172.18.255.200/').stdout).toBe('404');
  });
  it('the trace says where the name came from', () => {
    ok(c, 'kubectl exec client -- curl -s http://shop.example.com/');
    const t = net(c).recentTraces(1)[0];
    expect(t.steps.find((s) => s.kind === 'dns')?.detail).toEqual(['/etc/hosts (spec.hostAliases of the pod): 172.18.255.200 shop.example.com']);
  });
});

// The containers of a pod share the network namespace the pause container holds: localhost reaches them all.
describe('localhost inside a pod', () => {
  const c = createCluster({ seed: 1 });
  ok(c, `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - {name: web, image: nginx}
  - {name: side, image: busybox, command: [sleep, "3600"]}
EOF`);
  c.advance(20_000);
  it.each([
    { name: 'wget localhost reaches the nginx container', cmd: 'wget -qO- localhost', exit: 0, out: /<title>Welcome to nginx!<\/title>/, err: '' },
    { name: '127.0.0.1 on a port nobody listens on is refused', cmd: 'wget -qO- http://127.0.0.1:8080/', exit: 1, out: /^$/, err: "wget: can't connect to remote host (127.0.0.1): Connection refused\ncommand terminated with exit code 1\n" },
    { name: 'nc -zv localhost 80', cmd: 'nc -zv localhost 80', exit: 0, out: /^$/, err: 'localhost (127.0.0.1:80) open\n' },
  ])('$name', ({ cmd, exit, out, err }) => {
    const r = c.run(`kubectl exec two -c side -- ${cmd}`);
    expect(r.exitCode).toBe(exit);
    expect(r.stdout).toMatch(out);
    expect(r.stderr).toBe(err);
  });
  it('the trace shows the loopback hop and no kube-proxy', () => {
    ok(c, 'kubectl exec two -c side -- wget -qO- localhost');
    const kinds = net(c).recentTraces(1)[0].steps.map((s) => s.kind);
    expect(kinds).toEqual(['netns', 'dns', 'netns', 'deliver']);
  });
});
