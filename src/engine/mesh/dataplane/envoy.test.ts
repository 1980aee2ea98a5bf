// VirtualService features as Envoy carries them out (istio.io/latest/docs/reference/config/networking/
// virtual-service: rewrite, redirect, mirror; destination-rule: consistentHash) and egress control
// (tasks/traffic-management/egress/egress-control: ALLOW_ANY vs REGISTRY_ONLY, ServiceEntry).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { createCluster } from '../../index.ts';
import type { NetworkService } from '../../network/traffic/index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const apply = (yaml: string) => expect(run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');

function get(url: string, headers: Record<string, string> = {}) {
  const net = c.runtime.service<NetworkService>('network')!;
  const p = c.list('pods', 'default').find((x) => x.metadata.labels?.app === 'curl')! as unknown as Pod;
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url)!;
  const r = net.connect({ kind: 'pod', pod: p, ip: p.status!.podIP!, node: p.spec!.nodeName }, { host: m[1], port: Number(m[2] ?? 80), path: m[3] ?? '/', app: 'http', tool: 'curl', headers, at: 0 });
  return { kind: r.outcome.kind, status: r.outcome.kind === 'http' ? r.outcome.status : 0, body: r.outcome.kind === 'http' ? r.outcome.body : '', steps: r.trace.steps.map((s) => s.title) };
}

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 5, nodes: 2 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/curl/curl.yaml');
  apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: echo}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: echo}}\n  template:\n    metadata: {labels: {app: echo, version: v1}}\n    spec: {containers: [{name: echo, image: registry.k8s.io/echoserver:1.10, ports: [{containerPort: 8080}]}]}');
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: echo}\nspec:\n  selector: {app: echo}\n  ports: [{name: http, port: 80, targetPort: 8080}]');
  c.advance(60_000);
});

beforeEach(() => run('kubectl delete virtualservices,destinationrules,serviceentries --all'));

describe('VirtualService actions', () => {
  it('rewrite uri: the app sees the rewritten path', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: echo}\nspec:\n  hosts: [echo]\n  http:\n  - match: [{uri: {prefix: /old}}]\n    rewrite: {uri: /new}\n    route: [{destination: {host: echo}}]');
    expect(get('http://echo/old/page').body).toContain('real path=/new/page');
  });

  it('redirect: 301 without reaching the app', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: echo}\nspec:\n  hosts: [echo]\n  http:\n  - match: [{uri: {exact: /moved}}]\n    redirect: {uri: /here, authority: echo.example.com}\n  - route: [{destination: {host: echo}}]');
    const r = get('http://echo/moved');
    expect([r.status, r.body]).toEqual([301, '']);
    expect(r.steps.some((s) => s.includes('redirect 301 http://echo.example.com/here'))).toBe(true);
  });

  it('mirror: a copy goes to the mirror, its answer is discarded', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: echo}\nspec:\n  hosts: [echo]\n  http:\n  - route: [{destination: {host: echo}}]\n    mirror: {host: echo}\n    mirrorPercentage: {value: 100}');
    const r = get('http://echo/');
    expect(r.status).toBe(200);
    expect(r.steps.some((s) => s.includes('mirror → outbound|80||echo.default.svc.cluster.local (answer 200 discarded)'))).toBe(true);
  });

  it('no matching route: 404 (NR)', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: echo}\nspec:\n  hosts: [echo]\n  http:\n  - match: [{uri: {prefix: /only}}]\n    route: [{destination: {host: echo}}]');
    expect(get('http://echo/else').status).toBe(404);
  });

  it('consistentHash on a header keeps a user on one pod', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: echo}\nspec:\n  host: echo\n  trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user}}}');
    const host = (u: string) => /Hostname: (\S+)/.exec(get('http://echo/', { 'x-user': u }).body)?.[1];
    for (const u of ['ann', 'bob', 'cy']) {
      const first = host(u);
      for (let i = 0; i < 5; i++) expect(host(u)).toBe(first);
    }
    const spread = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(host));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('ROUND_ROBIN visits every pod in turn', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: echo}\nspec:\n  host: echo\n  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}');
    const seen = [0, 1, 2, 3, 4, 5].map(() => /Hostname: (\S+)/.exec(get('http://echo/').body)?.[1]);
    expect(new Set(seen.slice(0, 3)).size).toBe(3);
    expect(seen.slice(3)).toEqual(seen.slice(0, 3));
  });
});

describe('egress (outboundTrafficPolicy)', () => {
  const mode = (m: string) => run(`kubectl patch configmap istio -n istio-system --type merge -p '{"data":{"mesh":"outboundTrafficPolicy:\\n  mode: ${m}\\n"}}'`);
  it('ALLOW_ANY: an external host passes through (PassthroughCluster)', () => {
    mode('ALLOW_ANY');
    const r = get('http://example.com/');
    expect(r.status).toBe(200);
    expect(r.steps.some((s) => s.includes('PassthroughCluster'))).toBe(true);
  });
  it('REGISTRY_ONLY: 502 from the block_all route', () => {
    mode('REGISTRY_ONLY');
    const r = get('http://example.com/');
    expect(r.status).toBe(502);
  });
  it('REGISTRY_ONLY with a ServiceEntry: allowed again', () => {
    mode('REGISTRY_ONLY');
    apply('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: example}\nspec:\n  hosts: [example.com]\n  ports: [{number: 80, name: http, protocol: HTTP}]\n  resolution: DNS\n  location: MESH_EXTERNAL');
    const r = get('http://example.com/');
    expect(r.status).toBe(200);
    expect(r.steps.some((s) => s.includes('outbound|80||example.com'))).toBe(true);
    mode('ALLOW_ANY');
  });
});
