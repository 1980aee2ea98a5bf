// Circuit breaking and outlier detection as istio.io/latest/docs/tasks/traffic-management/circuit-breaking
// and Envoy's outlier detection docs (intro/arch_overview/upstream/outlier) describe them, and the fortio
// report of `lab load URL`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { DATAPLANE_SERVICE, type Dataplane } from './dataplane.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const apply = (yaml: string) => expect(run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');
let curl = '';

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 11, nodes: 2 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('lab sample bookinfo');
  run('kubectl apply -f samples/curl/curl.yaml');
  // "flaky": one good pod (details) and one whose container does not listen on the target port.
  apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: flaky-bad}\nspec:\n  selector: {matchLabels: {app: flaky, version: bad}}\n  template:\n    metadata: {labels: {app: flaky, version: bad}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}');
  apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: flaky-good}\nspec:\n  selector: {matchLabels: {app: flaky, version: good}}\n  template:\n    metadata: {labels: {app: flaky, version: good}}\n    spec: {containers: [{name: details, image: docker.io/istio/examples-bookinfo-details-v1:1.20.1, ports: [{containerPort: 9080}]}]}');
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: flaky}\nspec:\n  selector: {app: flaky}\n  ports: [{name: http, port: 9080}]');
  c.advance(60_000);
  curl = c.list('pods', 'default').find((p) => p.metadata.labels?.app === 'curl')!.metadata.name!;
});

beforeEach(() => {
  run('kubectl delete destinationrules,virtualservices --all');
});

describe('lab load URL (fortio)', () => {
  it('reports calls, qps, aggregated time, percentiles and codes', () => {
    const r = run(`lab load http://productpage:9080/productpage --rps 50 --duration 10s -c 5 --from ${curl}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Fortio 1\.63\.7 running at 50 queries per second, 2->2 procs, for 10s: http:\/\/productpage:9080\/productpage\n/);
    expect(r.stdout).toMatch(/\nEnded after 9\.9\d+s : 500 calls\. qps=50\.\d+\n/);
    expect(r.stdout).toMatch(/\nAggregated Function Time : count 500 avg 0\.0\d+ \+\/- [\d.]+ min [\d.]+ max [\d.]+ sum [\d.]+\n/);
    expect(r.stdout).toMatch(/\n# target 50% 0\.0\d+\n# target 75% [\d.]+\n# target 90% [\d.]+\n# target 99% [\d.]+\n/);
    expect(r.stdout).toContain('\nCode 200 : 500 (100.0 %)\n');
  });

  it('the HPA form still works (dispatch by argument shape)', () => {
    expect(run('lab load deployment/details-v1 --cpu 300m').stdout).toBe('deployment.apps/details-v1: load set to cpu 300m\n');
    run('lab load deployment/details-v1 --off');
  });

  it('lab mesh stats shows the edges with mTLS and latency', () => {
    run(`lab load http://productpage:9080/productpage --rps 20 --duration 2s -c 2 --from ${curl}`);
    const out = run('lab mesh stats').stdout;
    expect(out.split('\n')[0]).toMatch(/^SOURCE\s+DESTINATION\s+REQUESTS\s+RPS\s+ERRORS\s+P50\s+P90\s+P99\s+MTLS\s+CODES$/);
    expect(out).toMatch(/\ncurl\.default\s+productpage-v1\.default\s+\d+\s+[\d.]+\s+0\.0%\s+[\d.]+ms\s+[\d.]+ms\s+[\d.]+ms\s+yes\s+200:\d+\n/);
    expect(out).toMatch(/\nproductpage-v1\.default\s+details-v1\.default\s/);
    const edges = c.runtime.service<Dataplane>(DATAPLANE_SERVICE)!.telemetry.edgesAt(c.runtime.clock.nowUnixMs());
    expect(edges.find((e) => e.source.workload === 'productpage-v1' && e.destination.workload === 'reviews-v1')?.mtls).toBe(true);
  });
});

describe('circuit breaking (DestinationRule connectionPool)', () => {
  const cases = [
    { name: '1 connection: no overflow', connections: 1, overflow: false },
    { name: '3 connections against maxConnections 1 + http1MaxPendingRequests 1: some 503 UO', connections: 3, overflow: true },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: details}\nspec:\n  host: details\n  trafficPolicy:\n    connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}}');
      const r = run(`lab load http://details:9080/details/0 --rps 0 --duration 300ms -c ${tc.connections} --from ${curl}`);
      expect(r.stdout.includes('Code 503')).toBe(tc.overflow);
      expect(r.stdout).toMatch(/Code 200 : \d+/);
    });
  }

  it('the overflow answer and flag', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: details}\nspec:\n  host: details\n  trafficPolicy:\n    connectionPool: {http: {http2MaxRequests: 1}}');
    run(`lab load http://details:9080/details/0 --rps 0 --duration 100ms -c 4 --from ${curl}`);
    const t = c.runtime.service<{ recentTraces(n: number): Array<{ outcome: { kind: string; status?: number; body?: string }; steps: Array<{ title: string }> }> }>('network')!.recentTraces(200);
    const overflow = t.find((x) => x.outcome.status === 503)!;
    expect(overflow.outcome.body).toBe('upstream connect error or disconnect/reset before headers. reset reason: overflow');
    expect(overflow.steps.some((s) => s.title.includes('circuit breaker open') && s.title.endsWith('503 (UO)'))).toBe(true);
  });
});

describe('outlier detection', () => {
  it('ejects the failing host after consecutive5xxErrors, for baseEjectionTime × ejections, then brings it back', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: flaky}\nspec:\n  host: flaky\n  trafficPolicy:\n    loadBalancer: {simple: ROUND_ROBIN}\n    outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}');
    const badIP = c.list('pods', 'default').find((p) => p.metadata.labels?.version === 'bad')!.status as { podIP: string };
    const net = c.runtime.service<{ recentTraces(n: number): Array<{ steps: Array<{ title: string }> }> }>('network')!;
    const hitsBad = () => net.recentTraces(1)[0].steps.filter((s) => s.title.includes(`→ ${badIP.podIP}:9080`)).length;
    const send = () => run(`lab curl http://flaky:9080/details/0 --from ${curl}`);
    // The first requests reach the bad host once (default retries move to the good one), which ejects it.
    let bad = 0;
    for (let i = 0; i < 4; i++) {
      expect(send().stdout).toContain('William Shakespeare');
      bad += hitsBad();
    }
    expect(bad).toBe(1);
    // While ejected the bad host gets nothing.
    for (let i = 0; i < 10; i++) {
      send();
      expect(hitsBad()).toBe(0);
    }
    // After baseEjectionTime (30 s) it returns, fails again and is ejected for 2 × 30 s.
    run('sleep 31');
    let back = 0;
    for (let i = 0; i < 4; i++) {
      send();
      back += hitsBad();
    }
    expect(back).toBe(1);
    run('sleep 31');
    for (let i = 0; i < 4; i++) {
      send();
      expect(hitsBad()).toBe(0);
    }
  });
});
