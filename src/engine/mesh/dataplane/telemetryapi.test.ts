// cluster.meshTelemetry(): Istio's standard metrics per edge (istio.io/latest/docs/reference/config/metrics:
// istio_requests_total and istio_request_duration_milliseconds with reporter=source, labelled source_workload,
// source_app, source_version, destination_service, destination_workload, response_code,
// connection_security_policy "mutual_tls").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 3, nodes: 1 });
  expect(c.meshTelemetry()).toEqual([]);
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/httpbin/httpbin.yaml');
  run('kubectl apply -f samples/curl/curl.yaml');
  c.advance(60_000);
});

describe('cluster.meshTelemetry', () => {
  it('is empty before traffic', () => expect(c.meshTelemetry()).toEqual([]));

  it('counts requests, errors and mTLS per source workload → destination service', () => {
    for (let i = 0; i < 3; i++) run('kubectl exec deploy/curl -- curl -s http://httpbin:8000/get');
    run('kubectl exec deploy/curl -- curl -s http://httpbin:8000/status/500');
    const edges = c.meshTelemetry();
    expect(edges).toHaveLength(1);
    const e = edges[0];
    expect(e.source).toEqual({ workload: 'curl', namespace: 'default', app: 'curl' });
    // destination_app / destination_version: the endpoint's canonical service and revision (its app and version labels).
    expect(e.destination).toEqual({ service: 'httpbin.default.svc.cluster.local', workload: 'httpbin', namespace: 'default', app: 'httpbin', version: 'v1' });
    // Istio's default route for the host (no VirtualService): route "default", no subset.
    expect(e.route).toEqual({ name: 'default' });
    expect(e.protocol).toBe('http');
    // Istio's default retry policy (retriable-status-codes 503, connect-failure…) does not retry a 500.
    expect(e.requests).toBe(4);
    expect(e.codes).toEqual({ 200: 3, 500: 1 });
    expect(e.errorRate).toBe(0.25);
    expect(e.mtls).toBe(true);
    expect(e.p50).toBeGreaterThan(0);
    expect(e.p50).toBeLessThanOrEqual(e.p90);
    expect(e.p90).toBeLessThanOrEqual(e.p99);
  });

  it('a local reply (no healthy upstream) is reported against the destination service', () => {
    run('kubectl scale deploy/httpbin --replicas=0');
    c.advance(40_000);
    run('kubectl exec deploy/curl -- curl -s http://httpbin:8000/get');
    const e = c.meshTelemetry().find((x) => x.destination.workload === 'httpbin' && x.destination.namespace === 'default' && x.codes['503']);
    expect(e?.destination.service).toBe('httpbin.default.svc.cluster.local');
    run('kubectl scale deploy/httpbin --replicas=1');
    c.advance(40_000);
  });

  it('forgets samples older than a minute (rps 0, counts kept)', () => {
    c.advance(120_000);
    const e = c.meshTelemetry()[0];
    expect(e.rps).toBe(0);
    expect(e.requests).toBeGreaterThanOrEqual(4);
  });
});

// The route a request took at the source proxy (Istio's traffic-management task "Request routing": with
// virtual-service-all-v1.yaml every reviews request goes to subset v1 of destination-rule-all.yaml).
describe('cluster.meshTelemetry routes (bookinfo)', () => {
  let b: ReturnType<typeof createCluster>;
  beforeAll(() => {
    b = createCluster({ seed: 5, nodes: 2 });
    for (const line of ['istioctl install --set profile=demo -y', 'kubectl label namespace default istio-injection=enabled', 'lab sample bookinfo', 'kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml']) b.run(line);
    b.advance(60_000);
  });
  afterAll(() => expect(b.runtime.internalErrors).toEqual([]));
  const gw = () => b.run("kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").stdout;
  const reviews = () => b.meshTelemetry().filter((e) => e.destination.app === 'reviews');

  const cases: Array<{ name: string; apply: string[]; want: { versions: string[]; route?: { virtualService?: string; name: string; subset?: string } } }> = [
    { name: 'without a VirtualService: round robin over v1, v2 and v3 by the default route', apply: [], want: { versions: ['v1', 'v2', 'v3'], route: { name: 'default' } } },
    {
      name: 'virtual-service-all-v1: subset v1 of VirtualService reviews',
      apply: ['samples/bookinfo/networking/destination-rule-all.yaml', 'samples/bookinfo/networking/virtual-service-all-v1.yaml'],
      want: { versions: ['v1'], route: { virtualService: 'reviews.default', name: '#0', subset: 'v1' } },
    },
  ];
  it.each(cases)('$name', ({ apply, want }) => {
    for (const f of apply) b.run(`kubectl apply -f ${f}`);
    b.advance(61_000);
    b.run(`lab load http://${gw()}/productpage --rps 10 --duration 3s`);
    const live = reviews().filter((e) => e.rps > 0);
    expect(live.map((e) => e.destination.version).sort()).toEqual(want.versions);
    for (const e of live) {
      expect(e.source).toMatchObject({ workload: 'productpage-v1', app: 'productpage', version: 'v1' });
      expect(e.destination.workload).toBe(`reviews-${e.destination.version}`);
      expect(e.route).toEqual(want.route);
    }
  });
});
