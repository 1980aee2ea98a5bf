import type { HTTPMatchRequest, HTTPRoute, StringMatch, VirtualServiceSpec } from '../../api/kinds/istio/types.ts';
import { parseGoDuration, protoDuration } from '../../api/kinds/istio/duration.ts';
import { FAULT_TYPE, type FractionalPercent, type HeaderMatcher, type HttpFault, type RetryPolicy, type Route, type RouteAction, type RouteMatch, type StringMatcher, type VirtualHost } from '../envoy/types.ts';
import { outboundClusterName } from './clusters.ts';
import { resolveHost, type MeshService } from './model.ts';

/** A VirtualService as istiod indexes it: its namespace and name, spec, and hosts resolved to FQDNs. */
export interface VsEntry {
  namespace: string;
  name: string;
  spec: VirtualServiceSpec;
  /** creationTimestamp for precedence (older first). */
  created: string;
}

/** The lookup istiod gives the route builder: a service by FQDN (for destination ports). */
export type ServiceLookup = (host: string) => MeshService | undefined;

const defaultRetryOn = 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes';

const previousHosts = [{ name: 'envoy.retry_host_predicates.previous_hosts', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate' } }];

/** Istio's default retry policy (2 attempts on connection failures and 503 refused streams). */
export function defaultRetryPolicy(): RetryPolicy {
  return { retryOn: defaultRetryOn, numRetries: 2, retryHostPredicate: previousHosts, hostSelectionRetryMaxAttempts: '5', retriableStatusCodes: [503] };
}

function duration(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const ms = parseGoDuration(d);
  return ms === undefined ? undefined : protoDuration(ms);
}

function percent(v: number | undefined): FractionalPercent {
  return { numerator: Math.round((v ?? 100) * 10000), denominator: 'MILLION' };
}

function stringMatcher(m: StringMatch): StringMatcher {
  if (m.exact !== undefined) return { exact: m.exact };
  if (m.prefix !== undefined) return { prefix: m.prefix };
  if (m.regex !== undefined) return { safeRegex: { regex: m.regex } };
  return { prefix: '' };
}

function headerMatcher(name: string, m: StringMatch): HeaderMatcher {
  if (m.exact === undefined && m.prefix === undefined && m.regex === undefined) return { name, presentMatch: true };
  return { name, stringMatch: stringMatcher(m) };
}

/** translateRouteMatch: an Istio HTTPMatchRequest as an Envoy RouteMatch. */
export function translateMatch(m: HTTPMatchRequest | undefined): RouteMatch {
  const out: RouteMatch = {};
  const uri = m?.uri;
  if (uri?.exact !== undefined) out.path = uri.exact;
  else if (uri?.prefix !== undefined) out.prefix = uri.prefix;
  else if (uri?.regex !== undefined) out.safeRegex = { regex: uri.regex };
  else out.prefix = '/';
  if (m?.ignoreUriCase) out.caseSensitive = false;
  const headers: HeaderMatcher[] = [];
  for (const [name, hm] of Object.entries(m?.headers ?? {})) headers.push(headerMatcher(name.toLowerCase(), hm));
  for (const [name, hm] of Object.entries(m?.withoutHeaders ?? {})) headers.push({ ...headerMatcher(name.toLowerCase(), hm), invertMatch: true });
  if (m?.method) headers.push(headerMatcher(':method', m.method));
  if (m?.authority) headers.push(headerMatcher(':authority', m.authority));
  if (m?.scheme) headers.push(headerMatcher(':scheme', m.scheme));
  if (headers.length) out.headers = headers;
  const qps = Object.entries(m?.queryParams ?? {});
  if (qps.length) out.queryParameters = qps.map(([name, q]) => (q.exact === undefined && q.prefix === undefined && q.regex === undefined ? { name, presentMatch: true } : { name, stringMatch: stringMatcher(q) }));
  return out;
}

export function destinationCluster(host: string | undefined, subset: string | undefined, port: number | undefined, vsNamespace: string, listenerPort: number, lookup: ServiceLookup): string {
  const fqdn = resolveHost(host ?? '', vsNamespace);
  const svc = lookup(fqdn);
  const p = port ?? (svc && svc.ports.length === 1 ? svc.ports[0].port : listenerPort);
  return outboundClusterName(p, subset ?? '', fqdn);
}

/** translateRoute: one Envoy route per (HTTP route, match), in order. */
export function translateHttpRoute(vs: VsEntry, h: HTTPRoute, listenerPort: number, vhostName: string, lookup: ServiceLookup): Route[] {
  const matches = h.match && h.match.length > 0 ? h.match : [undefined];
  const config = `/apis/networking.istio.io/v1/namespaces/${vs.namespace}/virtual-service/${vs.name}`;
  return matches.map((m) => {
    const r: Route = { match: translateMatch(m) };
    const name = h.name ? (m?.name ? `${h.name}.${m.name}` : h.name) : m?.name;
    if (name) r.name = name;
    if (h.redirect) {
      r.redirect = {
        ...(h.redirect.uri ? { pathRedirect: h.redirect.uri } : {}),
        ...(h.redirect.authority ? { hostRedirect: h.redirect.authority } : {}),
        ...(h.redirect.port ? { portRedirect: h.redirect.port } : {}),
        ...(h.redirect.scheme ? { schemeRedirect: h.redirect.scheme } : {}),
        responseCode: ({ 302: 'FOUND', 303: 'SEE_OTHER', 307: 'TEMPORARY_REDIRECT', 308: 'PERMANENT_REDIRECT' } as const)[h.redirect.redirectCode ?? 301] ?? 'MOVED_PERMANENTLY',
      };
    } else if (h.directResponse) {
      r.directResponse = { status: h.directResponse.status ?? 200, ...(h.directResponse.body?.string !== undefined ? { body: { inlineString: h.directResponse.body.string } } : {}) };
    } else {
      const timeout = duration(h.timeout) ?? '0s';
      const action: RouteAction = { timeout };
      const dests = (h.route ?? []).filter((d) => (h.route!.length === 1 ? true : (d.weight ?? 0) > 0));
      if (dests.length === 1) action.cluster = destinationCluster(dests[0].destination?.host, dests[0].destination?.subset, dests[0].destination?.port?.number, vs.namespace, listenerPort, lookup);
      else action.weightedClusters = { clusters: dests.map((d) => ({ name: destinationCluster(d.destination?.host, d.destination?.subset, d.destination?.port?.number, vs.namespace, listenerPort, lookup), weight: d.weight ?? 0 })) };
      const attempts = h.retries?.attempts;
      if (h.retries === undefined) action.retryPolicy = defaultRetryPolicy();
      else if ((attempts ?? 0) > 0) {
        const retryOn = h.retries.retryOn ?? defaultRetryOn;
        const codes = retryOn.split(',').filter((c) => /^\d+$/.test(c)).map(Number);
        const on = retryOn.split(',').filter((c) => !/^\d+$/.test(c));
        if (codes.length && !on.includes('retriable-status-codes')) on.push('retriable-status-codes');
        action.retryPolicy = {
          retryOn: on.join(','),
          numRetries: attempts!,
          ...(h.retries.perTryTimeout ? { perTryTimeout: duration(h.retries.perTryTimeout) } : {}),
          retryHostPredicate: previousHosts,
          hostSelectionRetryMaxAttempts: '5',
          ...(codes.length ? { retriableStatusCodes: codes } : retryOn === defaultRetryOn ? { retriableStatusCodes: [503] } : {}),
        };
      }
      if (h.mirror) {
        action.requestMirrorPolicies = [{ cluster: destinationCluster(h.mirror.host, h.mirror.subset, h.mirror.port?.number, vs.namespace, listenerPort, lookup), runtimeFraction: { defaultValue: percent(h.mirrorPercentage?.value) }, traceSampled: false }];
      }
      if (h.rewrite?.uri !== undefined) {
        if (m?.uri?.prefix !== undefined) action.prefixRewrite = h.rewrite.uri;
        else action.regexRewrite = { pattern: { regex: '/.*' }, substitution: h.rewrite.uri };
      }
      if (h.rewrite?.uriRegexRewrite) action.regexRewrite = { pattern: { regex: h.rewrite.uriRegexRewrite.match ?? '' }, substitution: h.rewrite.uriRegexRewrite.rewrite ?? '' };
      if (h.rewrite?.authority) action.hostRewriteLiteral = h.rewrite.authority;
      action.maxStreamDuration = { maxStreamDuration: timeout, grpcTimeoutHeaderMax: timeout };
      r.route = action;
    }
    r.metadata = { filterMetadata: { istio: { config } } };
    r.decorator = { operation: `${vhostName}/*` };
    if (h.fault) {
      const f: HttpFault = { '@type': FAULT_TYPE };
      if (h.fault.delay) f.delay = { fixedDelay: duration(h.fault.delay.fixedDelay) ?? '0s', percentage: percent(h.fault.delay.percentage?.value ?? h.fault.delay.percent) };
      if (h.fault.abort) f.abort = { httpStatus: h.fault.abort.httpStatus, percentage: percent(h.fault.abort.percentage?.value) };
      r.typedPerFilterConfig = { 'envoy.filters.http.fault': f };
    }
    if (h.headers?.request?.set || h.headers?.request?.add) {
      r.requestHeadersToAdd = [
        ...Object.entries(h.headers.request.set ?? {}).map(([key, value]) => ({ header: { key, value }, appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' })),
        ...Object.entries(h.headers.request.add ?? {}).map(([key, value]) => ({ header: { key, value }, appendAction: 'APPEND_IF_EXISTS_OR_ADD' })),
      ];
    }
    if (h.headers?.request?.remove) r.requestHeadersToRemove = h.headers.request.remove;
    if (h.headers?.response?.set || h.headers?.response?.add) {
      r.responseHeadersToAdd = [
        ...Object.entries(h.headers.response.set ?? {}).map(([key, value]) => ({ header: { key, value }, appendAction: 'OVERWRITE_IF_EXISTS_OR_ADD' })),
        ...Object.entries(h.headers.response.add ?? {}).map(([key, value]) => ({ header: { key, value }, appendAction: 'APPEND_IF_EXISTS_OR_ADD' })),
      ];
    }
    if (h.headers?.response?.remove) r.responseHeadersToRemove = h.headers.response.remove;
    return r;
  });
}

/** The route of a service without a VirtualService: everything to outbound|PORT||HOST with the default retries. */
export function defaultRoute(svc: MeshService, port: number): Route {
  return {
    name: 'default',
    match: { prefix: '/' },
    route: { cluster: outboundClusterName(port, '', svc.hostname), timeout: '0s', retryPolicy: defaultRetryPolicy(), maxStreamDuration: { maxStreamDuration: '0s', grpcTimeoutHeaderMax: '0s' } },
    decorator: { operation: `${svc.hostname}:${port}/*` },
  };
}

/** The domains a service's virtual host answers to, for a proxy in `proxyNamespace` (short name only there). */
export function serviceDomains(svc: MeshService, proxyNamespace: string | undefined): string[] {
  if (svc.entry) return [svc.hostname, ...(svc.address !== '0.0.0.0' ? [svc.address] : [])];
  const d = [svc.hostname];
  if (svc.namespace === proxyNamespace) d.push(svc.name);
  d.push(`${svc.name}.${svc.namespace}.svc`, `${svc.name}.${svc.namespace}`);
  if (svc.address !== '0.0.0.0') d.push(svc.address);
  return d;
}

/** A service port's outbound virtual host: the VirtualServices' routes for the host, or the default route. */
export function buildVirtualHost(svc: MeshService, port: number, vss: readonly VsEntry[], proxyNamespace: string | undefined, lookup: ServiceLookup): VirtualHost {
  const name = `${svc.hostname}:${port}`;
  const routes: Route[] = [];
  for (const vs of vss) {
    for (const h of vs.spec.http ?? []) {
      if (h.match?.some((m) => m.port !== undefined) && !h.match.some((m) => m.port === undefined || m.port === port)) continue;
      routes.push(...translateHttpRoute(vs, h, port, name, lookup));
    }
  }
  return { name, domains: serviceDomains(svc, proxyNamespace), routes: routes.length ? routes : [defaultRoute(svc, port)], includeRequestAttemptCount: true };
}

/** The catch-all virtual host of every outbound route configuration (ALLOW_ANY vs REGISTRY_ONLY). */
export function catchAllVirtualHost(allowAny: boolean): VirtualHost {
  return allowAny
    ? { name: 'allow_any', domains: ['*'], routes: [{ name: 'allow_any', match: { prefix: '/' }, route: { cluster: 'PassthroughCluster', timeout: '0s', maxStreamDuration: { maxStreamDuration: '0s', grpcTimeoutHeaderMax: '0s' } } }], includeRequestAttemptCount: true }
    : { name: 'block_all', domains: ['*'], routes: [{ name: 'block_all', match: { prefix: '/' }, directResponse: { status: 502 } }], includeRequestAttemptCount: true };
}
