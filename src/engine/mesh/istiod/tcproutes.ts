import type { RouteDestination, TCPRoute } from '../../api/kinds/istio/types.ts';
import { TCP_PROXY_TYPE, type NetworkFilter } from '../envoy/types.ts';
import { outboundClusterName } from './clusters.ts';
import type { MeshService } from './model.ts';
import { destinationCluster, type ServiceLookup, type VsEntry } from './routes.ts';

/**
 * buildOutboundNetworkFilters for a route's destinations: one destination → tcp_proxy to its cluster (the cluster
 * name as stat prefix); several → weighted_clusters with stat prefix "VS_NAME.VS_NAMESPACE" (weight 0 dropped).
 */
export function routeTcpProxy(vs: VsEntry, dests: readonly RouteDestination[], port: number, lookup: ServiceLookup): NetworkFilter {
  const cluster = (d: RouteDestination) => destinationCluster(d.destination?.host, d.destination?.subset, d.destination?.port?.number, vs.namespace, port, lookup);
  if (dests.length === 1) {
    const c = cluster(dests[0]);
    return { name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: c, cluster: c } };
  }
  const clusters = dests.filter((d) => (d.weight ?? 0) > 0).map((d) => ({ name: cluster(d), weight: d.weight! }));
  return { name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: `${vs.name}.${vs.namespace}`, weightedClusters: { clusters } } };
}

function tcpMatches(r: TCPRoute, port: number): boolean {
  // An L4 match applies to the sidecar ("mesh") when it names no gateways or names mesh; `port` must equal the service port.
  if (!r.match?.length) return true;
  return r.match.some((m) => (m.port === undefined || m.port === port) && (!m.gateways?.length || m.gateways.includes('mesh')));
}

/**
 * The tcp_proxy of an outbound TCP listener for `svc:port` (pilot/pkg/networking/core/networkfilter.go): the
 * first `tcp` route of the oldest VirtualService for the host whose match applies to the port; one destination
 * → `cluster` with the cluster name as stat prefix, several → `weighted_clusters` with stat prefix
 * "VS_NAME.VS_NAMESPACE" (destinations of weight 0 dropped). No VirtualService: the service's own cluster.
 */
export function outboundTcpProxy(svc: MeshService, port: number, vss: readonly VsEntry[], lookup: ServiceLookup): { filter: NetworkFilter; vs?: string } {
  for (const vs of vss) {
    const route = (vs.spec.tcp ?? []).find((r) => tcpMatches(r, port));
    if (!route) continue;
    return { filter: routeTcpProxy(vs, route.route ?? [], port, lookup), vs: `${vs.namespace}/${vs.name}` };
  }
  const c = outboundClusterName(port, '', svc.hostname);
  return { filter: { name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: c, cluster: c } } };
}

/**
 * The tcp_proxy of a gateway TCP server on `servicePort` (buildGatewayNetworkFiltersFromTCPRoutes): the first
 * `tcp` route of the VirtualServices bound to the gateway whose match applies to the server port (no port, or
 * that port; no gateways, or this gateway); none → BlackHoleCluster.
 */
export function gatewayTcpProxy(vss: readonly VsEntry[], gateway: string, servicePort: number, lookup: ServiceLookup): NetworkFilter {
  for (const vs of vss) {
    const route = (vs.spec.tcp ?? []).find((r) => !r.match?.length || r.match.some((m) => (m.port === undefined || m.port === servicePort) && (!m.gateways?.length || m.gateways.some((g) => (g.includes('/') ? g : `${vs.namespace}/${g}`) === gateway))));
    if (!route) continue;
    return routeTcpProxy(vs, route.route ?? [], servicePort, lookup);
  }
  return { name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: 'BlackHoleCluster', cluster: 'BlackHoleCluster' } };
}
