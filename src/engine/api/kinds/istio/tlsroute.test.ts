// VirtualService `tls` routes: webhook validation. Wants follow Istio 1.24 pkg/config/validation/validation.go
// (validateTLSRoute, validateTLSMatch, validateSniHost with host.Name.SubsetOf, validateRouteDestinations,
// agent.ValidateIPSubnet / ValidatePort / ValidateWildcardDomainForVirtualServiceBoundToGateway,
// labels.Instance.Validate) and the CRD schema of crd-all.gen.yaml (tls[].match is required, match[].sniHosts is required).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types.ts';
import { createCluster } from '../../../index.ts';
import { validateVirtualService } from './virtualservice.ts';

const vs = (spec: unknown): KubeObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'x', namespace: 'default' }, spec });
const tls = (match: unknown, route: unknown = [{ destination: { host: 'nginx' } }], extra: Record<string, unknown> = {}) => ({ hosts: ['nginx.example.com'], gateways: ['mygateway'], tls: [{ match, route }], ...extra });

describe('VirtualService tls routes: webhook validation', () => {
  const cases: { name: string; spec: unknown; want: string[] }[] = [
    { name: 'a valid passthrough route', spec: tls([{ port: 443, sniHosts: ['nginx.example.com'] }]), want: [] },
    { name: 'no match condition', spec: tls([]), want: ['TLS route must have at least one match condition'] },
    { name: 'a match without SNI hosts', spec: tls([{ port: 443, sniHosts: [] }]), want: ['TLS match must have at least one SNI host'] },
    {
      name: 'an SNI host outside the VirtualService hosts',
      spec: tls([{ sniHosts: ['other.example.com'] }]),
      want: ['SNI host "other.example.com" is not a compatible subset of any of the virtual service hosts: [nginx.example.com]'],
    },
    { name: 'an SNI host inside a wildcard host', spec: tls([{ sniHosts: ['a.example.com'] }], undefined, { hosts: ['*.example.com'] }), want: [] },
    {
      name: 'a wildcard SNI host wider than the wildcard host',
      spec: tls([{ sniHosts: ['*.com'] }], undefined, { hosts: ['*.example.com'] }),
      want: ['SNI host "*.com" is not a compatible subset of any of the virtual service hosts: [*.example.com]'],
    },
    { name: 'an IP address as SNI host only warns', spec: tls([{ sniHosts: ['10.0.0.1'] }]), want: [] },
    { name: 'an invalid SNI host name', spec: tls([{ sniHosts: ['bad_host.example.com'] }]), want: ['domain name "bad_host.example.com" invalid (label "bad_host" invalid)'] },
    { name: 'AUTO_PASSTHROUGH names are valid hosts and SNI hosts of a gateway VirtualService', spec: tls([{ sniHosts: ['outbound_.9080_._.reviews.default.svc.cluster.local'] }], undefined, { hosts: ['outbound_.9080_._.reviews.default.svc.cluster.local'] }), want: [] },
    { name: 'bad destination subnet', spec: tls([{ sniHosts: ['nginx.example.com'], destinationSubnets: ['10.0.0.0/33', 'not-an-ip'] }]), want: ['10.0.0.0/33 is not a valid CIDR block', 'not-an-ip is not a valid IP'] },
    { name: 'port out of range', spec: tls([{ sniHosts: ['nginx.example.com'], port: 70000 }]), want: ['port number 70000 must be in the range 1..65535'] },
    { name: 'bad source label', spec: tls([{ sniHosts: ['nginx.example.com'], sourceLabels: { app: 'a b' } }]), want: ['invalid tag value: "a b"'] },
    { name: 'bad gateway namespace in a match', spec: tls([{ sniHosts: ['nginx.example.com'], gateways: ['Bad_NS/gw'] }]), want: ['invalid value for namespace: "Bad_NS"'] },
    { name: 'no destination', spec: tls([{ sniHosts: ['nginx.example.com'] }], []), want: ['TLS route is required'] },
    {
      name: 'destinations weigh 0 in total',
      spec: tls([{ sniHosts: ['nginx.example.com'] }], [{ destination: { host: 'a' }, weight: 0 }, { destination: { host: 'b' }, weight: 0 }]),
      want: ['total destination weight = 0'],
    },
    {
      name: 'errors of several matches are all listed, in order',
      spec: tls([{ sniHosts: [] }, { sniHosts: ['x.org'], port: 0 }]),
      want: ['TLS match must have at least one SNI host', 'SNI host "x.org" is not a compatible subset of any of the virtual service hosts: [nginx.example.com]'],
    },
  ];
  for (const tc of cases) it(tc.name, () => expect(validateVirtualService(vs(tc.spec))).toEqual(tc.want));
});

describe('tls routes through kubectl (CRD schema, then the webhook)', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  c.run('istioctl install --set profile=minimal -y');
  const apply = (yaml: string) => c.run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  const head = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: nginx}\nspec:\n  hosts: [nginx.example.com]\n  gateways: [mygateway]\n  tls:\n';
  const cases = [
    { name: 'tls[].match is required by the schema', yaml: `${head}  - route: [{destination: {host: my-nginx}}]`, want: 'The VirtualService "nginx" is invalid: spec.tls[0].match: Required value\n' },
    {
      name: 'the webhook rejects an SNI host outside the hosts',
      yaml: `${head}  - match: [{port: 443, sniHosts: [other.example.com]}]\n    route: [{destination: {host: my-nginx}}]`,
      want: 'Error from server: error when creating "STDIN": admission webhook "validation.istio.io" denied the request: configuration is invalid: SNI host "other.example.com" is not a compatible subset of any of the virtual service hosts: [nginx.example.com]\n',
    },
    { name: 'a valid route is created', yaml: `${head}  - match: [{port: 443, sniHosts: [nginx.example.com]}]\n    route: [{destination: {host: my-nginx, port: {number: 443}}}]`, want: '' },
  ];
  for (const tc of cases) it(tc.name, () => expect(apply(tc.yaml).stderr).toBe(tc.want));
});
