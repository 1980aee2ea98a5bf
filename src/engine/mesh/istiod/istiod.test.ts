// istiod's xDS output. Cluster names follow model.BuildSubsetKey (outbound|PORT|SUBSET|HOST); routes follow
// the VirtualService semantics of istio.io/latest/docs/reference/config/networking/virtual-service (first
// match wins, one Envoy route per HTTPRoute match, weighted clusters, Istio's default retry policy).
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { Cluster, IstiodService, ProxyConfig } from '../envoy/types.ts';
import { configDumpLines } from './size.ts';

let c: ReturnType<typeof createCluster>;
const apply = (yaml: string) => {
  const r = c.run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  expect(r.stderr).toBe('');
};
const podOf = (app: string, ns = 'default') => c.list('pods', ns).find((p) => p.metadata.labels?.app === app)!.metadata.name!;
const config = (app: string): ProxyConfig => c.runtime.service<IstiodService>('istiod')!.configFor('default', podOf(app))!;

beforeAll(() => {
  c = createCluster({ seed: 4, nodes: 2 });
  c.run('istioctl install --set profile=default -y');
  c.run('kubectl label namespace default istio-injection=enabled');
  for (const v of ['v1', 'v2']) {
    apply(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: reviews-${v}}\nspec:\n  selector: {matchLabels: {app: reviews, version: ${v}}}\n  template:\n    metadata: {labels: {app: reviews, version: ${v}}}\n    spec: {containers: [{name: reviews, image: nginx, ports: [{containerPort: 9080}]}]}`);
  }
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\nspec:\n  selector: {app: reviews}\n  ports: [{name: http, port: 9080}]');
  apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: productpage}\nspec:\n  selector: {matchLabels: {app: productpage}}\n  template:\n    metadata: {labels: {app: productpage}}\n    spec: {containers: [{name: p, image: nginx, ports: [{containerPort: 9080}]}]}');
  apply('apiVersion: v1\nkind: Service\nmetadata: {name: productpage}\nspec:\n  selector: {app: productpage}\n  ports: [{name: http, port: 9080}]');
  c.advance(30_000);
});

describe('clusters', () => {
  it('one outbound cluster per service port and subset, named as Istio names them', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1}}\n    outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}\n  subsets:\n  - {name: v1, labels: {version: v1}}\n  - {name: v2, labels: {version: v2}, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}}');
    const cfg = config('productpage');
    const names = cfg.clusters.map((x) => x.name).filter((n) => n.includes('reviews'));
    expect(names).toEqual(['outbound|9080||reviews.default.svc.cluster.local', 'outbound|9080|v1|reviews.default.svc.cluster.local', 'outbound|9080|v2|reviews.default.svc.cluster.local']);
    const byName = new Map<string, Cluster>(cfg.clusters.map((x) => [x.name, x]));
    const v1 = byName.get('outbound|9080|v1|reviews.default.svc.cluster.local')!;
    expect(v1.lbPolicy).toBe('LEAST_REQUEST');
    expect(v1.circuitBreakers?.thresholds[0]).toMatchObject({ maxConnections: 1, maxPendingRequests: 1 });
    expect(v1.outlierDetection).toEqual({ consecutive5xx: 1, enforcingConsecutive5xx: 100, interval: '1s', baseEjectionTime: '180s', maxEjectionPercent: 100, enforcingSuccessRate: 0 });
    expect(byName.get('outbound|9080|v2|reviews.default.svc.cluster.local')!.lbPolicy).toBeUndefined();
    expect(v1.metadata?.filterMetadata.istio.config).toBe('/apis/networking.istio.io/v1/namespaces/default/destination-rule/reviews');
    // Subset endpoints: only the pods with the subset's labels.
    const eps = (n: string) => cfg.endpoints.find((e) => e.clusterName === n)!.endpoints.flatMap((l) => l.lbEndpoints).length;
    expect([eps('outbound|9080||reviews.default.svc.cluster.local'), eps('outbound|9080|v1|reviews.default.svc.cluster.local')]).toEqual([2, 1]);
    expect(cfg.clusters.some((x) => x.name === 'inbound|9080||')).toBe(true);
  });
});

describe('routes', () => {
  it('without a VirtualService: one default route with the default retry policy', () => {
    const rc = config('productpage').routes.find((r) => r.name === '9080')!;
    const vh = rc.virtualHosts.find((v) => v.name === 'reviews.default.svc.cluster.local:9080')!;
    expect(vh.domains).toEqual(['reviews.default.svc.cluster.local', 'reviews', 'reviews.default.svc', 'reviews.default', expect.stringMatching(/^10\./)]);
    expect(vh.routes).toHaveLength(1);
    expect(vh.routes[0].route?.retryPolicy).toMatchObject({ retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', numRetries: 2, retriableStatusCodes: [503] });
    expect(rc.virtualHosts.at(-1)!.name).toBe('allow_any');
  });
  it('a VirtualService: matches in order, weighted subsets, timeout, retries, fault', () => {
    apply(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - name: jason
    match:
    - headers: {end-user: {exact: jason}}
    - uri: {regex: "^/api/v[0-9]+"}
    fault: {delay: {fixedDelay: 7s, percentage: {value: 50}}}
    route: [{destination: {host: reviews, subset: v2}}]
  - route:
    - {destination: {host: reviews, subset: v1}, weight: 75}
    - {destination: {host: reviews, subset: v2}, weight: 25}
    timeout: 0.5s
    retries: {attempts: 3, perTryTimeout: 2s, retryOn: "5xx,503"}`);
    const vh = config('productpage').routes.find((r) => r.name === '9080')!.virtualHosts.find((v) => v.name === 'reviews.default.svc.cluster.local:9080')!;
    expect(vh.routes.map((r) => r.match)).toEqual([{ prefix: '/', headers: [{ name: 'end-user', stringMatch: { exact: 'jason' } }] }, { safeRegex: { regex: '^/api/v[0-9]+' } }, { prefix: '/' }]);
    expect(vh.routes[0].name).toBe('jason');
    expect(vh.routes[0].route?.cluster).toBe('outbound|9080|v2|reviews.default.svc.cluster.local');
    expect(vh.routes[0].typedPerFilterConfig?.['envoy.filters.http.fault']?.delay).toEqual({ fixedDelay: '7s', percentage: { numerator: 500000, denominator: 'MILLION' } });
    const last = vh.routes[2].route!;
    expect(last.weightedClusters?.clusters).toEqual([{ name: 'outbound|9080|v1|reviews.default.svc.cluster.local', weight: 75 }, { name: 'outbound|9080|v2|reviews.default.svc.cluster.local', weight: 25 }]);
    expect(last.timeout).toBe('0.500s');
    expect(last.retryPolicy).toMatchObject({ retryOn: '5xx,retriable-status-codes', numRetries: 3, perTryTimeout: '2s', retriableStatusCodes: [503] });
    expect(vh.routes[2].metadata?.filterMetadata.istio.config).toBe('/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews');
  });
});

describe('inbound, mTLS and authorization', () => {
  it('PERMISSIVE by default (tls and plaintext chains); STRICT keeps only tls', () => {
    const chains = () => config('reviews').listeners.find((l) => l.name === 'virtualInbound')!.filterChains.filter((f) => f.filterChainMatch?.destinationPort === 9080).map((f) => f.filterChainMatch?.transportProtocol);
    expect(chains()).toEqual(['tls', 'raw_buffer']);
    apply('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: STRICT}');
    expect(chains()).toEqual(['tls']);
    c.run('kubectl delete peerauthentication default -n istio-system');
  });
  it('AuthorizationPolicy ALLOW becomes an RBAC filter on the inbound HTTP chain', () => {
    apply('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: reviews-viewer}\nspec:\n  selector: {matchLabels: {app: reviews}}\n  action: ALLOW\n  rules:\n  - from: [{source: {principals: ["cluster.local/ns/default/sa/bookinfo-productpage"]}}]\n    to: [{operation: {methods: [GET]}}]');
    const chain = config('reviews').listeners.find((l) => l.name === 'virtualInbound')!.filterChains.find((f) => f.filterChainMatch?.destinationPort === 9080)!;
    const hcm = chain.filters[0].typedConfig as { httpFilters: { name: string; typedConfig?: { rules?: { action: string; policies: Record<string, unknown> } } }[] };
    const rbac = hcm.httpFilters.find((f) => f.name === 'envoy.filters.http.rbac')!;
    expect(rbac.typedConfig?.rules?.action).toBe('ALLOW');
    expect(rbac.typedConfig?.rules?.policies['ns[default]-policy[reviews-viewer]-rule[0]']).toEqual({
      permissions: [{ orRules: { rules: [{ andRules: { rules: [{ orRules: { rules: [{ header: { name: ':method', stringMatch: { exact: 'GET' } } }] } }] } }] } }],
      principals: [{ orIds: { ids: [{ andIds: { ids: [{ orIds: { ids: [{ authenticated: { principalName: { exact: 'spiffe://cluster.local/ns/default/sa/bookinfo-productpage' } } }] } }] } }] } }],
    });
  });
});

describe('Sidecar scoping and size', () => {
  it('a Sidecar limiting egress to ./* and istio-system/* drops other namespaces\' services', () => {
    const before = configDumpLines(config('productpage'));
    c.run('kubectl create namespace other');
    for (let i = 0; i < 20; i++) apply(`apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: other}\nspec:\n  ports: [{name: http, port: ${8000 + i}}]`);
    const grown = configDumpLines(config('productpage'));
    expect(grown).toBeGreaterThan(before);
    apply('apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default}\nspec:\n  egress: [{hosts: ["./*", "istio-system/*"]}]');
    const cfg = config('productpage');
    expect(cfg.clusters.some((x) => x.name.includes('.other.'))).toBe(false);
    expect(cfg.clusters.some((x) => x.name === 'outbound|15010||istiod.istio-system.svc.cluster.local')).toBe(true);
    expect(cfg.clusters.some((x) => x.name.includes('kube-dns'))).toBe(false);
    expect(configDumpLines(cfg)).toBeLessThan(before);
    expect(c.runtime.internalErrors).toEqual([]);
  });
});

describe('ingress gateway', () => {
  it('a Gateway and a VirtualService bound to it give the gateway a listener on the container port and routes "http.8080"', () => {
    apply('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: bookinfo-gateway}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]');
    apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: bookinfo}\nspec:\n  hosts: ["*"]\n  gateways: [bookinfo-gateway]\n  http:\n  - match: [{uri: {exact: /productpage}}, {uri: {prefix: /static}}]\n    route: [{destination: {host: productpage, port: {number: 9080}}}]');
    const gw = c.list('pods', 'istio-system').find((p) => p.metadata.labels?.istio === 'ingressgateway')!;
    const cfg = c.runtime.service<IstiodService>('istiod')!.configFor('istio-system', gw.metadata.name!)!;
    expect(cfg.node.type).toBe('router');
    expect(cfg.listeners.map((l) => l.name)).toContain('0.0.0.0_8080');
    const rc = cfg.routes.find((r) => r.name === 'http.8080')!;
    expect(rc.virtualHosts.map((v) => [v.name, v.domains])).toEqual([['*:80', ['*']]]);
    expect(rc.virtualHosts[0].routes.map((r) => [r.match, r.route?.cluster])).toEqual([
      [{ path: '/productpage' }, 'outbound|9080||productpage.default.svc.cluster.local'],
      [{ prefix: '/static' }, 'outbound|9080||productpage.default.svc.cluster.local'],
    ]);
    // The mesh-bound routes of sidecars do not include the gateway-only VirtualService.
    expect(JSON.stringify(config('productpage').routes)).not.toContain('virtual-service/bookinfo');
  });
});
