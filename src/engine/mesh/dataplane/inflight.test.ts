// Circuit-breaker counters (Envoy's upstream_rq_active / pending) drop when a request completes or is reset
// by a timeout (Envoy docs intro/arch_overview/upstream/circuit_breaking; router's timeout resets the
// upstream stream). Requests a waiting client makes one after another never overlap; a load run's do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const apply = (yaml: string) => expect(run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`).stderr).toBe('');
let curl = '';

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 5, nodes: 2 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('lab sample bookinfo');
  run('kubectl apply -f samples/curl/curl.yaml');
  c.advance(60_000);
  curl = c.list('pods', 'default').find((p) => p.metadata.labels?.app === 'curl')!.metadata.name!;
});

beforeEach(() => run('kubectl delete destinationrules,virtualservices --all'));

const BREAKER = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: NAME}\nspec:\n  host: NAME\n  trafficPolicy:\n    connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}}';
const code = (url: string) => run(`kubectl exec ${curl} -c curl -- curl -s -o /dev/null -w '%{http_code}' ${url}`).stdout;

describe('requests in flight end with their request', () => {
  it('after lab load, single requests are not counted as still in flight', () => {
    apply(BREAKER.replaceAll('NAME', 'productpage'));
    const load = run(`lab load http://productpage:9080/productpage --rps 20 --duration 5s -c 2 --from ${curl}`);
    expect(load.exitCode).toBe(0);
    expect([code('http://productpage:9080/productpage'), code('http://productpage:9080/productpage'), code('http://productpage:9080/productpage')]).toEqual(['200', '200', '200']);
  });

  it('requests cut by the route timeout stop counting (istio request-timeouts task)', () => {
    apply(BREAKER.replaceAll('NAME', 'reviews'));
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ratings}\nspec:\n  hosts: [ratings]\n  http:\n  - fault: {delay: {percentage: {value: 100}, fixedDelay: 2s}}\n    route: [{destination: {host: ratings}}]');
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route: [{destination: {host: reviews}}]\n    timeout: 0.5s');
    // reviews-v1 answers at once (200); v2 and v3 wait 2 s for ratings and are cut at 0.5 s (504). None overflows.
    const got = [0, 1, 2, 3, 4, 5].map(() => code('http://reviews:9080/reviews/0'));
    expect(got.filter((x) => x === '504').length).toBeGreaterThanOrEqual(2);
    expect(got.every((x) => x === '504' || x === '200')).toBe(true);
  });
});
