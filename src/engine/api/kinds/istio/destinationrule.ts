import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import { parseGoDuration } from './duration.ts';
import { isDNS1123Label, wildcardDomainError } from './hosts.ts';
import type { DestinationRuleSpec, TrafficPolicy } from './types.ts';

function durationErrors(d: string | undefined): string[] {
  if (d === undefined) return [];
  const ms = parseGoDuration(d);
  if (ms === undefined || ms < 1) return ['duration must be greater than 1ms'];
  return Number.isInteger(ms) ? [] : ['only durations to ms precision are supported'];
}

/** validateTrafficPolicy and the checks it calls (validation.go). */
function trafficPolicyErrors(p: TrafficPolicy | undefined): string[] {
  if (!p) return [];
  if (!p.outlierDetection && !p.connectionPool && !p.loadBalancer && !p.tls && !p.portLevelSettings) return ['traffic policy must have at least one field'];
  const errs: string[] = [];
  const od = p.outlierDetection;
  if (od) {
    errs.push(...durationErrors(od.baseEjectionTime), ...durationErrors(od.interval));
    if (od.maxEjectionPercent !== undefined && (od.maxEjectionPercent < 0 || od.maxEjectionPercent > 100)) errs.push(`percentage ${od.maxEjectionPercent} is not in range 0..100`);
    if (od.minHealthPercent !== undefined && (od.minHealthPercent < 0 || od.minHealthPercent > 100)) errs.push(`percentage ${od.minHealthPercent} is not in range 0..100`);
  }
  const cp = p.connectionPool;
  if (cp) {
    if (!cp.tcp && !cp.http) errs.push('connection pool must have at least one field');
    if ((cp.http?.http1MaxPendingRequests ?? 0) < 0) errs.push('http1 max pending requests must be non-negative');
    if ((cp.http?.http2MaxRequests ?? 0) < 0) errs.push('http2 max requests must be non-negative');
    if ((cp.http?.maxRequestsPerConnection ?? 0) < 0) errs.push('max requests per connection must be non-negative');
    if ((cp.http?.maxRetries ?? 0) < 0) errs.push('max retries must be non-negative');
    if ((cp.tcp?.maxConnections ?? 0) < 0) errs.push('max connections must be non-negative');
    errs.push(...durationErrors(cp.tcp?.connectTimeout));
  }
  const ch = p.loadBalancer?.consistentHash;
  if (ch?.httpCookie && !ch.httpCookie.name) errs.push('name required for HttpCookie');
  for (const pl of p.portLevelSettings ?? []) {
    if (!pl.port) errs.push('portTrafficPolicy must have valid port');
    if (!pl.outlierDetection && !pl.connectionPool && !pl.loadBalancer && !pl.tls) errs.push('port traffic policy must have at least one field');
    else errs.push(...trafficPolicyErrors(pl));
  }
  return errs;
}

/** ValidateDestinationRule. */
export function validateDestinationRule(obj: KubeObject): string[] {
  const dr = (obj.spec ?? {}) as DestinationRuleSpec;
  const errs: string[] = [];
  const he = wildcardDomainError(dr.host ?? '');
  if (he) errs.push(he);
  errs.push(...trafficPolicyErrors(dr.trafficPolicy));
  const seen = new Set<string>();
  for (const s of dr.subsets ?? []) {
    if (!s) {
      errs.push('subset may not be null');
      continue;
    }
    if (seen.has(s.name ?? '')) errs.push(`duplicate subset names: ${s.name}`);
    seen.add(s.name ?? '');
    if (!s.name) errs.push('subset name cannot be empty');
    else if (!isDNS1123Label(s.name)) errs.push(`subset name is invalid: ${s.name}`);
    errs.push(...trafficPolicyErrors(s.trafficPolicy));
  }
  return errs;
}

export const destinationRule = istioKind({
  kind: 'DestinationRule',
  group: 'networking.istio.io',
  plural: 'destinationrules',
  singular: 'destinationrule',
  shortNames: ['dr'],
  versions: ['v1', 'v1alpha3', 'v1beta1'],
  webhook: validateDestinationRule,
});
