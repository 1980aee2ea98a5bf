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
    expect(e.destination).toEqual({ service: 'httpbin.default.svc.cluster.local', workload: 'httpbin', namespace: 'default' });
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
