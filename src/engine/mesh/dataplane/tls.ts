import type { TLSRoute, VirtualServiceSpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { TCP_PROXY_TYPE, type FilterChain, type Listener, type ProxyConfig, type TcpProxy } from '../envoy/types.ts';
import type { TraceStep } from '../../network/traffic/trace.ts';
import { upstream, type MeshRequest, type Resp } from './envoy.ts';
import type { Hooks } from './hooks.ts';
import { pickTcpCluster } from './tcp.ts';

/** The tcp_proxy of a filter chain, if it has one. */
export function tcpProxyOf(chain: FilterChain): TcpProxy | undefined {
  return chain.filters.map((f) => f.typedConfig as TcpProxy).find((t) => t['@type'] === TCP_PROXY_TYPE);
}

/** A listener routing unterminated TLS by SNI: its chains forward with tcp_proxy and none terminates TLS. */
export function isTlsRoutingListener(l: Listener): boolean {
  return l.filterChains.length > 0 && l.filterChains.every((c) => !c.transportSocket && tcpProxyOf(c)) && !!l.listenerFilters?.some((f) => f.name === 'envoy.filters.listener.tls_inspector');
}

/**
 * Envoy's filter chain match on server_names (FilterChainManagerImpl): an exact name beats the longest matching
 * wildcard ("*.example.com"), which beats chains without server_names. `sni` is undefined for a plaintext client
 * (the TLS inspector found no ClientHello), which only chains without server_names accept. Chains asking for
 * application protocols (Istio's mTLS ALPNs on AUTO_PASSTHROUGH) never match a client that does not offer them.
 */
export function chainBySni<C extends FilterChain>(chains: readonly C[], sni: string | undefined, alpn: readonly string[] = []): C | undefined {
  let best: { c: C; rank: number } | undefined;
  for (const c of chains) {
    const m = c.filterChainMatch ?? {};
    if (m.applicationProtocols?.length && !m.applicationProtocols.some((p) => alpn.includes(p))) continue;
    let rank: number;
    const names = m.serverNames ?? [];
    if (!names.length) rank = 0;
    else if (sni === undefined) continue;
    else if (names.includes(sni)) rank = 1e6;
    else {
      const w = names.filter((n) => n.startsWith('*.') && sni.endsWith(n.slice(1)) && sni.length > n.length - 1);
      if (!w.length) continue;
      rank = Math.max(...w.map((n) => n.length));
    }
    if (!best || rank > best.rank) best = { c, rank };
  }
  return best?.c;
}

/** "#2" (1-based) for the tls route of `spec` that has a match naming `sni` (exactly or by wildcard), if any. */
function routeIndexFor(spec: VirtualServiceSpec, sni: string): number | undefined {
  const covers = (h: string) => h === sni || (h.startsWith('*') && sni.endsWith(h.slice(1)));
  const i = (spec.tls ?? []).findIndex((t: TLSRoute | null) => t?.match?.some((m) => m?.sniHosts?.some(covers)));
  return i < 0 ? undefined : i;
}

/**
 * Which VirtualService tls route a chain came from, for the trace: a sidecar's chain names its VirtualService in
 * its metadata (as Istio writes it); a gateway's passthrough chain does not, so the VirtualServices bound to the
 * gateway are searched for the SNI host.
 */
export function tlsRouteName(chain: FilterChain, sni: string | undefined, candidates: () => readonly KubeObject[]): string | undefined {
  if (sni === undefined) return undefined;
  const config = chain.metadata?.filterMetadata.istio?.config;
  const m = typeof config === 'string' ? /\/namespaces\/([^/]+)\/virtual-service\/(.+)$/.exec(config) : null;
  for (const vs of candidates()) {
    if (m && (vs.metadata.namespace !== m[1] || vs.metadata.name !== m[2])) continue;
    const i = routeIndexFor((vs.spec ?? {}) as VirtualServiceSpec, sni);
    if (i !== undefined) return `VirtualService ${vs.metadata.name}.${vs.metadata.namespace} tls route #${i}`;
  }
  return m ? `VirtualService ${m[2]}.${m[1]}` : undefined;
}

/**
 * A TLS stream forwarded by SNI (a gateway PASSTHROUGH chain, a sidecar's TLS route): the chain's tcp_proxy picks
 * the cluster (weighted clusters by weight) and the stream goes to an endpoint untouched — wrapped in Istio mTLS
 * when the endpoint has a sidecar — to the application that terminates it.
 */
export function forwardTls(h: Hooks, cfg: ProxyConfig, chain: FilterChain, req: MeshRequest, srcIP: string, who: string, route: string | undefined, why: string): Resp {
  const t = tcpProxyOf(chain);
  const pick = t ? pickTcpCluster(t, h) : { cluster: 'BlackHoleCluster' };
  const sni = req.sni ?? '(none)';
  const names = chain.filterChainMatch?.serverNames;
  const step: TraceStep = {
    kind: 'proxy',
    title: `${who}: SNI ${sni} → ${route ? `${route} → ` : ''}tcp_proxy ${pick.cluster}`,
    detail: [why, `filter chain ${names?.length ? `server_names ${names.join(',')}` : 'without server_names'}${route ? ` from ${route}` : ''}`, ...(t ? [`tcp_proxy stat_prefix ${t.statPrefix}`] : []), ...(pick.detail ? [pick.detail] : []), 'the proxy does not terminate TLS: the HTTP request inside stays encrypted end to end'],
    ms: h.lat(0.05, 0.2),
    ok: pick.cluster !== 'BlackHoleCluster',
    at: cfg.node.ip,
    data: { mesh: true, cluster: pick.cluster, protocol: 'tls', ...(route ? { tlsRoute: route } : {}) },
  };
  if (pick.cluster === 'BlackHoleCluster') return { status: 0, body: '', flags: ['UH'], reset: true, steps: [step], l4: true };
  const r = upstream(h, cfg, pick.cluster, req, srcIP, who, new Set());
  return { ...r, steps: [step, ...r.steps], l4: true };
}
