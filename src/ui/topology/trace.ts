import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/index.ts';
import { objId, podId } from './types.ts';

/**
 * A request's trace (from the engine's tracer, as `lab trace` prints it) as a path through the graph:
 * the client pod, the Service whose IP it resolved, the node whose kube-proxy rewrote it, the pod that
 * answered. Each step's `at` (an IP or a node name) and the IPs in its title are mapped to graph ids.
 */
export interface TraceLike {
  id: number;
  fromIP: string;
  steps: Array<{ kind: string; title: string; at?: string; ok: boolean }>;
}

export interface TraceIndex {
  byIP: Map<string, string>;
  nodes: Set<string>;
}

export function traceIndex(pods: readonly Pod[], services: readonly KubeObject[], nodes: readonly KubeObject[]): TraceIndex {
  const byIP = new Map<string, string>();
  for (const p of pods) {
    if (p.spec?.hostNetwork) continue;
    const ip = p.status?.podIP;
    if (ip && !p.metadata?.deletionTimestamp) byIP.set(ip, podId(p.metadata?.namespace ?? 'default', p.metadata?.name ?? ''));
  }
  for (const s of services) {
    const spec = (s as { spec?: { clusterIP?: string; clusterIPs?: string[] } }).spec;
    for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])) if (ip !== 'None') byIP.set(ip, objId('Service', s.metadata?.namespace ?? 'default', s.metadata?.name ?? ''));
  }
  for (const n of nodes) for (const a of (n as { status?: { addresses?: Array<{ type: string; address: string }> } }).status?.addresses ?? []) if (a.type === 'InternalIP') byIP.set(a.address, `node:${n.metadata?.name}`);
  return { byIP, nodes: new Set(nodes.map((n) => n.metadata?.name ?? '')) };
}

const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;

/** Graph ids the request visits, in order, without consecutive repeats; `failedAt` is the index where it stopped, if it failed. */
export function tracePath(t: TraceLike, idx: TraceIndex): { ids: string[]; failed: boolean } {
  const ids: string[] = [];
  const push = (id: string | undefined) => {
    if (id && ids[ids.length - 1] !== id) ids.push(id);
  };
  push(idx.byIP.get(t.fromIP));
  let failed = false;
  for (const s of t.steps) {
    if (s.at && idx.nodes.has(s.at)) push(`node:${s.at}`);
    else if (s.at) push(idx.byIP.get(s.at));
    if (s.kind === 'dns' || s.kind === 'proxy') for (const m of s.title.match(IPV4) ?? []) if (idx.byIP.get(m)?.startsWith('obj:Service:')) push(idx.byIP.get(m));
    if (!s.ok) {
      failed = true;
      break;
    }
  }
  return { ids, failed };
}

interface NetworkLike {
  recentTraces(n?: number): TraceLike[];
}

/** The newest trace the cluster's network component recorded, if it offers traces. */
export function latestTrace(cluster: unknown): TraceLike | undefined {
  const services = (cluster as { runtime?: { services?: { get(n: string): unknown } } } | undefined)?.runtime?.services;
  const net = services?.get('network') as NetworkLike | undefined;
  try {
    return net?.recentTraces?.(1)[0];
  } catch {
    return undefined;
  }
}
