import type { ProxyConfig, TcpProxy } from '../envoy/types.ts';
import { TCP_PROXY_TYPE } from '../envoy/types.ts';
import type { TraceStep } from '../../network/traffic/trace.ts';
import { indexOf } from './index-cfg.ts';
import type { Hooks } from './hooks.ts';

function tcpOf(filters: readonly { typedConfig: unknown }[]): TcpProxy | undefined {
  return filters.map((f) => f.typedConfig as TcpProxy).find((t) => t['@type'] === TCP_PROXY_TYPE);
}

/** Where a sidecar sends a raw TCP connection to ip:port: the tcp_proxy of the listener for the original destination. */
export interface TcpDecision {
  listener: string;
  /** The tcp_proxy (cluster or weighted clusters), or the fallback cluster name. */
  proxy?: TcpProxy;
  fallback?: 'PassthroughCluster' | 'BlackHoleCluster';
  /** Why this chain (for the trace). */
  why: string;
  /** The connection is closed for this reason rather than by outboundTrafficPolicy. */
  closed?: string;
}

/**
 * Envoy's listener and filter chain selection for a TCP connection: the ADDRESS_PORT listener (a service's TCP
 * port, or the non-HTTP chain of a sniffing listener); else 0.0.0.0_PORT, whose HTTP chain needs HTTP bytes, so
 * TCP takes its default chain (PassthroughCluster); else virtualOutbound's catch-all.
 */
export function outboundTcpDecision(cfg: ProxyConfig, ip: string, port: number): TcpDecision {
  const ix = indexOf(cfg);
  const specific = ix.listeners.get(`${ip}_${port}`);
  if (specific) {
    // Chains asking for application protocols (HTTP) or server names (TLS SNI) do not take a raw TCP connection.
    const chain = specific.filterChains.find((c) => !c.filterChainMatch?.applicationProtocols?.length && !c.filterChainMatch?.serverNames?.length && tcpOf(c.filters));
    const t = chain && tcpOf(chain.filters);
    if (t) return { listener: specific.name, proxy: t, why: `listener ${specific.name}${specific.filterChains.length > 1 ? ' (protocol sniffing: not HTTP, so the TCP chain)' : ''}` };
    if (specific.filterChains.some((c) => c.filterChainMatch?.serverNames?.length)) {
      return { listener: specific.name, fallback: 'BlackHoleCluster', why: `listener ${specific.name} routes TLS by SNI`, closed: 'no ClientHello, so no SNI: none of the filter chains matches and Envoy closes the connection' };
    }
  }
  const wildcard = ix.listeners.get(`0.0.0.0_${port}`);
  if (wildcard && wildcard.trafficDirection === 'OUTBOUND') {
    const t = wildcard.defaultFilterChain && tcpOf(wildcard.defaultFilterChain.filters);
    if (t?.cluster === 'PassthroughCluster' || t?.cluster === 'BlackHoleCluster') return { listener: wildcard.name, fallback: t.cluster, why: `listener ${wildcard.name} serves HTTP; raw TCP takes its default filter chain` };
  }
  const vo = ix.listeners.get('virtualOutbound');
  const catchAll = vo?.filterChains.find((c) => c.filterChainMatch?.destinationPort === undefined);
  const c = (catchAll && tcpOf(catchAll.filters)?.cluster) ?? (cfg.mesh.outboundTrafficPolicy === 'REGISTRY_ONLY' ? 'BlackHoleCluster' : 'PassthroughCluster');
  return { listener: 'virtualOutbound', fallback: c === 'BlackHoleCluster' ? 'BlackHoleCluster' : 'PassthroughCluster', why: 'no listener for the original destination: virtualOutbound\'s catch-all chain' };
}

/** The cluster a tcp_proxy sends a new connection to (weighted_clusters: by weight). */
export function pickTcpCluster(t: TcpProxy, h: Hooks): { cluster: string; detail?: string } {
  if (t.cluster) return { cluster: t.cluster };
  const cs = t.weightedClusters?.clusters ?? [];
  const total = cs.reduce((s, c) => s + c.weight, 0);
  if (!cs.length || total <= 0) return { cluster: cs[0]?.name ?? 'BlackHoleCluster' };
  let x = h.rng.int(total);
  let pick = cs[cs.length - 1].name;
  for (const c of cs) {
    if (x < c.weight) {
      pick = c.name;
      break;
    }
    x -= c.weight;
  }
  return { cluster: pick, detail: `weighted clusters ${cs.map((c) => `${c.name} ${c.weight}`).join(', ')}: picked ${pick}` };
}

/** The trace step for the outbound capture and tcp_proxy. */
export function tcpEntryStep(who: string, ip: string, port: number, d: TcpDecision, pick: { cluster: string; detail?: string } | undefined, h: Hooks, at: string): TraceStep {
  const target = pick?.cluster ?? d.fallback ?? '';
  return {
    kind: 'proxy',
    title: `${who}: iptables → 15001 → ${d.listener} tcp_proxy → ${target}`,
    detail: [
      `iptables nat OUTPUT → ISTIO_OUTPUT → ISTIO_REDIRECT (REDIRECT --to-ports 15001): the app's TCP connection to ${ip}:${port} goes to the sidecar (virtualOutbound, 15001); ${d.why}`,
      ...(d.proxy ? [`tcp_proxy stat_prefix ${d.proxy.statPrefix}`] : []),
      ...(pick?.detail ? [pick.detail] : []),
    ],
    ms: h.lat(0.02, 0.08),
    ok: d.fallback !== 'BlackHoleCluster',
    at,
    data: { mesh: true, listener: d.listener, cluster: target, protocol: 'tcp' },
  };
}
