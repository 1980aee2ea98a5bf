import type { Resp } from './envoy.ts';

/** A workload name from a pod name (the ReplicaSet and pod suffixes dropped, as Istio's workload label does). */
export function workloadOf(podName: string): string {
  return podName.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '');
}

interface Sample {
  t: number;
  ms: number;
  status: number;
  mtls: boolean;
  flags: string;
}

/**
 * One edge of the mesh graph as `Cluster.meshTelemetry()`, `lab mesh stats` and the lessons' mesh checks read it:
 * what Istio's standard metrics say about traffic from one source workload to one destination service (and the
 * workload that answered), reported by the source proxy over the last minute of virtual time.
 */
export interface MeshTelemetryEdge {
  /** The calling workload; "unknown" (namespace "unknown") for plaintext clients outside the mesh. */
  source: { workload: string; namespace: string; app?: string; version?: string };
  /**
   * The destination service's host (e.g. "reviews.default.svc.cluster.local", a ServiceEntry host) and the workload
   * that answered. A local reply (no healthy upstream, circuit breaker, fault abort) names the service as workload.
   */
  destination: { service: string; workload: string; namespace: string; app?: string; version?: string };
  /** "http": requests through an HTTP route; "tcp": connections through a tcp_proxy. */
  protocol: 'http' | 'tcp';
  /** Requests (or connections) ever seen on the edge, and per second over the last virtual minute. */
  requests: number;
  rps: number;
  /** Share of 5xx answers and resets (failed connections for TCP) over the last virtual minute, 0..1. */
  errorRate: number;
  /** Request duration quantiles over the last virtual minute, milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  /** Whether the latest request used Istio mutual TLS. */
  mtls: boolean;
  /** Response codes over the last virtual minute ("reset" for connections reset or refused); TCP edges count "ok" and "reset". */
  codes: Record<string, number>;
  /**
   * HTTP: the route the latest request took at the source proxy — the VirtualService ("NAME.NAMESPACE", absent for
   * Istio's default route), the Envoy route's name and the DestinationRule subset of the cluster it picked.
   */
  route?: MeshRoute;
}

/** Which route of the source proxy's route configuration a request took, as the trace's route step names it. */
export interface MeshRoute {
  /** "NAME.NAMESPACE" of the VirtualService the route came from; absent for Istio's default route. */
  virtualService?: string;
  /** The Envoy route's name ("#0" when unnamed). */
  name: string;
  /** The DestinationRule subset of the picked cluster ("v1" from outbound|9080|v1|reviews...), if any. */
  subset?: string;
}

/** The route step of an answer's hops (the first one the router wrote), as a MeshRoute. */
function routeOf(r: Resp): MeshRoute | undefined {
  for (const s of r.steps) {
    const d = s.data;
    if (!d || typeof d.route !== 'string' || typeof d.routeConfig !== 'string') continue;
    const subset = typeof d.cluster === 'string' ? d.cluster.split('|')[2] : undefined;
    return { ...(typeof d.virtualService === 'string' ? { virtualService: d.virtualService } : {}), name: d.route, ...(subset ? { subset } : {}) };
  }
  return undefined;
}

const WINDOW_MS = 60_000;
const MAX_SAMPLES = 5_000;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** The source side of a sample: the workload (pod name without its generated suffixes) and its app/version labels. */
export interface TelemetrySource {
  workload: string;
  namespace: string;
  app?: string;
  version?: string;
}

interface EdgeState {
  src: TelemetrySource;
  dst: string;
  dstNs: string;
  dstApp?: string;
  dstVersion?: string;
  route?: MeshRoute;
  service: string;
  protocol: 'http' | 'tcp';
  total: number;
  samples: Sample[];
}

/** Istio's standard metrics reduced to what the lab shows: per edge counts, errors and latency quantiles (reporter=source). */
export class MeshTelemetry {
  private edges = new Map<string, EdgeState>();

  record(t: number, src: TelemetrySource, r: Resp, ms: number, protocol: 'http' | 'tcp' = 'http'): void {
    const w = r.upstream?.workload;
    // The endpoint's istio metadata: "NAME;NAMESPACE;CANONICAL_SERVICE;CANONICAL_REVISION;CLUSTER".
    const [dst, dstNs, dstApp, dstVersion] = w ? w.split(';') : ['unknown', 'unknown'];
    const service = r.upstream?.service ?? 'unknown';
    const key = `${src.namespace}/${src.workload}>${service}>${dstNs}/${dst}>${protocol}`;
    let e = this.edges.get(key);
    if (!e) this.edges.set(key, (e = { src, dst, dstNs, ...(dstApp ? { dstApp } : {}), ...(dstVersion ? { dstVersion } : {}), service, protocol, total: 0, samples: [] }));
    e.total++;
    if (protocol === 'http') e.route = routeOf(r) ?? e.route;
    e.samples.push({ t, ms, status: r.reset ? 0 : r.status, mtls: !!r.upstream?.mtls, flags: r.flags.join(',') });
    if (e.samples.length > MAX_SAMPLES) e.samples.splice(0, e.samples.length - MAX_SAMPLES);
  }

  edgesAt(now: number): MeshTelemetryEdge[] {
    const out: MeshTelemetryEdge[] = [];
    for (const e of this.edges.values()) {
      const win = e.samples.filter((s) => s.t > now - WINDOW_MS && s.t <= now + WINDOW_MS);
      const lat = win.map((s) => s.ms).sort((a, b) => a - b);
      const codes: Record<string, number> = {};
      // TCP connections have no response code (istio_tcp_connections_*): "ok" or "reset".
      const code = (s: Sample) => (e.protocol === 'tcp' ? (s.status > 0 && s.status < 500 ? 'ok' : 'reset') : s.status ? String(s.status) : 'reset');
      for (const s of win) codes[code(s)] = (codes[code(s)] ?? 0) + 1;
      const errors = win.filter((s) => s.status === 0 || s.status >= 500).length;
      const span = win.length > 1 ? Math.max(1000, win[win.length - 1].t - win[0].t) : 1000;
      out.push({
        source: { workload: e.src.workload, namespace: e.src.namespace, ...(e.src.app !== undefined ? { app: e.src.app } : {}), ...(e.src.version !== undefined ? { version: e.src.version } : {}) },
        destination: { service: e.service, workload: e.dst, namespace: e.dstNs, ...(e.dstApp !== undefined ? { app: e.dstApp } : {}), ...(e.dstVersion !== undefined ? { version: e.dstVersion } : {}) },
        protocol: e.protocol,
        requests: e.total,
        rps: win.length ? Math.round((win.length / span) * 1000 * 100) / 100 : 0,
        errorRate: win.length ? errors / win.length : 0,
        p50: quantile(lat, 0.5),
        p90: quantile(lat, 0.9),
        p99: quantile(lat, 0.99),
        mtls: e.samples[e.samples.length - 1]?.mtls ?? false,
        codes,
        ...(e.route ? { route: { ...e.route } } : {}),
      });
    }
    const key = (e: MeshTelemetryEdge) => `${e.source.namespace + e.source.workload + e.destination.workload}\0${e.destination.service}\0${e.protocol}`;
    return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  reset(): void {
    this.edges.clear();
  }
}
