import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';
import { evaluateCheck, validateCheck } from './index.ts';

describe('mesh, proxyConfig and request (pod, last, fromNamespace) arguments', () => {
  const cases: Array<{ name: string; spec: unknown; want: string[] }> = [
    { name: 'mesh with a destination', spec: { mesh: { to: 'reviews-v1' } }, want: [] },
    { name: 'mesh needs a workload', spec: { mesh: { code: 503 } }, want: ['give the source workload (from), the destination workload (to) or both'] },
    { name: 'mesh code is a status', spec: { mesh: { to: 'httpbin', code: 'oops' } }, want: ['code is an HTTP status (503) or reset'] },
    { name: 'mesh takes one comparison', spec: { mesh: { to: 'httpbin', gte: 1, lte: 3 } }, want: ['give at most one of equals, gte, lte'] },
    { name: 'proxyConfig needs a comparison', spec: { proxyConfig: { selector: 'app=curl' } }, want: ['give exactly one of equals, gte, lte'] },
    { name: 'proxyConfig bad selector', spec: { proxyConfig: { selector: 'app in (', lte: 10 } }, want: ['bad selector'] },
    { name: 'request pod is a regex', spec: { request: { to: 'reviews', result: 'ok', pod: '(' } }, want: ['bad regular expression'] },
    { name: 'request last is a count', spec: { request: { to: 'reviews', result: 'ok', last: 0 } }, want: ['last must be a whole number ≥ 1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = validateCheck(c.spec).map((p) => p.message);
      expect(got.length).toBe(c.want.length);
      c.want.forEach((w, i) => expect(got[i]).toContain(w));
    });
  }
});

describe('mesh predicates on Bookinfo', () => {
  // Istio's Bookinfo tasks (istio.io "Request Routing", "Traffic Shifting", "Fault Injection", "Circuit Breaking"):
  // without a VirtualService reviews v1–v3 all serve; virtual-service-all-v1 sends everything to v1; an injected
  // abort answers 500 from the caller's sidecar; connectionPool limits overflow with 503.
  const cluster: Cluster = createCluster({ seed: 1 });
  for (const l of ['istioctl install --set profile=demo -y', 'kubectl label namespace default istio-injection=enabled', 'lab sample bookinfo', 'lab sample curl', 'lab sample httpbin', 'sleep 30']) {
    cluster.run(l);
  }
  const ev = (spec: unknown) => evaluateCheck({ rt: cluster.runtime }, spec).pass;
  const steps: Array<{ name: string; run: string[]; spec: unknown; want: boolean }> = [
    { name: 'no traffic yet', run: [], spec: { mesh: { from: 'productpage-v1', to: 'reviews-v1' } }, want: false },
    { name: 'no curl → reviews requests yet', run: [], spec: { request: { fromSelector: 'app=curl', to: 'reviews', result: 'ok', pod: '/reviews-v1-', last: 1 } }, want: false },
    {
      name: 'productpage calls every reviews version',
      run: ['lab load http://productpage:9080/productpage --from $(kubectl get pod -l app=curl -o jsonpath={.items[0].metadata.name}) --rps 10 --duration 3s'],
      spec: { all: [{ mesh: { from: 'productpage-v1', to: 'reviews-v1' } }, { mesh: { from: 'productpage-v1', to: 'reviews-v2' } }, { mesh: { from: 'default/productpage-v1', to: 'default/reviews-v3', mtls: true } }] },
      want: true,
    },
    { name: 'telemetry is per edge', run: [], spec: { mesh: { from: 'curl', to: 'reviews-v1' } }, want: false },
    { name: 'mixed versions are not all v1', run: [], spec: { request: { fromSelector: 'app=productpage', to: 'reviews', result: 'ok', pod: '/reviews-v1-', last: 10 } }, want: false },
    {
      name: 'after virtual-service-all-v1 the last requests are all v1',
      run: [
        'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml',
        'kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml',
        'lab load http://productpage:9080/productpage --from $(kubectl get pod -l app=curl -o jsonpath={.items[0].metadata.name}) --rps 10 --duration 3s',
      ],
      spec: { request: { fromSelector: 'app=productpage', to: 'reviews', result: 'ok', pod: '/reviews-v1-', last: 10 } },
      want: true,
    },
    {
      // The client's request ends after the app's own calls, so its trace is logged after theirs: still recorded.
      name: 'a request whose answer made calls of its own is recorded',
      run: ['kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml', "kubectl exec deploy/curl -- curl -s -H 'end-user: jason' http://reviews:9080/reviews/0"],
      spec: { request: { fromSelector: 'app=curl', to: 'reviews', result: 'ok', pod: '/reviews-v2-' } },
      want: true,
    },
    { name: 'fromNamespace', run: [], spec: { request: { fromNamespace: 'legacy', to: 'reviews', result: 'ok' } }, want: false },
    { name: 'no 500 yet', run: [], spec: { mesh: { from: 'reviews-v2', code: 500 } }, want: false },
    {
      name: 'an injected abort is a 500 from the caller, against the service',
      run: ['kubectl apply -f samples/bookinfo/networking/virtual-service-ratings-test-abort.yaml', "kubectl exec deploy/curl -- curl -s -H 'end-user: jason' http://productpage:9080/productpage"],
      spec: { all: [{ mesh: { from: 'reviews-v2', to: 'ratings', code: 500, equals: 1 } }, { mesh: { from: 'reviews-v2', to: 'ratings', mtls: false } }] },
      want: true,
    },
    {
      name: 'connectionPool overflow answers 503',
      run: [
        'kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: httpbin\nspec:\n  host: httpbin\n  trafficPolicy:\n    connectionPool:\n      tcp: {maxConnections: 1}\n      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}\nEOF',
        'lab load http://httpbin:8000/get --from $(kubectl get pod -l app=curl -o jsonpath={.items[0].metadata.name}) --rps 0 --duration 200ms -c 3',
      ],
      spec: { mesh: { from: 'curl', to: 'httpbin', code: 503, gte: 10 } },
      want: true,
    },
  ];
  for (const s of steps) {
    it(s.name, () => {
      for (const l of s.run) expect(cluster.run(l).exitCode).toBe(0);
      expect(ev(s.spec)).toBe(s.want);
    });
  }

  it('proxyConfig: a Sidecar limited to its own namespace shrinks the config', () => {
    // istio.io "Sidecar": egress hosts "./*" and "istio-system/*" keep only those namespaces' services.
    cluster.run('kubectl create namespace other');
    cluster.run('kubectl create deployment a --image=nginx:1.27 -n other');
    cluster.run('kubectl expose deployment a --port=80 -n other');
    const size = () => Number(/has (\d+) lines/.exec(evaluateCheck({ rt: cluster.runtime }, { proxyConfig: { selector: 'app=curl', gte: 0 } }).detail)?.[1]);
    const before = size();
    expect(before).toBeGreaterThan(1000);
    expect(ev({ proxyConfig: { selector: 'app=curl', lte: before - 1 } })).toBe(false);
    cluster.run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: default\nspec:\n  egress:\n  - hosts: ["./*", "istio-system/*"]\nEOF');
    expect(size()).toBeLessThan(before);
    expect(ev({ proxyConfig: { selector: 'app=curl', lte: before - 1 } })).toBe(true);
    expect(ev({ proxyConfig: { selector: 'app=nope', gte: 0 } })).toBe(false);
    expect(cluster.runtime.internalErrors).toEqual([]);
  });
});

describe('request results through a STRICT sidecar', () => {
  // istio.io "Mutual TLS Migration": with STRICT, a client without a sidecar gets "curl: (56) Recv failure:
  // Connection reset by peer" — a reset connection (failed), not a NetworkPolicy drop (denied).
  const cluster: Cluster = createCluster({ seed: 1 });
  for (const l of ['istioctl install --set profile=demo -y', 'kubectl label namespace default istio-injection=enabled', 'lab sample httpbin', 'kubectl create namespace legacy', 'lab sample curl -n legacy', 'sleep 30']) cluster.run(l);
  const ev = (spec: unknown) => evaluateCheck({ rt: cluster.runtime }, spec).pass;
  it('plaintext is accepted while PERMISSIVE', () => {
    cluster.run('kubectl exec -n legacy deploy/curl -- curl -sS http://httpbin.default:8000/get');
    expect(ev({ request: { fromNamespace: 'legacy', to: 'httpbin.default', result: 'ok', status: 200 } })).toBe(true);
    expect(ev({ mesh: { from: 'unknown', to: 'httpbin', mtls: false } })).toBe(true);
  });
  it('STRICT resets plaintext: failed, not denied', () => {
    cluster.run('kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\nspec:\n  mtls:\n    mode: STRICT\nEOF');
    expect(cluster.run('kubectl exec -n legacy deploy/curl -- curl -sS http://httpbin.default:8000/get').exitCode).toBe(56);
    expect(ev({ request: { fromNamespace: 'legacy', to: 'httpbin.default', result: 'failed', last: 1 } })).toBe(true);
    expect(ev({ request: { fromNamespace: 'legacy', to: 'httpbin.default', result: 'denied' } })).toBe(false);
    expect(cluster.runtime.internalErrors).toEqual([]);
  });
});

describe('mesh predicates without Istio', () => {
  const cluster: Cluster = createCluster({ seed: 1 });
  const r = (spec: unknown) => evaluateCheck({ rt: cluster.runtime }, spec);
  it('mesh fails with a reason', () => expect(r({ mesh: { to: 'x' } })).toEqual({ pass: false, detail: 'Istio is not installed' }));
  it('proxyConfig fails with a reason', () => expect(r({ proxyConfig: { selector: 'app=x', lte: 1 } })).toEqual({ pass: false, detail: 'Istio is not installed' }));
});
