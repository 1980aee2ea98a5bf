// Webhook (validation.istio.io) and CRD schema checks. Wants follow Istio 1.24's
// pkg/config/validation/validation.go / virtualservice.go messages and validation_test.go cases, and the
// apiserver's structural-schema and CEL error texts for Istio's crd-all.gen.yaml.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { validateAuthorizationPolicy } from './authorizationpolicy.ts';
import { validateDestinationRule } from './destinationrule.ts';
import { validatePeerAuthentication } from './peerauthentication.ts';
import { re2Error } from './regexp.ts';
import { validateVirtualService } from './virtualservice.ts';
import { createCluster } from '../../../index.ts';

const obj = (spec: unknown, ns = 'default'): KubeObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'X', metadata: { name: 'x', namespace: ns }, spec });
const route = (...dests: { host: string; subset?: string; weight?: number }[]) => ({ hosts: ['reviews'], http: [{ route: dests.map(({ weight, ...d }) => ({ destination: d, ...(weight !== undefined ? { weight } : {}) })) }] });

describe('VirtualService webhook validation', () => {
  const cases: { name: string; spec: unknown; want: string[] }[] = [
    { name: 'weights 90/0 are accepted (Istio ≥1.15 no longer requires a sum of 100)', spec: route({ host: 'reviews', subset: 'v1', weight: 90 }, { host: 'reviews', subset: 'v2', weight: 0 }), want: [] },
    { name: 'total weight 0 with several destinations', spec: route({ host: 'a', weight: 0 }, { host: 'b', weight: 0 }), want: ['total destination weight = 0'] },
    { name: 'negative weight', spec: route({ host: 'a', weight: -1 }, { host: 'b', weight: 50 }), want: ['weight -1 < 0'] },
    { name: 'no http, tcp or tls', spec: { hosts: ['reviews'] }, want: ['http, tcp or tls must be provided in virtual service'] },
    { name: 'route or redirect required', spec: { hosts: ['reviews'], http: [{ timeout: '1s' }] }, want: ['HTTP route or redirect is required'] },
    { name: 'wildcard host bound to mesh', spec: { hosts: ['*'], http: [{ route: [{ destination: { host: 'a' } }] }] }, want: ['wildcard host * is not allowed for virtual services bound to the mesh gateway'] },
    { name: 'duplicate hosts', spec: { hosts: ['a.com', 'a.com'], http: [{ route: [{ destination: { host: 'a' } }] }] }, want: ['duplicate hosts in virtual service: a.com & a.com'] },
    { name: 'subset name invalid', spec: route({ host: 'a', subset: 'V_1' }), want: ['subset name is invalid: V_1'] },
    {
      name: 'malformed uri regex',
      spec: { hosts: ['a'], http: [{ match: [{ uri: { regex: '(abc' } }], route: [{ destination: { host: 'a' } }] }] },
      want: ['"uri": error parsing regexp: missing closing ): `(abc`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)'],
    },
    { name: 'retries with 0 attempts', spec: { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }], retries: { attempts: 0, perTryTimeout: '1s' } }] }, want: ['http retry policy configured when attempts are set to 0 (disabled)'] },
    { name: 'unknown retryOn policy', spec: { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }], retries: { attempts: 3, retryOn: '5xx,bogus' } }] }, want: ['"bogus" is not a valid retryOn policy'] },
    { name: 'fault without abort or delay', spec: { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }], fault: {} }] }, want: ['HTTP fault injection must have an abort and/or a delay'] },
    { name: 'abort status out of range', spec: { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }], fault: { abort: { httpStatus: 700, percentage: { value: 10 } } } }] }, want: ['HTTP status 700 is not in range 200-599'] },
    { name: 'redirect and route together', spec: { hosts: ['a'], http: [{ redirect: { uri: '/x' }, route: [{ destination: { host: 'a' } }] }] }, want: ['HTTP route cannot contain both route and redirect'] },
  ];
  for (const c of cases) it(c.name, () => expect(validateVirtualService(obj(c.spec))).toEqual(c.want));
});

describe('DestinationRule, PeerAuthentication, AuthorizationPolicy', () => {
  it('duplicate subsets and empty traffic policy', () => {
    expect(validateDestinationRule(obj({ host: 'reviews', trafficPolicy: {}, subsets: [{ name: 'v1' }, { name: 'v1' }] }))).toEqual(['traffic policy must have at least one field', 'duplicate subset names: v1']);
  });
  it('outlier detection durations', () => {
    expect(validateDestinationRule(obj({ host: 'reviews', trafficPolicy: { outlierDetection: { baseEjectionTime: '0.5ms' } } }))).toEqual(['duration must be greater than 1ms']);
  });
  it('namespace-wide PeerAuthentication cannot have port-level mTLS', () => {
    expect(validatePeerAuthentication(obj({ mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } }))).toEqual(['mesh/namespace peer authentication cannot have port level mTLS']);
  });
  it('DENY without rules is meaningless', () => {
    expect(validateAuthorizationPolicy(obj({ action: 'DENY' }))).toEqual(['DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request']);
  });
});

describe('RE2 syntax errors (Go regexp.Compile texts)', () => {
  const cases: [string, string | undefined][] = [
    ['^/api/v[0-9]+$', undefined],
    ['(abc', 'error parsing regexp: missing closing ): `(abc`'],
    ['abc)', 'error parsing regexp: unexpected ): `abc)`'],
    ['[a-z', 'error parsing regexp: missing closing ]: `[a-z`'],
    ['*abc', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['\\q', 'error parsing regexp: invalid escape sequence: `\\q`'],
    ['a+?', undefined],
  ];
  for (const [re, want] of cases) it(re, () => expect(re2Error(re)).toBe(want));
});

describe('through kubectl (CRD schema, then the webhook)', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.run('istioctl install --set profile=minimal -y');
  const apply = (yaml: string) => c.run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  it('unknown field: strict decoding error', () => {
    const r = apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\nspec:\n  hosts: [a]\n  htp: []');
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "STDIN": VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.htp"\n');
  });
  it('bad duration: the CRD CEL rule', () => {
    const r = apply('apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: a}\nspec:\n  hosts: [a]\n  http:\n  - route: [{destination: {host: a}}]\n    timeout: 10x');
    expect(r.stderr).toBe('The VirtualService "a" is invalid: spec.http[0].timeout: Invalid value: "string": must be a valid duration greater than 1ms\n');
  });
  it('enum: Unsupported value', () => {
    const r = apply('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec:\n  mtls: {mode: STRICTER}');
    expect(r.stderr).toBe('The PeerAuthentication "a" is invalid: spec.mtls.mode: Unsupported value: "STRICTER": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"\n');
  });
  it('webhook denial', () => {
    const r = apply('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a}\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - {destination: {host: a}, weight: 0}\n    - {destination: {host: b}, weight: 0}');
    expect(r.stderr).toBe('Error from server: error when creating "STDIN": admission webhook "validation.istio.io" denied the request: configuration is invalid: total destination weight = 0\n');
    expect(r.exitCode).toBe(1);
    expect(c.run('kubectl get vs').stderr).toBe('No resources found in default namespace.\n');
  });
  it('api-resources lists the preferred version only, as discovery does', () => {
    expect(c.run('kubectl api-resources --api-group=security.istio.io').stdout).toBe(
      'NAME                    SHORTNAMES   APIVERSION             NAMESPACED   KIND\n' +
        'authorizationpolicies   ap           security.istio.io/v1   true         AuthorizationPolicy\n' +
        'peerauthentications     pa           security.istio.io/v1   true         PeerAuthentication\n',
    );
  });
  it('objects are stored at v1 whatever version they were written in', () => {
    apply('apiVersion: networking.istio.io/v1alpha3\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: reviews\n  subsets: [{name: v1, labels: {version: v1}}]');
    expect(c.run('kubectl get dr r -o jsonpath={.apiVersion}').stdout).toBe('networking.istio.io/v1');
    expect(c.runtime.internalErrors).toEqual([]);
  });
});

describe('schemas for the editor', () => {
  it('every served version of every kind, with the CRD spec schema', async () => {
    const { istioOpenApiSchemas } = await import('./index.ts');
    const vs = istioOpenApiSchemas()['io.istio.networking.v1.VirtualService'] as { 'x-kubernetes-group-version-kind': { version: string }[]; properties: { spec: { properties: Record<string, unknown> } } };
    expect(vs['x-kubernetes-group-version-kind'].map((g) => g.version)).toEqual(['v1', 'v1alpha3', 'v1beta1']);
    expect(Object.keys(vs.properties.spec.properties)).toEqual(expect.arrayContaining(['hosts', 'gateways', 'http', 'tcp', 'tls', 'exportTo']));
  });
});
