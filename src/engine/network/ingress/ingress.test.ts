/**
 * Ingress routing: path matching follows the examples table of the Kubernetes Ingress documentation
 * ("Examples" under Path types, also test/e2e/network/ingress.go conformance semantics), precedence and
 * canaries follow ingress-nginx (docs: annotations → Canary; e2e test/e2e/annotations/canary.go).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { createCluster } from '../../index.ts';
import { decideCanary, type CanaryConfig } from './canary.ts';
import { matchLocation, pathMatches, type Server } from './model.ts';
import type { IngressService } from './index.ts';

const cases: Array<{ kind: string; paths: string[]; req: string; want: boolean }> = [
  { kind: 'Prefix', paths: ['/'], req: '/', want: true },
  { kind: 'Prefix', paths: ['/'], req: '/anything', want: true },
  { kind: 'Exact', paths: ['/foo'], req: '/foo', want: true },
  { kind: 'Exact', paths: ['/foo'], req: '/bar', want: false },
  { kind: 'Exact', paths: ['/foo'], req: '/foo/', want: false },
  { kind: 'Exact', paths: ['/foo/'], req: '/foo', want: false },
  { kind: 'Prefix', paths: ['/foo'], req: '/foo', want: true },
  { kind: 'Prefix', paths: ['/foo'], req: '/foo/', want: true },
  { kind: 'Prefix', paths: ['/foo/'], req: '/foo', want: true },
  { kind: 'Prefix', paths: ['/foo/'], req: '/foo/', want: true },
  { kind: 'Prefix', paths: ['/aaa/bb'], req: '/aaa/bbb', want: false },
  { kind: 'Prefix', paths: ['/aaa/bbb'], req: '/aaa/bbb', want: true },
  { kind: 'Prefix', paths: ['/aaa/bbb/'], req: '/aaa/bbb', want: true },
  { kind: 'Prefix', paths: ['/aaa/bbb'], req: '/aaa/bbb/', want: true },
  { kind: 'Prefix', paths: ['/aaa/bbb'], req: '/aaa/bbbxyz', want: false },
  { kind: 'Prefix', paths: ['/aaa/bbb'], req: '/aaa/bbb/ccc', want: true },
  { kind: 'ImplementationSpecific', paths: ['/aaa/bbb'], req: '/aaa/bbbxyz', want: true },
];

describe('path matching (Ingress docs examples table)', () => {
  it.each(cases)('$kind $paths ~ $req → $want', ({ kind, paths, req, want }) => {
    expect(paths.some((p) => pathMatches({ path: p, pathType: kind }, req))).toBe(want);
  });
});

const loc = (path: string, pathType: string) => ({ path, pathType, backend: {}, ingress: `default/${pathType}${path}`, namespace: 'default', source: '' });

describe('location precedence', () => {
  const server: Server = {
    host: 'foo.com',
    locations: [loc('/', 'Prefix'), loc('/aaa', 'Prefix'), loc('/aaa/bbb', 'Prefix'), loc('/foo', 'Prefix'), loc('/foo', 'Exact'), loc('/foo/', 'Prefix')],
  };
  it.each([
    { req: '/aaa/ccc', want: 'Prefix/aaa' },
    { req: '/aaa/bbb/c', want: 'Prefix/aaa/bbb' },
    { req: '/zzz', want: 'Prefix/' },
    { req: '/foo', want: 'Exact/foo' },
    { req: '/foo/x', want: 'Prefix/foo/' },
  ])('$req → $want', ({ req, want }) => {
    expect(matchLocation(server, req)?.ingress).toBe(`default/${want}`);
  });
});

describe('canary decisions', () => {
  const base: CanaryConfig = { enabled: true, weight: 0, weightTotal: 100 };
  const req = (headers: Record<string, string> = {}, cookies: Record<string, string> = {}, roll = 50) => ({ headers, cookies, roll: () => roll });
  it.each([
    { name: 'header always', c: { ...base, header: 'X-Canary' }, r: req({ 'x-canary': 'always' }), want: true },
    { name: 'header never beats weight 100', c: { ...base, header: 'X-Canary', weight: 100 }, r: req({ 'X-Canary': 'never' }), want: false },
    { name: 'other header value falls to weight', c: { ...base, header: 'X-Canary', weight: 100 }, r: req({ 'X-Canary': 'maybe' }), want: true },
    { name: 'header value match', c: { ...base, header: 'Region', headerValue: 'eu' }, r: req({ Region: 'eu' }), want: true },
    { name: 'header value mismatch', c: { ...base, header: 'Region', headerValue: 'eu' }, r: req({ Region: 'us' }), want: false },
    { name: 'cookie always', c: { ...base, cookie: 'canary' }, r: req({}, { canary: 'always' }), want: true },
    { name: 'header before cookie', c: { ...base, header: 'X-Canary', cookie: 'canary' }, r: req({ 'X-Canary': 'never' }, { canary: 'always' }), want: false },
    { name: 'weight: roll below', c: { ...base, weight: 30 }, r: req({}, {}, 29), want: true },
    { name: 'weight: roll at', c: { ...base, weight: 30 }, r: req({}, {}, 30), want: false },
    { name: 'weight 0', c: base, r: req(), want: false },
  ])('$name', ({ c, r, want }) => expect(decideCanary(c, r).canary).toBe(want));
});

const ingress = (name: string, annotations: Record<string, string>, service: string, host = 'foo.com'): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'default', annotations },
  spec: { rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } }] },
});

function labWithIngress(opts: { loadBalancerPool?: false } = {}) {
  const c = createCluster({ seed: 7, ...opts });
  const run = (s: string) => c.run(s);
  expect(run('lab addon enable ingress').exitCode).toBe(0);
  for (const d of ['web', 'canary']) {
    run(`kubectl create deployment ${d} --image=nginx`);
    run(`kubectl expose deployment ${d} --port=80`);
  }
  c.runtime.api.create(ingress('web', {}, 'web'));
  c.runUntilIdle(60_000);
  return { c, run, svc: c.runtime.service<IngressService>('ingress')! };
}

describe('ingress-nginx controller', () => {
  // ingress-nginx's --publish-service: the Service's load-balancer IP when it has one (LoadBalancer from the
  // pool, as on kind with cloud-provider-kind/MetalLB), otherwise the addresses of the nodes it runs on.
  it.each([
    { name: 'LoadBalancer Service: the pool address', opts: {}, address: /172\.18\.255\.200/ },
    { name: 'no pool (NodePort Service): the node address', opts: { loadBalancerPool: false as const }, address: /172\.18\.0\.\d+/ },
  ])('publishes $name', ({ opts, address }) => {
    const { run } = labWithIngress(opts);
    const out = run('kubectl get ing web').stdout;
    expect(out).toMatch(new RegExp(`^NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE\\nweb\\s+nginx\\s+foo\\.com\\s+${address.source}\\s+80\\s+`));
  });

  it('records Sync events and clears the status when the controller goes', () => {
    const { c, run } = labWithIngress();
    expect(run('kubectl describe ing web').stdout).toContain('nginx-ingress-controller  Scheduled for sync');
    run('lab addon disable ingress');
    c.runUntilIdle(60_000);
    expect((c.get('ingress', 'web')!.status as { loadBalancer: unknown }).loadBalancer).toEqual({});
  });

  it('canary-weight 30 sends about 30% of requests to the canary, deterministically per seed', () => {
    const { c, svc } = labWithIngress();
    c.runtime.api.create(
      ingress('web-canary', { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '30' }, 'canary'),
    );
    c.runUntilIdle(10_000);
    const hits = Array.from({ length: 1000 }, () => svc.route('foo.com', '/').backend?.service);
    const canary = hits.filter((h) => h === 'canary').length;
    expect(canary).toBeGreaterThan(250);
    expect(canary).toBeLessThan(350);
    expect(hits.filter((h) => h === 'web').length).toBe(1000 - canary);
    const again = labWithIngress();
    again.c.runtime.api.create(
      ingress('web-canary', { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '30' }, 'canary'),
    );
    again.c.runUntilIdle(10_000);
    const hits2 = Array.from({ length: 1000 }, () => again.svc.route('foo.com', '/').backend?.service);
    expect(hits2).toEqual(hits);
  });

  it('answers 404, 503 and 308 as ingress-nginx does', () => {
    const { c, svc } = labWithIngress();
    expect(svc.route('other.com', '/').status).toBe(404);
    c.runtime.api.create({
      ...ingress('broken', {}, 'missing', 'broken.com'),
      spec: { tls: [{ hosts: ['broken.com'], secretName: 'nope' }], rules: [{ host: 'broken.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'missing', port: { number: 80 } } } }] } }] },
    });
    c.runUntilIdle(10_000);
    const redirect = svc.route('broken.com', '/x');
    expect(redirect.status).toBe(308);
    expect(redirect.headers?.Location).toBe('https://broken.com/x');
    const r = svc.route('broken.com', '/x', {}, { scheme: 'https' });
    expect(r.status).toBe(503);
    expect(r.certificate).toBe('Kubernetes Ingress Controller Fake Certificate');
    expect(r.body).toContain('503 Service Temporarily Unavailable');
    expect(svc.config()).toContain('## start server broken.com');
  });
});

// The bare-metal layout of the ingress-nginx docs: a DaemonSet whose pods publish hostPort 80/443, so every
// node's address answers (through the CNI portmap DNAT), with no NodePort or LoadBalancer in between.
describe('lab addon enable ingress --host-port', () => {
  const c = createCluster({ seed: 7 });
  const run = (s: string) => c.run(s);
  expect(run('lab addon enable ingress --host-port').stdout).toContain('daemonset.apps/ingress-nginx-controller created\n');
  run('kubectl create deployment web --image=hashicorp/http-echo -- /http-echo -text=hello -listen=:80');
  run('kubectl expose deployment web --port=80');
  run('kubectl create ingress site --class=nginx --rule="site.example.com/*=web:80"');
  c.runUntilIdle(60_000);
  c.advance(20_000);
  it('runs one controller pod per worker with hostPort 80 and 443 behind a ClusterIP Service', () => {
    expect(c.list('pods', 'ingress-nginx').map((p) => (p.spec as { nodeName: string }).nodeName).sort()).toEqual(['worker-1', 'worker-2']);
    const ports = (c.get('daemonset', 'ingress-nginx-controller', 'ingress-nginx')!.spec as { template: { spec: { containers: Array<{ ports: Array<{ hostPort?: number }> }> } } }).template.spec.containers[0].ports;
    expect(ports.map((p) => p.hostPort)).toEqual([80, 443, undefined]);
    expect((c.get('service', 'ingress-nginx-controller', 'ingress-nginx')!.spec as { type: string }).type).toBe('ClusterIP');
    expect(run('lab addon list').stdout).toBe('NAME      STATUS\ningress   enabled\n');
  });
  it.each(['172.18.0.3', '172.18.0.4'])('node %s answers for the Ingress host', (ip) => {
    expect(run(`lab curl -H 'Host: site.example.com' http://${ip}/`)).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
  });
  it('the control plane runs no controller pod: nothing listens on its port 80', () => {
    expect(run("lab curl -H 'Host: site.example.com' http://172.18.0.2/").stderr).toBe('curl: (7) Failed to connect to 172.18.0.2 port 80 after 1 ms: Could not connect to server\n');
  });
});
