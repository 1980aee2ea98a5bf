import type { Cluster, LbEndpoint, OutlierDetection } from '../envoy/types.ts';
import type { Rng } from '../../util/rng.ts';
import { durationMs } from './duration.ts';

/** One upstream host as a proxy tracks it. */
export interface HostState {
  /** Requests in flight: their end times (virtual ms). */
  active: number[];
  consecutive5xx: number;
  consecutiveGateway: number;
  ejectedUntil: number;
  ejections: number;
}

/** A proxy's runtime state for one cluster: round-robin position, requests in flight, outlier detection. */
export class ClusterState {
  rr = 0;
  /** End times of requests in flight to the cluster (circuit breaking). */
  inflight: number[] = [];
  readonly hosts = new Map<string, HostState>();
  overflows = 0;
  ejectionsTotal = 0;

  host(addr: string): HostState {
    let h = this.hosts.get(addr);
    if (!h) this.hosts.set(addr, (h = { active: [], consecutive5xx: 0, consecutiveGateway: 0, ejectedUntil: 0, ejections: 0 }));
    return h;
  }

  prune(now: number): void {
    if (this.inflight.length) this.inflight = this.inflight.filter((t) => t > now);
    for (const h of this.hosts.values()) if (h.active.length) h.active = h.active.filter((t) => t > now);
  }

  /**
   * End early a request recorded as in flight until `end` (Envoy resets the upstream stream when the route's
   * timeout or per-try timeout fires, and the circuit breaker's counters drop then).
   */
  release(addr: string, end: number, at: number): void {
    if (at >= end) return;
    const i = this.inflight.indexOf(end);
    if (i >= 0) this.inflight[i] = at;
    const h = this.hosts.get(addr);
    const j = h ? h.active.indexOf(end) : -1;
    if (h && j >= 0) h.active[j] = at;
  }

  ejected(addr: string, now: number): boolean {
    const h = this.hosts.get(addr);
    return !!h && h.ejectedUntil > now;
  }
}

export function endpointKey(e: LbEndpoint): string {
  const a = e.endpoint.address.socketAddress;
  return `${a.address}:${a.portValue}`;
}

function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The cluster's healthy_panic_threshold in percent: Envoy's 50 when unset; a set Percent without value is 0. */
export function panicThreshold(c: Cluster): number {
  const t = c.commonLbConfig?.healthyPanicThreshold;
  return t ? (t.value ?? 0) : 50;
}

/**
 * Pick a host as Envoy's load balancers do. Ejected hosts are skipped unless fewer than the panic threshold
 * (50% by default) are healthy, in which case Envoy balances over all of them ("panic mode").
 * ROUND_ROBIN: in turn; LEAST_REQUEST: the less loaded of two random choices; RANDOM; RING_HASH / MAGLEV:
 * the hash of the request's key picks the same host while the host set is unchanged.
 */
export function pickHost(c: Cluster, st: ClusterState, hosts: readonly LbEndpoint[], now: number, rng: Rng, hashKey: string | undefined, exclude: ReadonlySet<string>): { host: LbEndpoint; panic: boolean } | undefined {
  if (hosts.length === 0) return undefined;
  let healthy = hosts.filter((h) => !st.ejected(endpointKey(h), now));
  const panicAt = panicThreshold(c);
  let panic = false;
  if ((healthy.length / hosts.length) * 100 < panicAt) {
    panic = healthy.length < hosts.length;
    healthy = [...hosts];
  }
  // Panic mode disabled (threshold 0) and every host ejected: no host at all ("no healthy upstream").
  if (healthy.length === 0) return undefined;
  // previous_hosts retry predicate: avoid hosts already tried while others remain.
  const fresh = healthy.filter((h) => !exclude.has(endpointKey(h)));
  const pool = fresh.length ? fresh : healthy;
  let pick: LbEndpoint;
  switch (c.lbPolicy) {
    case 'RANDOM':
      pick = pool[rng.int(pool.length)];
      break;
    case 'RING_HASH':
    case 'MAGLEV': {
      if (hashKey === undefined) pick = pool[rng.int(pool.length)];
      else {
        // Rendezvous hashing stands in for the ring: stable per key, moves only the keys of a removed host.
        let best = pool[0];
        let bestScore = -1;
        for (const h of pool) {
          const s = hash32(`${hashKey}|${endpointKey(h)}`);
          if (s > bestScore) [best, bestScore] = [h, s];
        }
        pick = best;
      }
      break;
    }
    case 'LEAST_REQUEST': {
      if (pool.length === 1) pick = pool[0];
      else {
        const a = pool[rng.int(pool.length)];
        const b = pool[rng.int(pool.length)];
        const la = st.host(endpointKey(a)).active.length;
        const lb = st.host(endpointKey(b)).active.length;
        pick = lb < la ? b : a;
      }
      break;
    }
    default:
      pick = pool[st.rr++ % pool.length];
  }
  return { host: pick, panic };
}

/** What a response tells outlier detection: a 5xx (or a connection failure, counted as a 503), a gateway error, or success. */
export function recordOutcome(od: OutlierDetection | undefined, st: ClusterState, addr: string, status: number, hostsTotal: number, now: number): string | undefined {
  if (!od) return undefined;
  const h = st.host(addr);
  const gateway = status === 502 || status === 503 || status === 504;
  if (status >= 500) h.consecutive5xx++;
  else h.consecutive5xx = 0;
  if (gateway) h.consecutiveGateway++;
  else h.consecutiveGateway = 0;
  if (h.ejectedUntil > now) return undefined;
  const by5xx = od.consecutive5xx !== undefined && (od.enforcingConsecutive5xx ?? 100) > 0 && h.consecutive5xx >= od.consecutive5xx;
  const byGw = od.consecutiveGatewayFailure !== undefined && (od.enforcingConsecutiveGatewayFailure ?? 0) > 0 && h.consecutiveGateway >= od.consecutiveGatewayFailure;
  if (!by5xx && !byGw) return undefined;
  // maxEjectionPercent (Envoy default 10%, but at least one host may always be ejected).
  const max = od.maxEjectionPercent ?? 10;
  let ejectedNow = 0;
  for (const x of st.hosts.values()) if (x.ejectedUntil > now) ejectedNow++;
  if (ejectedNow > 0 && ((ejectedNow + 1) / hostsTotal) * 100 > max) return undefined;
  h.ejections++;
  st.ejectionsTotal++;
  const base = durationMs(od.baseEjectionTime) ?? 30_000;
  const interval = durationMs(od.interval) ?? 10_000;
  // Ejected for baseEjectionTime × times ejected (capped at max_ejection_time, 300 s); hosts return at an interval tick.
  const until = now + Math.min(base * h.ejections, Math.max(300_000, base));
  h.ejectedUntil = Math.ceil(until / interval) * interval;
  h.consecutive5xx = 0;
  h.consecutiveGateway = 0;
  return by5xx ? `consecutive_5xx (${od.consecutive5xx})` : `consecutive_gateway_failure (${od.consecutiveGatewayFailure})`;
}
