import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import { hostsOverlap, isDNS1123Label, isIPv4, wildcardDomainError } from './hosts.ts';
import { parseGoDuration } from './duration.ts';
import { re2Error } from './regexp.ts';
import { sniDomainError, tlsRouteErrors } from './tlsroute.ts';
import type { Destination, HTTPRoute, RouteDestination, StringMatch, VirtualServiceSpec } from './types.ts';

/** Envoy retry conditions Istio accepts in retryOn (validation.go supportedRetryOnPolicies). */
const retryOnPolicies = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure', 'cancelled', 'deadline-exceeded', 'internal',
  'resource-exhausted', 'unavailable',
]);

/** Go's http.StatusText knows these codes (a retryOn entry may be a status code). */
const httpStatusCodes = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402,
  403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431,
  451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

function stringMatchErrors(sm: StringMatch | undefined, where: string): string[] {
  if (!sm) return [];
  if (sm.prefix !== undefined && sm.prefix === '') return [`"${where}": prefix string match should not be empty`];
  if (sm.regex === undefined) return [];
  if (sm.regex === '') return [`"${where}": regex string match should not be empty`];
  if (sm.regex.length > 1024) return [`"${where}": regex is too large, max length allowed is 1024`];
  const e = re2Error(sm.regex);
  return e ? [`"${where}": ${e}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`] : [];
}

function destinationErrors(d: Destination | undefined): string[] {
  if (!d) return [];
  const errs: string[] = [];
  if (d.host === '*') errs.push(`invalid destination host ${d.host}`);
  else {
    const e = wildcardDomainError(d.host ?? '');
    if (e) errs.push(e);
  }
  if (d.subset !== undefined && d.subset !== '') {
    if (!isDNS1123Label(d.subset)) errs.push(`subset name is invalid: ${d.subset}`);
  }
  if (d.port?.number !== undefined && (d.port.number < 1 || d.port.number > 65535)) errs.push(`port number ${d.port.number} must be in the range 1..65535`);
  return errs;
}

function durationErrors(d: string | undefined): string[] {
  if (d === undefined) return [];
  const ms = parseGoDuration(d);
  if (ms === undefined || ms < 1) return ['duration must be greater than 1ms'];
  return Number.isInteger(ms) ? [] : ['only durations to ms precision are supported'];
}

function percentageErrors(p: { value?: number } | undefined): string[] {
  if (!p) return [];
  const v = p.value ?? 0;
  return v < 0 || v > 100 ? [`percentage ${v} is not in range 0..100`] : [];
}

/** validateHTTPRoute (virtualservice.go) for an independent route. */
function httpRouteErrors(h: HTTPRoute): string[] {
  const errs: string[] = [];
  if (h.redirect) {
    if ((h.route ?? []).length > 0) errs.push('HTTP route cannot contain both route and redirect');
    if (h.fault) errs.push('HTTP route cannot contain both fault and redirect');
    if (h.rewrite) errs.push('HTTP route rule cannot contain both rewrite and redirect');
  } else if ((h.route ?? []).length === 0 && !h.directResponse && !h.delegate) errs.push('HTTP route or redirect is required');
  for (const m of h.match ?? []) {
    for (const [name, hm] of Object.entries(m.headers ?? {})) errs.push(...stringMatchErrors(hm, 'headers').map((e) => e), ...(name === '' ? ['header name cannot be empty'] : []));
    errs.push(...stringMatchErrors(m.uri, 'uri'), ...stringMatchErrors(m.scheme, 'scheme'), ...stringMatchErrors(m.method, 'method'), ...stringMatchErrors(m.authority, 'authority'));
    for (const qp of Object.values(m.queryParams ?? {})) errs.push(...stringMatchErrors(qp, 'queryParams'));
    if (m.port !== undefined && (m.port < 1 || m.port > 65535)) errs.push(`port number ${m.port} must be in the range 1..65535`);
  }
  if (h.fault) {
    if (!h.fault.abort && !h.fault.delay) errs.push('HTTP fault injection must have an abort and/or a delay');
    if (h.fault.abort) {
      errs.push(...percentageErrors(h.fault.abort.percentage));
      const s = h.fault.abort.httpStatus;
      if (s !== undefined && (s < 200 || s > 600)) errs.push(`HTTP status ${s} is not in range 200-599`);
    }
    if (h.fault.delay) {
      errs.push(...percentageErrors(h.fault.delay.percentage));
      errs.push(...durationErrors(h.fault.delay.fixedDelay));
      if (h.fault.delay.exponentialDelay !== undefined) errs.push(...durationErrors(h.fault.delay.exponentialDelay), 'exponentialDelay not supported yet');
    }
  }
  if (h.mirrorPercentage) {
    const v = h.mirrorPercentage.value ?? 0;
    if (v > 100) errs.push(`mirror_percentage must have a max value of 100 (it has ${v.toFixed(6)})`);
    if (v < 0) errs.push(`mirror_percentage must have a min value of 0 (it has ${v.toFixed(6)})`);
  }
  errs.push(...destinationErrors(h.mirror));
  if (h.redirect) {
    const r = h.redirect;
    if (!r.uri && !r.authority && r.port === undefined && r.derivePort === undefined && !r.scheme) errs.push('redirect must specify URI, authority, scheme, or port');
    else if (r.redirectCode !== undefined && r.redirectCode !== 0 && (r.redirectCode < 300 || r.redirectCode > 399)) errs.push(`${r.redirectCode} is not a valid redirect code, must be 3xx`);
    else if (r.scheme && r.scheme !== 'http' && r.scheme !== 'https') errs.push('invalid redirect scheme, must be "http" or "https"');
  }
  if (h.retries) {
    const r = h.retries;
    const attempts = r.attempts ?? 0;
    if (attempts < 0) errs.push('attempts cannot be negative');
    if (attempts === 0 && (r.perTryTimeout !== undefined || (r.retryOn ?? '') !== '' || r.retryRemoteLocalities !== undefined)) {
      errs.push('http retry policy configured when attempts are set to 0 (disabled)');
    }
    errs.push(...durationErrors(r.perTryTimeout));
    if (r.retryOn) {
      for (const p of r.retryOn.split(',')) {
        if (!retryOnPolicies.has(p) && !(/^\d+$/.test(p) && httpStatusCodes.has(Number(p)))) errs.push(`"${p}" is not a valid retryOn policy`);
      }
    }
  }
  if (h.rewrite && h.rewrite.uri !== undefined && h.rewrite.uriRegexRewrite) errs.push('rewrite may only contain one of URI or URI regex rewrite');
  if (h.rewrite?.uriRegexRewrite) {
    const e = re2Error(h.rewrite.uriRegexRewrite.match ?? '');
    if (e) errs.push(`uriRegexRewrite.match ${e}`);
  }
  let total = 0;
  for (const d of h.route ?? []) {
    if (!d.destination) errs.push('destination is required');
    errs.push(...destinationErrors(d.destination));
    if ((d.weight ?? 0) < 0) errs.push(`weight ${d.weight} < 0`);
    total += d.weight ?? 0;
  }
  if ((h.route ?? []).length > 1 && total === 0) errs.push('total destination weight = 0');
  errs.push(...durationErrors(h.timeout));
  return errs;
}

/** validateRouteDestinations: the destinations of a TCP or TLS route. */
function routeDestinationErrors(routes: readonly RouteDestination[] | undefined): string[] {
  const errs: string[] = [];
  let total = 0;
  for (const d of routes ?? []) {
    if (!d.destination) errs.push('destination is required');
    errs.push(...destinationErrors(d.destination));
    if ((d.weight ?? 0) < 0) errs.push(`weight ${d.weight} < 0`);
    total += d.weight ?? 0;
  }
  if ((routes ?? []).length > 1 && total === 0) errs.push('total destination weight = 0');
  return errs;
}

/** ValidateVirtualService (pkg/config/validation/validation.go). */
export function validateVirtualService(obj: KubeObject): string[] {
  const vs = (obj.spec ?? {}) as VirtualServiceSpec;
  const errs: string[] = [];
  const hosts = vs.hosts ?? [];
  const gateways = vs.gateways ?? [];
  if (hosts.length === 0) {
    if (gateways.length !== 0) errs.push('delegate virtual service must have no gateways specified');
    if ((vs.tls ?? []).length !== 0) errs.push('delegate virtual service must have no tls route specified');
    if ((vs.tcp ?? []).length !== 0) errs.push('delegate virtual service must have no tcp route specified');
  }
  for (const g of gateways) {
    const parts = g.split('/');
    if (parts.length === 1 && g.includes('.')) {
      const p = g.split('.');
      errs.push(`invalid gateway name: ${JSON.stringify(g)}. Gateway names cannot contain ".". To reference a gateway in another namespace, use the "namespace/name" format, e.g. "${p[1]}/${p[0]}"`);
    } else if (parts.length === 2 && !isDNS1123Label(parts[0])) errs.push(`invalid namespace in gateway name: ${JSON.stringify(g)}`);
  }
  const appliesToMesh = gateways.length === 0 || gateways.includes('mesh');
  // Hosts of a gateway-bound VirtualService with TLS SNI matches may be AUTO_PASSTHROUGH names (outbound_.PORT_._.HOST).
  const sni = (vs.tls ?? []).some((t) => t?.match?.some((m) => (m?.sniHosts ?? []).length > 0));
  let allValid = true;
  for (const h of hosts) {
    const e = appliesToMesh ? wildcardDomainError(h) : sniDomainError(sni, h);
    if (e) {
      if (!isIPv4(h)) {
        errs.push(e);
        allValid = false;
      }
    } else if (appliesToMesh && h === '*') {
      errs.push('wildcard host * is not allowed for virtual services bound to the mesh gateway');
      allValid = false;
    }
  }
  if (allValid) {
    for (let i = 0; i < hosts.length; i++) for (let j = i + 1; j < hosts.length; j++) if (hostsOverlap(hosts[i], hosts[j])) errs.push(`duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
  }
  if ((vs.http ?? []).length === 0 && (vs.tcp ?? []).length === 0 && (vs.tls ?? []).length === 0) errs.push('http, tcp or tls must be provided in virtual service');
  for (const h of vs.http ?? []) {
    if (!h) errs.push('http route may not be null');
    else errs.push(...httpRouteErrors(h));
  }
  for (const t of vs.tls ?? []) if (t) errs.push(...tlsRouteErrors(t, vs), ...routeDestinationErrors(t.route));
  for (const t of vs.tcp ?? []) {
    if ((t.route ?? []).length === 0) errs.push('TCP route is required');
    errs.push(...routeDestinationErrors(t.route));
  }
  return errs;
}

export const virtualService = istioKind({
  kind: 'VirtualService',
  group: 'networking.istio.io',
  plural: 'virtualservices',
  singular: 'virtualservice',
  shortNames: ['vs'],
  versions: ['v1', 'v1alpha3', 'v1beta1'],
  webhook: validateVirtualService,
});
