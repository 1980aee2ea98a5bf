// samples/httpbin with Istio's request-timeout and header tasks (istio.io/latest/docs/tasks/traffic-management/
// request-timeouts; virtual-service Headers: request set/add/remove reach the upstream).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 3, nodes: 1 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl apply -f samples/httpbin/httpbin.yaml');
  run('kubectl apply -f samples/curl/curl.yaml');
  c.advance(60_000);
});

describe('httpbin through the mesh', () => {
  it('headers set by the VirtualService reach the app; removed ones do not', () => {
    run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: httpbin}\nspec:\n  hosts: [httpbin]\n  http:\n  - headers:\n      request:\n        set: {x-lab: hello}\n        remove: [x-drop]\n    route: [{destination: {host: httpbin}}]\nEOF');
    const out = run("kubectl exec deploy/curl -- curl -s -H 'x-drop: 1' http://httpbin:8000/headers").stdout;
    expect(out).toContain('"X-Lab": [\n      "hello"\n    ]');
    expect(out).not.toContain('X-Drop');
    expect(out).toContain('"X-Request-Id"');
  });

  const cases = [
    { name: 'no timeout: /delay/2 answers after 2 s', timeout: undefined, want: 200 },
    { name: 'timeout 1s: /delay/2 gets 504 after 1 s', timeout: '1s', want: 504 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      run(`kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: httpbin}\nspec:\n  hosts: [httpbin]\n  http:\n  - route: [{destination: {host: httpbin}}]\n${tc.timeout ? `    timeout: ${tc.timeout}\n` : ''}EOF`);
      const r = run('kubectl exec deploy/curl -- curl -s -o /dev/null -w "%{http_code}" http://httpbin:8000/delay/2');
      expect(r.stdout).toBe(String(tc.want));
    });
  }

  // Envoy retry semantics (config/route/v3 RetryPolicy, x-envoy-retry-on): the attempts the upstream sees.
  const retries = [
    { name: "Istio's default policy retries a 503 twice", retries: undefined, path: '/status/503', status: 503, attempts: 3 },
    { name: 'attempts: 0 disables retries', retries: '{attempts: 0}', path: '/status/503', status: 503, attempts: 1 },
    { name: 'retryOn 5xx retries a 500', retries: '{attempts: 3, retryOn: 5xx}', path: '/status/500', status: 500, attempts: 4 },
    { name: 'retryOn gateway-error does not retry a 500', retries: '{attempts: 3, retryOn: gateway-error}', path: '/status/500', status: 500, attempts: 1 },
    { name: 'retryOn retriable-4xx retries a 409', retries: '{attempts: 2, retryOn: retriable-4xx}', path: '/status/409', status: 409, attempts: 3 },
    { name: 'a 404 is never retried', retries: '{attempts: 3, retryOn: 5xx}', path: '/status/404', status: 404, attempts: 1 },
    { name: 'perTryTimeout: each try times out, 504', retries: '{attempts: 2, perTryTimeout: 0.5s, retryOn: 5xx}', path: '/delay/1', status: 504, attempts: 3 },
  ];
  for (const tc of retries) {
    it(`retries: ${tc.name}`, () => {
      run(`kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: httpbin}\nspec:\n  hosts: [httpbin]\n  http:\n  - route: [{destination: {host: httpbin}}]\n${tc.retries ? `    retries: ${tc.retries}\n` : ''}EOF`);
      const r = run(`kubectl exec deploy/curl -- curl -s -o /dev/null -w "%{http_code}" http://httpbin:8000${tc.path}`);
      expect(r.stdout).toBe(String(tc.status));
      const net = c.runtime.service<{ recentTraces(n: number): Array<{ steps: Array<{ title: string; kind: string }> }> }>('network')!;
      const t = net.recentTraces(1)[0];
      // An answered try ends in the app's hop; a timed-out one in Envoy's per-try timeout.
      expect(t.steps.filter((st) => st.kind === 'deliver' || st.title.startsWith('per-try timeout')).length).toBe(tc.attempts);
    });
  }
});
