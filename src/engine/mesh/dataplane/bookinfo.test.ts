// Bookinfo end to end through sidecars and the ingress gateway, following Istio's tasks:
// istio.io/latest/docs/examples/bookinfo, tasks/traffic-management/{request-routing,traffic-shifting,
// fault-injection,request-timeouts}, tasks/security/authentication/mtls-migration and authorization/authz-http.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { NetworkService } from '../../network/traffic/index.ts';
import type { Pod } from 'kubernetes-types/core/v1';
import { REVIEWS_ERROR, RATINGS_ERROR } from '../../images/apps/bookinfo/data.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
const podOf = (app: string, ns = 'default') => c.list('pods', ns).find((p) => p.metadata.labels?.app === app)! as unknown as Pod;
const clean = () => {
  for (const k of ['virtualservices', 'destinationrules', 'peerauthentications', 'authorizationpolicies']) run(`kubectl delete ${k} --all -A`);
};

/** One request from a pod, without the shell (for volume). */
function get(from: string, url: string, headers: Record<string, string> = {}, ns = 'default') {
  const net = c.runtime.service<NetworkService>('network')!;
  const p = podOf(from, ns);
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url)!;
  const r = net.connect({ kind: 'pod', pod: p, ip: p.status!.podIP!, node: p.spec!.nodeName }, { host: m[1], port: Number(m[2] ?? 80), path: m[3] ?? '/', app: 'http', tool: 'curl', headers, at: 0 });
  return { ...r, body: r.outcome.kind === 'http' ? r.outcome.body : '', status: r.outcome.kind === 'http' ? r.outcome.status : 0 };
}

const stars = (html: string) => (html.includes('color="black"') ? 'black' : html.includes('color="red"') ? 'red' : 'none');

afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 7, nodes: 2 });
  run('istioctl install --set profile=demo -y');
  run('kubectl label namespace default istio-injection=enabled');
  expect(run('lab sample bookinfo').exitCode).toBe(0);
  expect(run('kubectl apply -f samples/curl/curl.yaml').exitCode).toBe(0);
  run('kubectl create namespace legacy');
  run('kubectl apply -f samples/curl/curl.yaml -n legacy');
  c.advance(60_000);
});

beforeEach(() => clean());

describe('Bookinfo request routing (tasks/traffic-management/request-routing)', () => {
  const cases = [
    { name: 'no VirtualService: reviews round-robins over v1, v2, v3', files: [], user: undefined, want: ['none', 'black', 'red'] },
    { name: 'virtual-service-all-v1: only reviews v1 (no stars)', files: ['destination-rule-all', 'virtual-service-all-v1'], user: undefined, want: ['none'] },
    { name: 'reviews-test-v2: jason sees v2 (black stars)', files: ['destination-rule-all', 'virtual-service-all-v1', 'virtual-service-reviews-test-v2'], user: 'jason', want: ['black'] },
    { name: 'reviews-test-v2: anyone else sees v1', files: ['destination-rule-all', 'virtual-service-all-v1', 'virtual-service-reviews-test-v2'], user: 'alice', want: ['none'] },
    { name: 'reviews-v3: red stars', files: ['destination-rule-all', 'virtual-service-reviews-v3'], user: undefined, want: ['red'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      for (const f of tc.files) expect(run(`kubectl apply -f samples/bookinfo/networking/${f}.yaml`).stderr).toBe('');
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const r = get('curl', 'http://productpage:9080/productpage', tc.user ? { cookie: `session=${tc.user}` } : {});
        expect(r.status).toBe(200);
        seen.add(stars(r.body));
      }
      expect([...seen].sort()).toEqual([...tc.want].sort());
    });
  }

  it('from outside through the ingress gateway (bookinfo-gateway)', () => {
    run('kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml');
    const r = run('lab curl http://172.18.255.200/productpage');
    expect(r.stdout).toContain('<title>Simple Bookstore App</title>');
    const nf = run('lab curl -v http://172.18.255.200/nothing');
    expect(nf.stdout).toBe('');
    expect(nf.stderr).toContain('no route in');
  });
});

describe('traffic shifting (tasks/traffic-management/traffic-shifting)', () => {
  it('virtual-service-reviews-50-v3 converges to 50/50 over 1,000 requests (±5%)', () => {
    run('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    run('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml');
    let v3 = 0;
    for (let i = 0; i < 1000; i++) if (get('curl', 'http://reviews:9080/reviews/0').body.includes('"color":"red"')) v3++;
    expect(v3).toBeGreaterThan(450);
    expect(v3).toBeLessThan(550);
  });
});

describe('fault injection (tasks/traffic-management/fault-injection)', () => {
  it('ratings-test-delay: jason gets the reviews error after productpage times out twice (~6 s)', () => {
    for (const f of ['destination-rule-all', 'virtual-service-all-v1', 'virtual-service-reviews-test-v2', 'virtual-service-ratings-test-delay']) run(`kubectl apply -f samples/bookinfo/networking/${f}.yaml`);
    const r = get('curl', 'http://productpage:9080/productpage', { cookie: 'session=jason' });
    expect(r.status).toBe(200);
    expect(r.body).toContain(REVIEWS_ERROR);
    expect(r.ms).toBeGreaterThan(6000);
    expect(r.ms).toBeLessThan(6200);
    const other = get('curl', 'http://productpage:9080/productpage');
    expect(other.body).not.toContain(REVIEWS_ERROR);
  });

  it('ratings-test-abort: jason sees "Ratings service is currently unavailable"', () => {
    for (const f of ['destination-rule-all', 'virtual-service-all-v1', 'virtual-service-reviews-test-v2', 'virtual-service-ratings-test-abort']) run(`kubectl apply -f samples/bookinfo/networking/${f}.yaml`);
    expect(get('curl', 'http://productpage:9080/productpage', { cookie: 'session=jason' }).body).toContain(RATINGS_ERROR);
    const direct = get('curl', 'http://ratings:9080/ratings/0', { 'end-user': 'jason' });
    expect([direct.status, direct.body]).toEqual([500, 'fault filter abort']);
  });

  it('request timeouts: reviews timeout 0.5s with ratings delayed 2s → 504 upstream request timeout', () => {
    run('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ratings}\nspec:\n  hosts: [ratings]\n  http:\n  - fault: {delay: {percentage: {value: 100}, fixedDelay: 2s}}\n    route: [{destination: {host: ratings, subset: v1}}]\nEOF');
    run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route: [{destination: {host: reviews, subset: v2}}]\n    timeout: 0.5s\nEOF');
    const r = get('curl', 'http://reviews:9080/reviews/0');
    expect([r.status, r.body]).toEqual([504, 'upstream request timeout']);
    expect(Math.round(r.ms)).toBeGreaterThanOrEqual(500);
    expect(r.ms).toBeLessThan(520);
    expect(get('curl', 'http://productpage:9080/productpage').body).toContain(REVIEWS_ERROR);
  });

  it('bad configuration is rejected and traffic keeps flowing on the last good one', () => {
    run('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml');
    run('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-v3.yaml');
    const bad = run('kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route: [{destination: {host: reviews, subset: v1}, weight: 30}, {destination: {host: reviews, subset: v2}, weight: 30}]\n    timeout: banana\nEOF');
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain('The VirtualService "reviews" is invalid');
    for (let i = 0; i < 5; i++) expect(get('curl', 'http://reviews:9080/reviews/0').body).toContain('"color":"red"');
  });
});

describe('mTLS and authorization (tasks/security)', () => {
  const pa = (mode: string, ns = 'istio-system') => run(`kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: ${ns}}\nspec:\n  mtls: {mode: ${mode}}\nEOF`);
  const cases: Array<{ name: string; mode?: string; dr?: string; from: string; want: number }> = [
    { name: 'PERMISSIVE (default): plaintext client answered', mode: undefined, from: 'legacy', want: 200 },
    { name: 'mesh-wide STRICT: plaintext client reset', mode: 'STRICT', from: 'legacy', want: 0 },
    { name: 'mesh-wide STRICT: sidecar client uses mTLS', mode: 'STRICT', from: 'default', want: 200 },
    { name: 'STRICT with a DestinationRule tls DISABLE: the server resets the plaintext connection (503)', mode: 'STRICT', dr: 'DISABLE', from: 'default', want: 503 },
    { name: 'PERMISSIVE with a DestinationRule tls DISABLE: plaintext accepted', mode: 'PERMISSIVE', dr: 'DISABLE', from: 'default', want: 200 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      if (tc.mode) pa(tc.mode);
      if (tc.dr) run(`kubectl apply -f - <<EOF\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: details}\nspec:\n  host: details\n  trafficPolicy: {tls: {mode: ${tc.dr}}}\nEOF`);
      const r = get('curl', 'http://details.default:9080/details/0', {}, tc.from);
      expect(r.status).toBe(tc.want);
      if (tc.want === 0) expect(r.outcome.kind).toBe('reset');
    });
  }

  it('lab curl from a plaintext pod to a STRICT workload: curl: (56) Recv failure', () => {
    pa('STRICT');
    const r = run(`lab curl http://details.default:9080/details/0 -n legacy --from ${podOf('curl', 'legacy').metadata!.name}`);
    expect(r.stderr).toBe('curl: (56) Recv failure: Connection reset by peer\n');
    expect(r.exitCode).toBe(56);
  });

  const authz = [
    { name: 'allow-nothing denies everyone', policy: 'spec: {}', from: 'default', want: [403, 'RBAC: access denied'] },
    { name: 'ALLOW for the curl service account', policy: 'spec:\n  selector: {matchLabels: {app: details}}\n  action: ALLOW\n  rules: [{from: [{source: {principals: ["cluster.local/ns/default/sa/curl"]}}]}]', from: 'default', want: [200] },
    { name: 'ALLOW with principals never matches plaintext', policy: 'spec:\n  selector: {matchLabels: {app: details}}\n  rules: [{from: [{source: {principals: ["cluster.local/ns/default/sa/curl"]}}]}]', from: 'legacy', want: [403, 'RBAC: access denied'] },
    { name: 'DENY GET on /details/* wins over ALLOW', policy: 'spec:\n  action: DENY\n  rules: [{to: [{operation: {methods: ["GET"], paths: ["/details/*"]}}]}]\n---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-all}\nspec:\n  rules: [{}]', from: 'default', want: [403, 'RBAC: access denied'] },
    { name: 'DENY notNamespaces default: default passes', policy: 'spec:\n  action: DENY\n  rules: [{from: [{source: {notNamespaces: ["default"]}}]}]', from: 'default', want: [200] },
  ];
  for (const tc of authz) {
    it(`AuthorizationPolicy: ${tc.name}`, () => {
      expect(run(`kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p}\n${tc.policy}\nEOF`).stderr).toBe('');
      const r = get('curl', 'http://details.default:9080/details/0', {}, tc.from);
      expect(tc.want.length === 1 ? [r.status] : [r.status, r.body]).toEqual(tc.want);
    });
  }

  it('CUSTOM policies are not evaluated, and the trace says so', () => {
    run('kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ext}\nspec:\n  action: CUSTOM\n  provider: {name: my-ext-authz}\n  rules: [{}]\nEOF');
    const r = run(`lab curl -v http://details:9080/details/0 --from ${podOf('curl').metadata!.name}`);
    expect(r.stdout).toContain('William Shakespeare');
    expect(r.stderr).toContain('AuthorizationPolicy ext (CUSTOM, an external authorizer) is not evaluated by Kubelab');
  });

  it('the trace names mTLS and the policy that decided', () => {
    run('kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: deny-get}\nspec:\n  action: DENY\n  rules: [{to: [{operation: {methods: ["GET"]}}]}]\nEOF');
    const r = run(`lab curl -v http://details:9080/details/0 --from ${podOf('curl').metadata!.name}`);
    expect(r.stdout).toBe('RBAC: access denied');
    expect(r.stderr).toContain('mTLS from cluster.local/ns/default/sa/curl · authz deny');
    expect(r.stderr).toContain('DENY policy ns[default]-policy[deny-get]-rule[0] matched');
  });
});
