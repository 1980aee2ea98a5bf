import { HCM_TYPE, ROUTER_TYPE, TCP_PROXY_TYPE, type FilterChain, type HttpConnectionManager, type HttpFilter, type Listener, type NetworkFilter, type RbacFilterConfig, type RouteConfiguration } from '../envoy/types.ts';
import type { MtlsMode } from './security.ts';
import { istioMutualDownstream } from './tls.ts';

const ads = { ads: {} as Record<string, never>, initialFetchTimeout: '0s', resourceApiVersion: 'V3' as const };
const router: HttpFilter = { name: 'envoy.filters.http.router', typedConfig: { '@type': ROUTER_TYPE } };
const fault: HttpFilter = { name: 'envoy.filters.http.fault', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault' } };
const listenerFilters = [
  { name: 'envoy.filters.listener.tls_inspector', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' } },
  { name: 'envoy.filters.listener.http_inspector', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector' } },
];

export function tcpProxy(statPrefix: string, cluster: string): NetworkFilter {
  return { name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix, cluster } };
}

function hcm(statPrefix: string, route: { rds: string } | { inline: RouteConfiguration }, rbac: readonly RbacFilterConfig[] = []): NetworkFilter {
  const typedConfig: HttpConnectionManager = {
    '@type': HCM_TYPE,
    statPrefix,
    ...('rds' in route ? { rds: { configSource: ads, routeConfigName: route.rds } } : { routeConfig: route.inline }),
    httpFilters: [...rbac.map((r) => ({ name: 'envoy.filters.http.rbac', typedConfig: r as unknown as HttpFilter['typedConfig'] })), fault, router],
    useRemoteAddress: false,
    forwardClientCertDetails: 'APPEND_FORWARD',
    normalizePath: true,
  };
  return { name: 'envoy.filters.network.http_connection_manager', typedConfig };
}

const passthroughChain: FilterChain = { name: 'PassthroughFilterChain', filterChainMatch: {}, filters: [tcpProxy('PassthroughCluster', 'PassthroughCluster')] };

/** 0.0.0.0_PORT: outbound HTTP on a port, routes by RDS name PORT; other traffic passes through. */
export function outboundHttpListener(port: number, routeName = String(port)): Listener {
  return {
    name: `0.0.0.0_${port}`,
    address: { socketAddress: { address: '0.0.0.0', portValue: port } },
    filterChains: [{ name: `0.0.0.0_${port}`, filterChainMatch: { transportProtocol: 'raw_buffer', applicationProtocols: ['http/1.1', 'h2c'] }, filters: [hcm(`outbound_0.0.0.0_${port}`, { rds: routeName })] }],
    defaultFilterChain: passthroughChain,
    listenerFilters,
    trafficDirection: 'OUTBOUND',
    bindToPort: false,
    continueOnListenerFiltersTimeout: true,
  };
}

/** ADDRESS_PORT: outbound TCP to one service port (its tcp_proxy from tcproutes.ts). */
export function outboundTcpListener(address: string, port: number, tcp: NetworkFilter): Listener {
  return {
    name: `${address}_${port}`,
    address: { socketAddress: { address, portValue: port } },
    filterChains: [{ filterChainMatch: {}, filters: [tcp] }],
    trafficDirection: 'OUTBOUND',
    bindToPort: false,
  };
}

/**
 * ADDRESS_PORT for a port whose protocol istiod cannot tell (no http-/tcp- name, no appProtocol): Envoy sniffs
 * the first bytes; HTTP goes to the per-service route configuration "HOST:PORT", anything else to the cluster.
 */
export function outboundSniffingListener(address: string, port: number, routeName: string, tcp: NetworkFilter): Listener {
  return {
    name: `${address}_${port}`,
    address: { socketAddress: { address, portValue: port } },
    filterChains: [
      { filterChainMatch: { transportProtocol: 'raw_buffer', applicationProtocols: ['http/1.1', 'h2c'] }, filters: [hcm(`outbound_${address}_${port}`, { rds: routeName })] },
      { filterChainMatch: {}, filters: [tcp] },
    ],
    listenerFilters,
    trafficDirection: 'OUTBOUND',
    bindToPort: false,
    continueOnListenerFiltersTimeout: true,
  };
}

/** 0.0.0.0_15001: every outbound connection arrives here and is handed to the listener for its original destination. */
export function virtualOutbound(allowAny: boolean): Listener {
  const fallback = allowAny ? 'PassthroughCluster' : 'BlackHoleCluster';
  return {
    name: 'virtualOutbound',
    address: { socketAddress: { address: '0.0.0.0', portValue: 15001 } },
    filterChains: [
      { name: 'virtualOutbound-blackhole', filterChainMatch: { destinationPort: 15001 }, filters: [tcpProxy('BlackHoleCluster', 'BlackHoleCluster')] },
      { name: 'virtualOutbound-catchall-tcp', filters: [tcpProxy(fallback, fallback)] },
    ],
    useOriginalDst: true,
    trafficDirection: 'OUTBOUND',
  };
}

/** One inbound port of the workload: the chains for mTLS and/or plaintext, per the PeerAuthentication mode. */
export interface InboundPort {
  port: number;
  http: boolean;
  mode: MtlsMode;
  /** The service host:port used as the operation name. */
  operation: string;
}

function inboundChains(p: InboundPort, rbac: readonly RbacFilterConfig[]): FilterChain[] {
  const cluster = `inbound|${p.port}||`;
  const filters = (): NetworkFilter[] => {
    if (!p.http) return [...rbac.map((r) => ({ name: 'envoy.filters.network.rbac', typedConfig: { ...r, '@type': 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC' as const } })), tcpProxy(cluster, cluster)];
    const route: RouteConfiguration = {
      name: cluster,
      virtualHosts: [{ name: `inbound|http|${p.port}`, domains: ['*'], routes: [{ name: 'default', match: { prefix: '/' }, route: { cluster, timeout: '0s', maxStreamDuration: { maxStreamDuration: '0s', grpcTimeoutHeaderMax: '0s' } }, decorator: { operation: `${p.operation}/*` } }] }],
      validateClusters: false,
    };
    return [hcm(`inbound_0.0.0.0_${p.port}`, { inline: route }, rbac)];
  };
  const chains: FilterChain[] = [];
  if (p.mode !== 'DISABLE') chains.push({ name: cluster, filterChainMatch: { destinationPort: p.port, transportProtocol: 'tls' }, filters: filters(), transportSocket: istioMutualDownstream() });
  if (p.mode !== 'STRICT') chains.push({ name: cluster, filterChainMatch: { destinationPort: p.port, transportProtocol: 'raw_buffer' }, filters: filters() });
  return chains;
}

/** 0.0.0.0_15006: every inbound connection, by destination port and transport (mTLS or plaintext). */
export function virtualInbound(ports: readonly InboundPort[], rbacFor: (port: number) => readonly RbacFilterConfig[], defaultMode: MtlsMode): Listener {
  const chains: FilterChain[] = [{ name: 'virtualInbound-blackhole', filterChainMatch: { destinationPort: 15006 }, filters: [tcpProxy('BlackHoleCluster', 'BlackHoleCluster')] }];
  for (const p of ports) chains.push(...inboundChains(p, rbacFor(p.port)));
  // Ports no service declares pass through to the app (mTLS terminated or plaintext, per the default mode).
  if (defaultMode !== 'DISABLE') chains.push({ name: 'virtualInbound', filterChainMatch: { prefixRanges: [{ addressPrefix: '0.0.0.0', prefixLen: 0 }], transportProtocol: 'tls' }, filters: [tcpProxy('InboundPassthroughCluster', 'InboundPassthroughCluster')], transportSocket: istioMutualDownstream() });
  if (defaultMode !== 'STRICT') chains.push({ name: 'virtualInbound', filterChainMatch: { prefixRanges: [{ addressPrefix: '0.0.0.0', prefixLen: 0 }], transportProtocol: 'raw_buffer' }, filters: [tcpProxy('InboundPassthroughCluster', 'InboundPassthroughCluster')] });
  return {
    name: 'virtualInbound',
    address: { socketAddress: { address: '0.0.0.0', portValue: 15006 } },
    filterChains: chains,
    listenerFilters: [{ name: 'envoy.filters.listener.original_dst' }, ...listenerFilters],
    useOriginalDst: true,
    trafficDirection: 'INBOUND',
    continueOnListenerFiltersTimeout: true,
  };
}

/** The HTTP connection manager of a gateway filter chain, routes by RDS name. */
export function gatewayHcm(statPrefix: string, rds: string): NetworkFilter {
  return hcm(statPrefix, { rds });
}

/** The gateway's listener for a Gateway server port (router proxies), routes named "http.PORT". */
export function gatewayHttpListener(port: number): Listener {
  return {
    name: `0.0.0.0_${port}`,
    address: { socketAddress: { address: '0.0.0.0', portValue: port } },
    filterChains: [{ filters: [hcm(`outbound_0.0.0.0_${port}`, { rds: `http.${port}` })] }],
    trafficDirection: 'OUTBOUND',
  };
}

/** The bootstrap's static listeners: Prometheus stats on 15090 and the readiness endpoint on 15021. */
export function staticListeners(): Listener[] {
  const inline = (port: number, prefix: string, cluster: string): Listener => ({
    name: `0.0.0.0_${port}`,
    address: { socketAddress: { address: '0.0.0.0', portValue: port } },
    filterChains: [
      {
        filters: [
          hcm(port === 15090 ? 'stats' : 'agent', {
            inline: { name: '', virtualHosts: [{ name: 'backend', domains: ['*'], routes: [{ match: { prefix }, route: { cluster, timeout: '0s' } }] }], validateClusters: false },
          }),
        ],
      },
    ],
    trafficDirection: 'INBOUND',
  });
  return [inline(15090, '/stats/prometheus', 'prometheus_stats'), inline(15021, '/healthz/ready', 'agent')];
}
