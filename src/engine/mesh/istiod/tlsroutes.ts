import type { GatewaySpec, TLSMatchAttributes } from '../../api/kinds/istio/types.ts';
import { TCP_PROXY_TYPE, type FilterChain, type Listener } from '../envoy/types.ts';
import { outboundClusterName } from './clusters.ts';
import type { MeshService } from './model.ts';
import type { ServiceLookup, VsEntry } from './routes.ts';
import { routeTcpProxy } from './tcproutes.ts';

type Server = NonNullable<GatewaySpec['servers']>[number];

/** Every ALPN Istio mTLS may carry (allIstioMtlsALPNs): AUTO_PASSTHROUGH chains accept only Istio mTLS clients. */
export const ISTIO_MTLS_ALPNS = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];

export const TLS_INSPECTOR = { name: 'envoy.filters.listener.tls_inspector', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' } };

/** The SNI-DNAT cluster name (model.BuildDNSSrvSubsetKey): outbound_.PORT_.SUBSET_.HOST. */
export function sniDnatClusterName(port: number, subset: string, host: string): string {
  return `outbound_.${port}_.${subset}_.${host}`;
}

/** host.Name.Matches: one name covers the other (either may be a wildcard). */
export function hostsMatch(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  if (a.startsWith('*') && b.startsWith('*')) return a.length < b.length ? b.endsWith(a.slice(1)) : a.endsWith(b.slice(1));
  if (a.startsWith('*')) return b.endsWith(a.slice(1));
  if (b.startsWith('*')) return a.endsWith(b.slice(1));
  return false;
}

/** host.Name.SubsetOf: `a` lies within `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (a === b) return true;
  if (!b.startsWith('*')) return false;
  return a.startsWith('*') ? a.slice(1).endsWith(b.slice(1)) : a.endsWith(b.slice(1));
}

const configPath = (vs: VsEntry) => `/apis/networking.istio.io/v1/namespaces/${vs.namespace}/virtual-service/${vs.name}`;

/** The match's destinationSubnets as a filter chain's prefix ranges (a bare address is a /32). */
function prefixRanges(subnets: readonly string[] | undefined): { addressPrefix: string; prefixLen: number }[] | undefined {
  if (!subnets?.length) return undefined;
  return subnets.map((s) => {
    const [addressPrefix, len] = s.split('/');
    return { addressPrefix, prefixLen: len === undefined ? 32 : Number(len) };
  });
}

/**
 * A sidecar's outbound filter chains for a TLS or HTTPS service port (buildSidecarOutboundTLSFilterChainOpts): one
 * chain per distinct (SNI hosts, destination subnets) of the `tls` route matches that apply to the port and the
 * mesh, in VirtualService and route order, each forwarding to the route's destinations and naming its
 * VirtualService in the chain metadata. Without such a match, one chain to the service's own cluster (matched by
 * SNI only when the service has no VIP).
 */
export function sidecarTlsChains(svc: MeshService, port: number, vss: readonly VsEntry[], lookup: ServiceLookup): FilterChain[] {
  const chains: FilterChain[] = [];
  const handled = new Set<string>();
  for (const vs of vss) {
    for (const t of vs.spec.tls ?? []) {
      for (const m of t?.match ?? []) {
        if (!m || !appliesToSidecar(m, port)) continue;
        const key = `${(m.sniHosts ?? []).join(',')}|${(m.destinationSubnets ?? []).join(',')}`;
        if (handled.has(key)) continue;
        handled.add(key);
        const ranges = prefixRanges(m.destinationSubnets);
        chains.push({
          filterChainMatch: { ...(ranges ? { prefixRanges: ranges } : {}), serverNames: m.sniHosts ?? [] },
          filters: [routeTcpProxy(vs, t!.route ?? [], port, lookup)],
          metadata: { filterMetadata: { istio: { config: configPath(vs) } } },
        });
      }
    }
  }
  if (chains.length) return chains;
  const p = svc.ports.length === 1 ? svc.ports[0].port : port;
  const cluster = outboundClusterName(p, '', svc.hostname);
  return [{ filterChainMatch: svc.address === '0.0.0.0' ? { serverNames: [svc.hostname] } : {}, filters: [{ name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: cluster, cluster } }] }];
}

/** matchTLS for a sidecar: the port (0: any) and the "mesh" gateway; source labels and namespace are not evaluated. */
function appliesToSidecar(m: TLSMatchAttributes, port: number): boolean {
  return (!m.port || m.port === port) && (!m.gateways?.length || m.gateways.includes('mesh'));
}

/** ADDRESS_PORT for a TLS/HTTPS service port: the TLS inspector reads the SNI, the chains route by it. */
export function outboundTlsListener(address: string, port: number, chains: FilterChain[]): Listener {
  return { name: `${address}_${port}`, address: { socketAddress: { address, portValue: port } }, filterChains: chains, listenerFilters: [TLS_INSPECTOR], trafficDirection: 'OUTBOUND', bindToPort: false };
}

/**
 * 0.0.0.0_PORT for the TLS/HTTPS ports of services without a VIP (ServiceEntries without addresses): their chains
 * by SNI (each service's host name, or its tls routes' SNI hosts); any other connection takes the fallthrough
 * chain, PassthroughCluster under ALLOW_ANY and BlackHoleCluster under REGISTRY_ONLY.
 */
export function wildcardTlsListener(port: number, chains: FilterChain[], allowAny: boolean): Listener {
  const fallback = allowAny ? 'PassthroughCluster' : 'BlackHoleCluster';
  return {
    name: `0.0.0.0_${port}`,
    address: { socketAddress: { address: '0.0.0.0', portValue: port } },
    filterChains: chains,
    defaultFilterChain: { name: 'PassthroughFilterChain', filterChainMatch: {}, filters: [{ name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: fallback, cluster: fallback } }] },
    listenerFilters: [TLS_INSPECTOR],
    trafficDirection: 'OUTBOUND',
    bindToPort: false,
  };
}

/**
 * The filter chains of a PASSTHROUGH gateway server (buildGatewayNetworkFiltersFromTLSRoutes): for every
 * VirtualService bound to the gateway whose hosts match the server's, every `tls` route match that applies to the
 * server port and gateway gives a chain matched on its SNI hosts that forwards the untouched TLS stream to the
 * route's destinations. SNI hosts already taken on the listener port are skipped (Istio logs and rejects them).
 */
export function passthroughChains(vss: readonly VsEntry[], gateway: string, server: Server, taken: Set<string>, lookup: ServiceLookup): FilterChain[] {
  const port = server.port?.number ?? 443;
  const serverHosts = (server.hosts ?? []).map((h) => (h.includes('/') ? { ns: h.slice(0, h.indexOf('/')), host: h.slice(h.indexOf('/') + 1) } : { ns: '*', host: h }));
  const chains: FilterChain[] = [];
  for (const vs of vss) {
    const hostsOk = (vs.spec.hosts ?? []).some((vh) => serverHosts.some((s) => (s.ns === '*' || s.ns === vs.namespace || (s.ns === '.' && vs.namespace === gateway.split('/')[0])) && hostsMatch(s.host, vh)));
    if (!hostsOk) continue;
    for (const t of vs.spec.tls ?? []) {
      for (const m of t?.match ?? []) {
        if (!m || (m.port && m.port !== port)) continue;
        if (m.gateways?.length && !m.gateways.some((g) => (g.includes('/') ? g : `${vs.namespace}/${g}`) === gateway)) continue;
        const sni = m.sniHosts ?? [];
        if (sni.some((h) => taken.has(h))) continue;
        for (const h of sni) taken.add(h);
        chains.push({ filterChainMatch: { serverNames: sni }, filters: [routeTcpProxy(vs, t!.route ?? [], port, lookup)] });
      }
    }
  }
  return chains;
}

/**
 * The filter chains of an AUTO_PASSTHROUGH server (builtAutoPassthroughFilterChains): for every service of the mesh
 * within the server's hosts, every port but UDP, and every subset of its DestinationRule, a chain matched on the
 * SNI-DNAT name the client sidecar sends (outbound_.PORT_.SUBSET_.HOST) and Istio's mTLS ALPNs, forwarding to the
 * SNI-DNAT cluster of that name.
 */
export function autoPassthroughChains(services: readonly MeshService[], serverHosts: readonly string[], subsetsOf: (svc: MeshService) => readonly string[]): FilterChain[] {
  const hosts = serverHosts.map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h));
  const chains: FilterChain[] = [];
  for (const svc of services) {
    if (svc.entry && svc.entry.location !== 'MESH_INTERNAL') continue;
    if (!hosts.some((h) => hostSubsetOf(svc.hostname, h))) continue;
    for (const p of svc.ports) {
      if (p.protocol === 'UDP') continue;
      for (const subset of ['', ...subsetsOf(svc)]) {
        const name = sniDnatClusterName(p.port, subset, svc.hostname);
        chains.push({ filterChainMatch: { serverNames: [name], applicationProtocols: ISTIO_MTLS_ALPNS }, filters: [{ name: 'envoy.filters.network.tcp_proxy', typedConfig: { '@type': TCP_PROXY_TYPE, statPrefix: name, cluster: name } }] });
      }
    }
  }
  return chains;
}
