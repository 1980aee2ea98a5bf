import type { DestinationRuleSpec, Subset, TrafficPolicy } from '../../api/kinds/istio/types.ts';
import { parseGoDuration, protoDuration } from '../../api/kinds/istio/duration.ts';
import type { Cluster, ClusterLoadAssignment, LbEndpoint, OutlierDetection } from '../envoy/types.ts';
import type { MeshService, ServicePort } from './model.ts';
import type { MtlsMode } from './security.ts';
import { clusterSni, istioMutualUpstream, rawBuffer } from './tls.ts';

const MAX = 4294967295;
const edsConfig = { ads: {} as Record<string, never>, initialFetchTimeout: '0s', resourceApiVersion: 'V3' as const };

/** Cluster name as Istio builds it: outbound|PORT|SUBSET|HOST. */
export function outboundClusterName(port: number, subset: string, host: string): string {
  return `outbound|${port}|${subset}|${host}`;
}

/** An endpoint of a service: a ready pod address (or ServiceEntry endpoint) with its labels. */
export interface MeshEndpoint {
  ip: string;
  /** Port by service port name ('' for unnamed). */
  ports: Map<string, number>;
  labels: Record<string, string>;
  podName: string;
  namespace: string;
  /** True when the pod runs a sidecar (endpoint metadata tlsMode: istio). */
  sidecar: boolean;
}

/** The traffic policy for a port: the port-level settings replace the top-level ones field by field. */
export function policyForPort(tp: TrafficPolicy | undefined, port: number): TrafficPolicy | undefined {
  if (!tp) return undefined;
  const pl = tp.portLevelSettings?.find((p) => p.port?.number === port);
  if (!pl) return tp;
  return { ...tp, ...Object.fromEntries(Object.entries(pl).filter(([k]) => k !== 'port')) };
}

function ms(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const v = parseGoDuration(d);
  return v === undefined ? undefined : protoDuration(v);
}

function outlier(od: TrafficPolicy['outlierDetection']): OutlierDetection | undefined {
  if (!od) return undefined;
  const out: OutlierDetection = {};
  const c5 = od.consecutive5xxErrors ?? od.consecutiveErrors;
  if (c5 !== undefined) {
    out.consecutive5xx = c5;
    out.enforcingConsecutive5xx = c5 > 0 ? 100 : 0;
  } else out.enforcingConsecutive5xx = 0;
  if (od.consecutiveGatewayErrors !== undefined) {
    out.consecutiveGatewayFailure = od.consecutiveGatewayErrors;
    out.enforcingConsecutiveGatewayFailure = od.consecutiveGatewayErrors > 0 ? 100 : 0;
  }
  if (od.interval) out.interval = ms(od.interval);
  if (od.baseEjectionTime) out.baseEjectionTime = ms(od.baseEjectionTime);
  if (od.maxEjectionPercent !== undefined) out.maxEjectionPercent = od.maxEjectionPercent;
  out.enforcingSuccessRate = 0;
  return out;
}

/** Apply a DestinationRule traffic policy to an outbound cluster (applyTrafficPolicy). */
function applyPolicy(c: Cluster, tp: TrafficPolicy | undefined, sni: string, autoMtls: boolean): void {
  const lb = tp?.loadBalancer;
  if (lb?.simple === 'ROUND_ROBIN') c.lbPolicy = undefined;
  else if (lb?.simple === 'RANDOM') c.lbPolicy = 'RANDOM';
  else if (lb?.simple === 'PASSTHROUGH') {
    c.type = 'ORIGINAL_DST';
    c.lbPolicy = 'CLUSTER_PROVIDED';
    delete c.edsClusterConfig;
  } else if (lb?.consistentHash) {
    c.lbPolicy = lb.consistentHash.maglev ? 'MAGLEV' : 'RING_HASH';
    if (c.lbPolicy === 'RING_HASH') c.ringHashLbConfig = { minimumRingSize: String(lb.consistentHash.ringHash?.minimumRingSize ?? lb.consistentHash.minimumRingSize ?? 1024) };
  }
  const cp = tp?.connectionPool;
  if (cp) {
    c.circuitBreakers = {
      thresholds: [
        {
          maxConnections: cp.tcp?.maxConnections ?? MAX,
          maxPendingRequests: cp.http?.http1MaxPendingRequests ?? MAX,
          maxRequests: cp.http?.http2MaxRequests ?? MAX,
          maxRetries: cp.http?.maxRetries ?? MAX,
          trackRemaining: true,
        },
      ],
    };
    if (cp.tcp?.connectTimeout) c.connectTimeout = ms(cp.tcp.connectTimeout) ?? c.connectTimeout;
  }
  const od = outlier(tp?.outlierDetection);
  if (od) {
    c.outlierDetection = od;
    // Istio disables Envoy's panic mode (50% by default) with outlier detection: healthy_panic_threshold is
    // minHealthPercent, 0 when unset (cluster_traffic_policy.go applyOutlierDetection); negative leaves Envoy's.
    const minHealth = tp?.outlierDetection?.minHealthPercent ?? 0;
    if (minHealth >= 0) c.commonLbConfig = { ...c.commonLbConfig, healthyPanicThreshold: minHealth ? { value: minHealth } : {} };
  }
  const mode = tp?.tls?.mode;
  if (mode === 'ISTIO_MUTUAL') c.transportSocket = istioMutualUpstream(sni);
  else if (mode === undefined && autoMtls) {
    c.transportSocketMatches = [
      { name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transportSocket: istioMutualUpstream(sni) },
      { name: 'tlsMode-disabled', match: {}, transportSocket: rawBuffer },
    ];
  }
}

/** Build one outbound cluster (optionally for a subset) of a service port. */
export function buildOutboundCluster(svc: MeshService, port: ServicePort, dr: DestinationRuleSpec | undefined, drPath: string | undefined, subset?: Subset, serverMtls: MtlsMode = 'PERMISSIVE'): Cluster {
  const name = outboundClusterName(port.port, subset?.name ?? '', svc.hostname);
  const entry = svc.entry;
  const type = entry ? (entry.resolution === 'DNS' || entry.resolution === 'DNS_ROUND_ROBIN' ? (entry.resolution === 'DNS' ? 'STRICT_DNS' : 'LOGICAL_DNS') : entry.resolution === 'NONE' ? 'ORIGINAL_DST' : 'EDS') : 'EDS';
  const c: Cluster = {
    name,
    type,
    ...(type === 'EDS' ? { edsClusterConfig: { edsConfig, serviceName: name } } : {}),
    connectTimeout: '10s',
    lbPolicy: type === 'ORIGINAL_DST' ? 'CLUSTER_PROVIDED' : 'LEAST_REQUEST',
    circuitBreakers: { thresholds: [{ maxConnections: MAX, maxPendingRequests: MAX, maxRequests: MAX, maxRetries: MAX, trackRemaining: true }] },
    commonLbConfig: {},
    metadata: {
      filterMetadata: {
        istio: {
          ...(drPath ? { config: drPath } : {}),
          default_original_port: port.port,
          services: [{ host: svc.hostname, name: svc.name, namespace: svc.namespace }],
          ...(subset ? { subset: subset.name } : {}),
        },
      },
    },
  };
  if (type === 'STRICT_DNS' || type === 'LOGICAL_DNS') {
    c.dnsLookupFamily = 'V4_ONLY';
    c.dnsRefreshRate = '60s';
    c.respectDnsTtl = true;
    const eps = entry!.endpoints.length > 0 ? entry!.endpoints : [{ address: svc.hostname }];
    c.loadAssignment = {
      clusterName: name,
      endpoints: [{ locality: {}, lbEndpoints: eps.map((e) => ({ endpoint: { address: { socketAddress: { address: e.address, portValue: port.port } } }, healthStatus: 'HEALTHY', loadBalancingWeight: 1 })) }],
    };
  }
  const sni = clusterSni(port.port, subset?.name ?? '', svc.hostname);
  // Auto mTLS stays off towards external services and when the service namespace's PeerAuthentication disables mTLS.
  const internal = (!entry || entry.location === 'MESH_INTERNAL') && serverMtls !== 'DISABLE';
  applyPolicy(c, policyForPort(dr?.trafficPolicy, port.port), sni, internal);
  if (subset?.trafficPolicy) applyPolicy(c, policyForPort(subset.trafficPolicy, port.port), sni, false);
  return c;
}

function matchesLabels(labels: Record<string, string>, sel: Record<string, string> | undefined): boolean {
  for (const k in sel) if (labels[k] !== sel[k]) return false;
  return true;
}

/** The EDS resource of an outbound cluster: the ready endpoints whose labels match the subset. */
export function buildLoadAssignment(clusterName: string, port: ServicePort, endpoints: readonly MeshEndpoint[], subset?: Subset, svcName?: string): ClusterLoadAssignment {
  const lb: LbEndpoint[] = [];
  for (const e of endpoints) {
    if (subset && !matchesLabels(e.labels, subset.labels)) continue;
    const p = e.ports.get(port.name) ?? (typeof port.targetPort === 'number' ? port.targetPort : e.ports.values().next().value);
    if (p === undefined) continue;
    const app = e.labels.app ?? e.labels['app.kubernetes.io/name'] ?? svcName ?? '';
    const version = e.labels.version ?? e.labels['app.kubernetes.io/version'] ?? 'latest';
    lb.push({
      endpoint: { address: { socketAddress: { address: e.ip, portValue: p } } },
      healthStatus: 'HEALTHY',
      metadata: {
        filterMetadata: {
          ...(e.sidecar ? { 'envoy.transport_socket_match': { tlsMode: 'istio' } } : {}),
          istio: { workload: `${e.podName.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '')};${e.namespace};${app};${version};Kubernetes` },
        },
      },
      loadBalancingWeight: 1,
    });
  }
  return { clusterName, endpoints: lb.length ? [{ locality: {}, lbEndpoints: lb, loadBalancingWeight: lb.length }] : [] };
}

/** The static clusters every sidecar has (Envoy bootstrap and Istio's fallbacks). */
export function staticClusters(): Cluster[] {
  const local = (name: string, address: string, port: number): Cluster => ({
    name,
    type: 'STATIC',
    connectTimeout: '1s',
    loadAssignment: { clusterName: name, endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address, portValue: port } } }, healthStatus: 'HEALTHY', loadBalancingWeight: 1 }] }] },
  });
  return [
    { name: 'BlackHoleCluster', type: 'STATIC', connectTimeout: '10s' },
    { name: 'InboundPassthroughCluster', type: 'ORIGINAL_DST', connectTimeout: '10s', lbPolicy: 'CLUSTER_PROVIDED', circuitBreakers: { thresholds: [{ maxConnections: MAX, maxPendingRequests: MAX, maxRequests: MAX, maxRetries: MAX, trackRemaining: true }] }, cleanupInterval: '60s', upstreamBindConfig: { sourceAddress: { address: '127.0.0.6', portValue: 0 } } },
    { name: 'PassthroughCluster', type: 'ORIGINAL_DST', connectTimeout: '10s', lbPolicy: 'CLUSTER_PROVIDED', circuitBreakers: { thresholds: [{ maxConnections: MAX, maxPendingRequests: MAX, maxRequests: MAX, maxRetries: MAX, trackRemaining: true }] }, cleanupInterval: '60s' },
    local('agent', '127.0.0.1', 15020),
    local('prometheus_stats', '127.0.0.1', 15000),
    { name: 'sds-grpc', type: 'STATIC', connectTimeout: '1s', loadAssignment: { clusterName: 'sds-grpc', endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: './var/run/secrets/workload-spiffe-uds/socket', portValue: 0 } } }, healthStatus: 'HEALTHY', loadBalancingWeight: 1 }] }] } },
    { name: 'xds-grpc', type: 'STATIC', connectTimeout: '1s', loadAssignment: { clusterName: 'xds-grpc', endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: './etc/istio/proxy/XDS', portValue: 0 } } }, healthStatus: 'HEALTHY', loadBalancingWeight: 1 }] }] } },
  ];
}

/** inbound|PORT||: the cluster delivering to the local app (original destination, from 127.0.0.6). */
export function inboundCluster(port: number, svc: MeshService | undefined): Cluster {
  return {
    name: `inbound|${port}||`,
    type: 'ORIGINAL_DST',
    connectTimeout: '10s',
    lbPolicy: 'CLUSTER_PROVIDED',
    circuitBreakers: { thresholds: [{ maxConnections: MAX, maxPendingRequests: MAX, maxRequests: MAX, maxRetries: MAX, trackRemaining: true }] },
    cleanupInterval: '60s',
    upstreamBindConfig: { sourceAddress: { address: '127.0.0.6', portValue: 0 } },
    metadata: { filterMetadata: { istio: svc ? { services: [{ host: svc.hostname, name: svc.name, namespace: svc.namespace }] } : {} } },
  };
}
