// Envoy route matching: config/route/v3/route_components.proto (RouteMatch: prefix/path/safe_regex, headers,
// query_parameters; case_sensitive), VirtualHost domain matching order (exact, suffix wildcard, prefix
// wildcard, "*": envoy docs "Virtual host domains"), and RE2's full-match semantics for safe_regex.
import { describe, expect, it } from 'vitest';
import type { RbacFilterConfig, RouteConfiguration, VirtualHost } from '../envoy/types.ts';
import { re2, selectRoute, selectVirtualHost, type HttpRequestLine } from './match.ts';
import { evaluateRbac } from './rbac.ts';

const req = (path: string, headers: Record<string, string> = {}, method = 'GET', authority = 'reviews:9080'): HttpRequestLine => ({ method, authority, path, headers });

describe('route selection (first match wins)', () => {
  const vh: VirtualHost = {
    name: 'reviews.default.svc.cluster.local:9080',
    domains: ['*'],
    routes: [
      { name: 'exact', match: { path: '/reviews/0' } },
      { name: 'jason', match: { prefix: '/', headers: [{ name: 'end-user', stringMatch: { exact: 'jason' } }] } },
      { name: 'regex', match: { safeRegex: { regex: '/ratings/[0-9]+' } } },
      { name: 'query', match: { prefix: '/q', queryParameters: [{ name: 'v', stringMatch: { exact: '2' } }] } },
      { name: 'post', match: { prefix: '/', headers: [{ name: ':method', stringMatch: { exact: 'POST' } }] } },
      { name: 'not-test', match: { prefix: '/api', headers: [{ name: 'x-test', presentMatch: true, invertMatch: true }] } },
      { name: 'nocase', match: { prefix: '/static', caseSensitive: false } },
      { name: 'default', match: { prefix: '/' } },
    ],
  };
  const cases = [
    { name: 'exact path beats a later header match', r: req('/reviews/0', { 'end-user': 'jason' }), want: 'exact' },
    { name: 'exact path does not match a longer path', r: req('/reviews/01', {}), want: 'default' },
    { name: 'header exact', r: req('/x', { 'end-user': 'jason' }), want: 'jason' },
    { name: 'header is case-sensitive in value', r: req('/x', { 'end-user': 'Jason' }), want: 'default' },
    { name: 'regex is a full match', r: req('/ratings/12'), want: 'regex' },
    { name: 'regex does not match a suffix', r: req('/ratings/12/x'), want: 'default' },
    { name: 'regex ignores the query string', r: req('/ratings/12?a=b'), want: 'regex' },
    { name: 'query parameter', r: req('/q?v=2'), want: 'query' },
    { name: 'query parameter value differs', r: req('/q?v=3'), want: 'default' },
    { name: 'method via :method', r: req('/x', {}, 'POST'), want: 'post' },
    { name: 'inverted present match: header absent', r: req('/api/x'), want: 'not-test' },
    { name: 'inverted present match: header present', r: req('/api/x', { 'x-test': '1' }), want: 'default' },
    { name: 'case-insensitive prefix', r: req('/STATIC/app.css'), want: 'nocase' },
  ];
  for (const tc of cases) it(tc.name, () => expect(selectRoute(vh, tc.r)?.route.name).toBe(tc.want));
});

describe('virtual host selection by :authority', () => {
  const rc: RouteConfiguration = {
    name: '80',
    validateClusters: false,
    virtualHosts: [
      { name: 'star', domains: ['*'], routes: [] },
      { name: 'suffix', domains: ['*.example.com'], routes: [] },
      { name: 'longer-suffix', domains: ['*.api.example.com'], routes: [] },
      { name: 'prefix', domains: ['foo.*'], routes: [] },
      { name: 'exact', domains: ['www.example.com', 'www.example.com:8080'], routes: [] },
      { name: 'svc', domains: ['reviews.default.svc.cluster.local', 'reviews', '10.96.0.20'], routes: [] },
    ],
  };
  const cases = [
    { authority: 'www.example.com', want: 'exact' },
    { authority: 'WWW.Example.com', want: 'exact' },
    { authority: 'www.example.com:8080', want: 'exact' },
    { authority: 'v1.api.example.com', want: 'longer-suffix' },
    { authority: 'shop.example.com', want: 'suffix' },
    { authority: 'foo.bar', want: 'prefix' },
    { authority: 'reviews:9080', want: 'svc' },
    { authority: '10.96.0.20:9080', want: 'svc' },
    { authority: 'other', want: 'star' },
  ];
  for (const tc of cases) it(`${tc.authority} → ${tc.want}`, () => expect(selectVirtualHost(rc, tc.authority)?.name).toBe(tc.want));
});

describe('RE2 subset', () => {
  const cases = [
    { pattern: '/api/v[12]/.*', input: '/api/v2/x', want: true },
    { pattern: 'abc', input: 'xabc', want: false },
    { pattern: '(?=a)a', input: 'a', want: false },
    { pattern: '(a)\\1', input: 'aa', want: false },
  ];
  for (const tc of cases) it(`${tc.pattern} on ${tc.input}`, () => expect(re2(tc.pattern)?.test(tc.input) ?? false).toBe(tc.want));
});

// Istio's authorization semantics (istio.io/latest/docs/concepts/security/#authorization-policy-precedence):
// DENY before ALLOW; with any ALLOW policy a request must match one; an ALLOW policy without rules allows nothing.
describe('RBAC filter chain', () => {
  const allow = (policies: RbacFilterConfig['rules']): RbacFilterConfig => ({ '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC', rules: policies });
  const curl = 'spiffe://cluster.local/ns/default/sa/curl';
  const fromCurl = { authenticated: { principalName: { exact: curl } } };
  const getOnly = { header: { name: ':method', stringMatch: { exact: 'GET' } } };
  const cases = [
    { name: 'no policies: allowed', filters: [], principal: undefined, method: 'GET', want: true },
    { name: 'allow-nothing', filters: [allow({ action: 'ALLOW', policies: {} })], principal: curl, method: 'GET', want: false },
    { name: 'ALLOW principal matches', filters: [allow({ action: 'ALLOW', policies: { a: { permissions: [{ any: true }], principals: [fromCurl] } } })], principal: curl, method: 'GET', want: true },
    { name: 'ALLOW principal, plaintext peer', filters: [allow({ action: 'ALLOW', policies: { a: { permissions: [{ any: true }], principals: [fromCurl] } } })], principal: undefined, method: 'GET', want: false },
    { name: 'DENY matches first', filters: [allow({ action: 'DENY', policies: { d: { permissions: [getOnly], principals: [{ any: true }] } } }), allow({ action: 'ALLOW', policies: { a: { permissions: [{ any: true }], principals: [{ any: true }] } } })], principal: curl, method: 'GET', want: false },
    { name: 'DENY does not match: ALLOW decides', filters: [allow({ action: 'DENY', policies: { d: { permissions: [getOnly], principals: [{ any: true }] } } }), allow({ action: 'ALLOW', policies: { a: { permissions: [{ any: true }], principals: [{ any: true }] } } })], principal: curl, method: 'POST', want: true },
    { name: 'notRule', filters: [allow({ action: 'ALLOW', policies: { a: { permissions: [{ notRule: getOnly }], principals: [{ any: true }] } } })], principal: curl, method: 'GET', want: false },
  ];
  for (const tc of cases) {
    it(tc.name, () => expect(evaluateRbac(tc.filters, { req: req('/', {}, tc.method), principal: tc.principal, sourceIP: '10.244.1.2', destinationPort: 9080, destinationIP: '10.244.2.2' }).allowed).toBe(tc.want));
  }
});
