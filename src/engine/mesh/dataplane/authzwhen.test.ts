// AuthorizationPolicy `when` conditions (istio.io/latest/docs/reference/config/security/conditions: request.headers,
// source.ip, source.namespace, source.principal, destination.port; values OR, notValues NOT, conditions AND with
// from/to) and the actions Kubelab does not evaluate (CUSTOM, request.auth.* without RequestAuthentication).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { whenCondition } from '../istiod/conditions.ts';

let c: ReturnType<typeof createCluster>;
const run = (line: string) => c.run(line);
afterAll(() => expect(c.runtime.internalErrors).toEqual([]));

beforeAll(() => {
  c = createCluster({ seed: 13, nodes: 1 });
  run('istioctl install --set profile=minimal -y');
  run('kubectl label namespace default istio-injection=enabled');
  run('kubectl create namespace other');
  run('kubectl label namespace other istio-injection=enabled');
  run('kubectl apply -f samples/httpbin/httpbin.yaml');
  run('kubectl apply -f samples/curl/curl.yaml');
  run('kubectl apply -n other -f samples/curl/curl.yaml');
  c.advance(60_000);
});

const code = (ns: string, headers = '') => run(`kubectl exec -n ${ns} deploy/curl -- curl -s -o /dev/null -w "%{http_code}" ${headers} http://httpbin.default:8000/headers`).stdout;

describe('whenCondition translation', () => {
  const cases = [
    { name: 'request.headers → principal header', w: { key: 'request.headers[X-Token]', values: ['abc'] }, want: { permissions: [], principals: [{ orIds: { ids: [{ header: { name: 'x-token', stringMatch: { exact: 'abc' } } }] } }] } },
    { name: 'source.ip → direct_remote_ip', w: { key: 'source.ip', values: ['10.244.0.0/16'] }, want: { permissions: [], principals: [{ orIds: { ids: [{ directRemoteIp: { addressPrefix: '10.244.0.0', prefixLen: 16 } }] } }] } },
    { name: 'destination.port notValues → not permission', w: { key: 'destination.port', notValues: ['8080'] }, want: { permissions: [{ notRule: { orRules: { rules: [{ destinationPort: 8080 }] } } }], principals: [] } },
    { name: 'request.auth.principal is unsupported and never matches', w: { key: 'request.auth.principal', values: ['*'] }, want: { permissions: [], principals: [{ orIds: { ids: [{ notId: { any: true } }] } }], unsupported: 'request.auth.principal (no RequestAuthentication/JWT in Kubelab)' } },
  ];
  for (const tc of cases) it(tc.name, () => expect(whenCondition(tc.w, 'cluster.local')).toEqual(tc.want));
});

describe('AuthorizationPolicy when, end to end', () => {
  const cases = [
    { name: 'ALLOW when request.headers[x-token] = abc', when: '[{key: "request.headers[x-token]", values: ["abc"]}]', probes: [['default', '-H x-token:abc', '200'], ['default', '-H x-token:nope', '403'], ['default', '', '403']] },
    { name: 'ALLOW when source.namespace = other', when: '[{key: source.namespace, values: [other]}]', probes: [['other', '', '200'], ['default', '', '403']] },
    { name: 'ALLOW when source.namespace notValues other', when: '[{key: source.namespace, notValues: [other]}]', probes: [['other', '', '403'], ['default', '', '200']] },
    { name: 'ALLOW when source.ip in the pod network', when: '[{key: source.ip, values: ["10.244.0.0/16"]}]', probes: [['default', '', '200']] },
    { name: 'ALLOW when request.auth.principal (no JWT): nothing matches', when: '[{key: request.auth.principal, values: ["*"]}]', probes: [['default', '', '403']] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      run(`kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: when}\nspec:\n  selector: {matchLabels: {app: httpbin}}\n  action: ALLOW\n  rules: [{when: ${tc.when}}]\nEOF`);
      for (const [ns, h, want] of tc.probes) expect(`${ns} ${h}: ${code(ns, h)}`).toBe(`${ns} ${h}: ${want}`);
      run('kubectl delete authorizationpolicy when');
    });
  }

  it('CUSTOM and unsupported conditions are named in the trace', () => {
    const applied = run('kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ext}\nspec:\n  selector: {matchLabels: {app: httpbin}}\n  action: CUSTOM\n  provider: {name: my-authz}\n  rules: [{to: [{operation: {paths: ["/admin"]}}]}]\n---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: jwt}\nspec:\n  selector: {matchLabels: {app: httpbin}}\n  action: DENY\n  rules: [{when: [{key: "request.auth.claims[group]", values: [admin]}]}]\nEOF');
    expect(applied.stderr).toBe('');
    expect(code('default')).toBe('200');
    const t = c.runtime.service<{ recentTraces(n: number): Array<{ steps: Array<{ detail: string[] }> }> }>('network')!.recentTraces(1)[0];
    const details = t.steps.flatMap((s) => s.detail);
    expect(details).toContain('AuthorizationPolicy ext (CUSTOM, an external authorizer) is not evaluated by Kubelab');
    expect(details).toContain('AuthorizationPolicy jwt rule 0: condition request.auth.claims[group] (no RequestAuthentication/JWT in Kubelab) is not evaluated by Kubelab and never matches');
    run('kubectl delete authorizationpolicy ext jwt');
  });
});
