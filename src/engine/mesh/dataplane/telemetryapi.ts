import type { ClusterRuntime } from '../../runtime.ts';
import { DATAPLANE_SERVICE, type Dataplane } from './dataplane.ts';

/**
 * One edge of the mesh graph as `Cluster.meshTelemetry()` returns it: what Istio's standard metrics say about
 * traffic from one source workload to one destination service (and the workload that answered), reported by the
 * source proxy over the last minute of virtual time.
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
  route?: { virtualService?: string; name: string; subset?: string };
}

/** The mesh's per-edge telemetry now; empty when Istio was never installed or nothing went through a proxy. */
export function meshTelemetry(rt: ClusterRuntime): MeshTelemetryEdge[] {
  const dp = rt.service<Dataplane>(DATAPLANE_SERVICE);
  if (!dp) return [];
  return dp.telemetry.edgesAt(dp.now()).map((e) => ({
    source: { workload: e.source, namespace: e.sourceNamespace, ...(e.sourceApp !== undefined ? { app: e.sourceApp } : {}), ...(e.sourceVersion !== undefined ? { version: e.sourceVersion } : {}) },
    destination: {
      service: e.destinationService,
      workload: e.destination,
      namespace: e.destinationNamespace,
      ...(e.destinationApp !== undefined ? { app: e.destinationApp } : {}),
      ...(e.destinationVersion !== undefined ? { version: e.destinationVersion } : {}),
    },
    protocol: e.protocol,
    requests: e.requests,
    rps: e.rps,
    errorRate: e.errorRate,
    p50: e.p50,
    p90: e.p90,
    p99: e.p99,
    mtls: e.mtls,
    codes: e.codes,
    ...(e.route ? { route: { ...e.route } } : {}),
  }));
}
