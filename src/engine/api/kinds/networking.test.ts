/**
 * networking.k8s.io/v1 defaulting and validation, cases after pkg/apis/networking/validation/
 * validation_test.go (TestValidateNetworkPolicy, TestValidateIngress*, TestValidateIngressClass) and
 * pkg/apis/networking/v1/defaults_test.go; messages as the 1.32 apiserver words them.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import type { KubeObject } from '../types.ts';

const cluster = createCluster({ nodes: 0 });
const api = cluster.runtime.api;

function attempt(obj: KubeObject): string {
  try {
    api.create(obj, { dryRun: true });
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

const np = (spec: unknown): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'default' }, spec });
const ing = (spec: unknown, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'ing', namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec,
});
const ic = (spec: unknown): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'ic' }, spec });
const backend = { service: { name: 'web', port: { number: 80 } } };
const rule = (path: unknown) => ({ host: 'foo.com', http: { paths: [path] } });

const cases: Array<{ name: string; obj: KubeObject; want: string }> = [
  { name: 'valid policy', obj: np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }] }] }), want: '' },
  {
    name: 'cidr prefix too long',
    obj: np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
  },
  {
    name: 'cidr missing',
    obj: np({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '' } }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.egress[0].to[0].ipBlock.cidr: Required value',
  },
  {
    name: 'except outside cidr',
    obj: np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/24', except: ['192.168.1.0/25'] } }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.1.0/25": must be a strict subset of `cidr`',
  },
  {
    name: 'except equal to cidr',
    obj: np({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/24', except: ['192.168.0.0/24'] } }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`',
  },
  {
    name: 'ipBlock with another peer',
    obj: np({ podSelector: {}, ingress: [{ from: [{ podSelector: {}, ipBlock: { cidr: '10.0.0.0/8' } }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
  },
  {
    name: 'empty peer',
    obj: np({ podSelector: {}, ingress: [{ from: [{}] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].from[0]: Required value: must specify a peer',
  },
  {
    name: 'endPort below port',
    obj: np({ podSelector: {}, egress: [{ ports: [{ port: 32000, endPort: 30000 }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.egress[0].ports[0].endPort: Invalid value: 30000: must be greater than or equal to `port`',
  },
  {
    name: 'endPort with a named port',
    obj: np({ podSelector: {}, egress: [{ ports: [{ port: 'http', endPort: 30000 }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.egress[0].ports[0].endPort: Invalid value: 30000: may not be specified when `port` is non-numeric',
  },
  {
    name: 'endPort without port',
    obj: np({ podSelector: {}, egress: [{ ports: [{ endPort: 30000 }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.egress[0].ports[0].endPort: Invalid value: 30000: may not be specified when `port` is not specified',
  },
  {
    name: 'bad protocol',
    obj: np({ podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
  },
  {
    name: 'bad policy type',
    obj: np({ podSelector: {}, policyTypes: ['Both'] }),
    want: 'NetworkPolicy.networking.k8s.io "np" is invalid: spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"',
  },
  { name: 'valid ingress', obj: ing({ rules: [rule({ path: '/', pathType: 'Prefix', backend })] }), want: '' },
  {
    name: 'no rules and no default backend',
    obj: ing({}),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
  },
  {
    name: 'pathType required',
    obj: ing({ rules: [rule({ path: '/', backend })] }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
  },
  {
    name: 'relative Prefix path',
    obj: ing({ rules: [rule({ path: 'foo', pathType: 'Prefix', backend })] }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path',
  },
  {
    name: 'Exact path with //',
    obj: ing({ rules: [rule({ path: '/a//b', pathType: 'Exact', backend })] }),
    want: `Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'`,
  },
  {
    name: 'unknown pathType',
    obj: ing({ rules: [rule({ path: '/', pathType: 'Regex', backend })] }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
  },
  {
    name: 'service and resource backends',
    obj: ing({ defaultBackend: { ...backend, resource: { kind: 'Bucket', name: 'b' } } }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec.defaultBackend: Invalid value: "": cannot set both resource and service backends',
  },
  {
    name: 'backend without port',
    obj: ing({ defaultBackend: { service: { name: 'web' } } }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec.defaultBackend: Required value: port name or number is required',
  },
  {
    name: 'host is an IP',
    obj: ing({ rules: [{ host: '1.2.3.4', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address',
  },
  { name: 'wildcard host', obj: ing({ rules: [{ host: '*.foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }), want: '' },
  {
    name: 'bad wildcard host',
    obj: ing({ rules: [{ host: 'foo.*.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
    want: `Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].host: Invalid value: "foo.*.com": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  },
  {
    name: 'class annotation and field differ',
    obj: ing({ ingressClassName: 'nginx', defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'traefik' }),
    want: 'Ingress.networking.k8s.io "ing" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
  },
  { name: 'valid class', obj: ic({ controller: 'k8s.io/ingress-nginx' }), want: '' },
  { name: 'class without controller', obj: ic({}), want: 'IngressClass.networking.k8s.io "ic" is invalid: spec.controller: Required value' },
  {
    name: 'controller not domain-prefixed',
    obj: ic({ controller: 'nginx' }),
    want: 'IngressClass.networking.k8s.io "ic" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
  },
  {
    name: 'namespace-scoped parameters without namespace',
    obj: ic({ controller: 'example.com/ctrl', parameters: { kind: 'Params', name: 'p', scope: 'Namespace' } }),
    want: "IngressClass.networking.k8s.io \"ic\" is invalid: spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
  },
];

describe('networking.k8s.io validation', () => {
  for (const c of cases) it(c.name, () => expect(attempt(c.obj)).toBe(c.want));
});

describe('networking.k8s.io defaulting', () => {
  const defaulted = (obj: KubeObject) => api.create(obj, { dryRun: true });
  it.each([
    { name: 'no rules: Ingress only', spec: { podSelector: {} }, want: ['Ingress'] },
    { name: 'egress rules: Ingress and Egress', spec: { podSelector: {}, egress: [{}] }, want: ['Ingress', 'Egress'] },
    { name: 'explicit types kept', spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] }, want: ['Egress'] },
  ])('policyTypes: $name', ({ spec, want }) => {
    expect((defaulted(np(spec)).spec as { policyTypes: string[] }).policyTypes).toEqual(want);
  });
  it('port protocol defaults to TCP', () => {
    const o = defaulted(np({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }));
    expect((o.spec as { ingress: Array<{ ports: Array<{ protocol: string }> }> }).ingress[0].ports[0].protocol).toBe('TCP');
  });
  it('IngressClass parameters scope defaults to Cluster', () => {
    const o = defaulted(ic({ controller: 'example.com/c', parameters: { kind: 'P', name: 'p' } }));
    expect((o.spec as { parameters: { scope: string } }).parameters.scope).toBe('Cluster');
  });
  it('Ingress status starts as an empty loadBalancer', () => {
    expect(defaulted(ing({ defaultBackend: backend })).status).toEqual({ loadBalancer: {} });
  });
});

describe('DefaultIngressClass admission', () => {
  it('sets the default class, refuses two defaults', () => {
    const c = createCluster({ nodes: 0 });
    const a = c.runtime.api;
    const cls = (name: string): KubeObject => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    a.create(cls('nginx'));
    const o = a.create(ing({ defaultBackend: backend }));
    expect((o.spec as { ingressClassName?: string }).ingressClassName).toBe('nginx');
    const legacy = a.create({ ...ing({ defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'nginx' }), metadata: { name: 'legacy', namespace: 'default', annotations: { 'kubernetes.io/ingress.class': 'nginx' } } });
    expect((legacy.spec as { ingressClassName?: string }).ingressClassName).toBeUndefined();
    a.create(cls('other'));
    expect(() => a.create({ ...ing({ defaultBackend: backend }), metadata: { name: 'two', namespace: 'default' } })).toThrow(
      'ingresses.networking.k8s.io "two" is forbidden: Internal error occurred: 2 default IngressClasses were found, only 1 allowed',
    );
  });
});
