import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { TraceContext } from './path.ts';
import { latency, RULE_MATCH_MS, type TraceStep } from './trace.ts';
import type { World } from './world.ts';

/** The parts of the 'kube-proxy' service the tracer uses (see network/proxy/types.ts). */
export interface ProxyLike {
  mode?(nodeName: string): string | undefined;
  route(
    nodeName: string,
    packet: { srcIP: string; dstIP: string; dstPort: number; protocol?: string },
  ): {
    kind: string;
    matched: Array<{ table: string; chain: string; rule: string }>;
    endpoint?: { ip: string; port: number; podName?: string; podNamespace?: string; probability?: number };
    masquerade: boolean;
    verdict: 'DNAT' | 'REJECT' | 'DROP' | 'NO_MATCH';
    service?: string;
    rulesEvaluated?: number;
  };
}

/** The parts of the 'cni' service the tracer uses. Hops may be strings or objects with a description. */
export interface CniLike {
  name?: string;
  enforcesPolicy?: boolean;
  hops?(srcIP: string, dstIP: string): { path: string; hops: Array<{ node?: string; device: string; kind: string; detail: string }> } | unknown[];
}

/** The parts of the 'network-policy' service the tracer uses. */
export interface PolicyLike {
  verdict(q: {
    srcIP: string;
    srcPod?: KubeObject | { namespace: string; name: string };
    dstIP: string;
    dstPod?: KubeObject | { namespace: string; name: string };
    port: number;
    protocol?: string;
  }): { allowed: boolean; reason: string; policy?: string; rule?: string };
}

export interface ProxyDecision {
  verdict: 'DNAT' | 'REJECT' | 'DROP' | 'NO_MATCH';
  endpoint?: { ip: string; port: number };
  masquerade: boolean;
  /** The destination was a virtual address (ClusterIP, LoadBalancer IP) nobody owns. */
  virtual: boolean;
  hairpin: boolean;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * kube-proxy's decision for a packet to a Service address, on the node it enters: through the 'kube-proxy'
 * service when it is there, otherwise a plain pick among the ready endpoints (said so in the trace).
 * undefined: the destination is no Service address (plain routing).
 */
export function proxyStep(
  ctx: TraceContext,
  id: number,
  steps: TraceStep[],
  packet: { srcIP: string; dstIP: string; dstPort: number; protocol: string },
  entryNode: string | undefined,
  kp: ProxyLike | undefined,
): ProxyDecision | undefined {
  const { world } = ctx;
  const clusterSvc = world.isClusterIP(packet.dstIP);
  const lbSvc = clusterSvc ? undefined : world.loadBalancerService(packet.dstIP);
  const node = world.nodeByIP(packet.dstIP);
  const hit = world.serviceAt(packet.dstIP, packet.dstPort, packet.protocol);
  if (!clusterSvc && !lbSvc && !node && !hit) return undefined;
  const virtual = !!(clusterSvc || lbSvc);
  const hairpinOf = (ip?: string) => !!ip && ip === packet.srcIP;
  if (kp && entryNode) {
    const r = kp.route(entryNode, packet);
    const ep = r.endpoint;
    const detail = r.matched.map((m) => `${m.table} ${m.chain}: ${m.rule}`);
    if (ep) detail.push(`endpoint ${ep.podNamespace && ep.podName ? `${ep.podNamespace}/${ep.podName} ` : ''}${ep.ip}:${ep.port}${ep.probability !== undefined && ep.probability < 1 ? ` (probability ${ep.probability})` : ''}`);
    if (r.verdict === 'REJECT') detail.push('the Service has no ready endpoints: REJECT (icmp-port-unreachable) → the client sees "connection refused"');
    if (r.verdict === 'DROP') detail.push('dropped (no local endpoint for a Local traffic policy, or a source range firewall)');
    if (r.verdict === 'NO_MATCH') detail.push(virtual ? 'no rule matches this port: the packet leaves by the default route and is lost' : 'no rule matches: the packet goes to the node itself');
    const rules = r.rulesEvaluated ?? r.matched.length;
    steps.push({
      kind: 'proxy',
      title: `kube-proxy (${r.kind}) on ${entryNode}: ${r.verdict}${ep ? ` → ${ep.ip}:${ep.port}` : ''}`,
      detail,
      ms: latency(id, 20, 0.01, 0.03) + rules * RULE_MATCH_MS,
      ok: r.verdict === 'DNAT' || (r.verdict === 'NO_MATCH' && !virtual),
      at: entryNode,
      data: { service: r.service, matched: r.matched, endpoint: ep, rulesEvaluated: rules },
    });
    return { verdict: r.verdict, endpoint: ep ? { ip: ep.ip, port: ep.port } : undefined, masquerade: r.masquerade, virtual, hairpin: hairpinOf(ep?.ip) };
  }
  // kube-proxy not modelled: what its rules would do, from the EndpointSlices.
  if (!hit) {
    steps.push({ kind: 'proxy', title: `no Service port ${packet.dstIP}:${packet.dstPort}/${packet.protocol}`, detail: ['kube-proxy not modelled; no Service port matches this address and port'], ms: latency(id, 20, 0.01, 0.03), ok: !virtual });
    return { verdict: 'NO_MATCH', masquerade: false, virtual, hairpin: false };
  }
  const name = `${hit.svc.metadata?.namespace}/${hit.svc.metadata?.name}:${hit.port.name || hit.port.port}`;
  let eps = world.readyEndpoints(hit.svc, hit.port);
  const external = hit.via !== 'clusterIP';
  const local = external ? hit.svc.spec?.externalTrafficPolicy === 'Local' : hit.svc.spec?.internalTrafficPolicy === 'Local';
  if (local && entryNode) eps = eps.filter((e) => e.nodeName === entryNode);
  if (!eps.length) {
    const verdict = local ? 'DROP' : 'REJECT';
    steps.push({
      kind: 'proxy',
      title: `Service ${name}: ${local ? 'no local endpoint' : 'no endpoints'} → ${verdict}`,
      detail: ['kube-proxy not modelled; from the EndpointSlices', local ? `traffic policy Local and no ready endpoint on ${entryNode}: dropped` : 'no ready endpoints: rejected (connection refused)'],
      ms: latency(id, 20, 0.01, 0.03),
      ok: false,
    });
    return { verdict, masquerade: false, virtual, hairpin: false };
  }
  const ep = eps[hash(`${packet.srcIP}|${id}`) % eps.length];
  const hairpin = hairpinOf(ep.ip);
  const masquerade = hairpin || (external && !local);
  steps.push({
    kind: 'proxy',
    title: `Service ${name} (${hit.via}) → ${ep.ip}:${ep.port}`,
    detail: [
      'kube-proxy not modelled; an endpoint picked from the EndpointSlices',
      `endpoint ${ep.pod ? `${ep.pod.namespace}/${ep.pod.name} ` : ''}${ep.ip}:${ep.port} (1 of ${eps.length})`,
    ],
    ms: latency(id, 20, 0.01, 0.03),
    ok: true,
    at: entryNode,
    data: { service: name, endpoint: ep },
  });
  return { verdict: 'DNAT', endpoint: { ip: ep.ip, port: ep.port }, masquerade, virtual, hairpin };
}

function hopText(h: unknown): string {
  if (typeof h === 'string') return h;
  if (h && typeof h === 'object') {
    const o = h as Record<string, unknown>;
    if (typeof o.device === 'string' && typeof o.detail === 'string') return `${typeof o.node === 'string' ? `${o.node} ` : ''}${o.device}: ${o.detail}`;
    for (const k of ['description', 'text', 'summary', 'title']) if (typeof o[k] === 'string') return o[k] as string;
    return Object.entries(o)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
  }
  return String(h);
}

function nodeOf(world: World, ip: string): string | undefined {
  return world.podByIP(ip)?.spec?.nodeName ?? world.nodeByIP(ip)?.metadata?.name ?? world.nodeForPodIP(ip)?.metadata?.name;
}

/** The L2/L3 path between two addresses: from the 'cni' service, or inferred (bridge on one node, overlay across). */
export function cniStep(ctx: TraceContext, id: number, steps: TraceStep[], fromIP: string, toIP: string, cni: CniLike | undefined): void {
  const { rt, world } = ctx;
  // An address on no node is a client on the nodes' network (outside the cluster).
  const a = nodeOf(world, fromIP) ?? `outside (${fromIP})`;
  const b = nodeOf(world, toIP);
  const same = !!a && a === b;
  const ms = same ? latency(id, 40, 0.02, 0.06) : latency(id, 40, 0.15, 0.45);
  const cniName = cni?.name ?? rt.options.cni ?? 'flannel';
  if (cni?.hops) {
    const res = cni.hops(fromIP, toIP);
    const list = Array.isArray(res) ? res : res.hops;
    const path = Array.isArray(res) ? (same ? 'same-node' : 'cross-node') : res.path;
    steps.push({ kind: 'cni', title: `${cniName} (${path}): ${same ? `on ${a}` : `${a ?? '?'} → ${b ?? '?'}`}`, detail: list.map(hopText), ms, ok: true, at: toIP, data: { path, hops: list } });
    return;
  }
  const detail = same
    ? [`veth → cni0 bridge → veth on ${a}`]
    : cniName === 'calico'
      ? [`${a ?? '?'}: routed to ${b ?? '?'} (BGP route to its pod CIDR)`, `${b ?? '?'}: to the pod's cali* veth`]
      : [`${a ?? '?'}: cni0 → flannel.1 (VXLAN, UDP 8472 to ${b ?? '?'})`, `${b ?? '?'}: flannel.1 → cni0 bridge → veth`];
  detail.push('(CNI model not loaded: path inferred from node placement)');
  steps.push({ kind: 'cni', title: `${cniName}: ${same ? `same node (${a ?? '?'})` : `${a ?? '?'} → ${b ?? '?'}`}`, detail, ms, ok: true, at: toIP });
}

/** The NetworkPolicy verdict for one connection, enforced only when the CNI enforces policy. */
export function policyCheck(
  rt: ClusterRuntime,
  world: World,
  q: { srcIP: string; srcPod?: Pod; dstIP: string; dstPod?: Pod; port: number; protocol: string },
): { allowed: boolean; title: string; detail: string[]; data?: Record<string, unknown> } {
  const cni = rt.service<CniLike>('cni');
  const enforced = cni?.enforcesPolicy ?? rt.options.cni === 'calico';
  const cniName = cni?.name ?? rt.options.cni ?? 'flannel';
  const np = rt.service<PolicyLike>('network-policy');
  if (!np) return { allowed: true, title: 'NetworkPolicy not modelled', detail: [] };
  const dstPod = q.dstPod ?? world.podByIP(q.dstIP);
  const v = np.verdict({
    srcIP: q.srcIP,
    srcPod: q.srcPod as unknown as KubeObject | undefined,
    dstIP: q.dstIP,
    dstPod: dstPod as unknown as KubeObject | undefined,
    port: q.port,
    protocol: q.protocol,
  });
  const data = { enforced, allowed: v.allowed, policy: v.policy, rule: v.rule, reason: v.reason };
  if (enforced) return { allowed: v.allowed, title: v.allowed ? 'NetworkPolicy: allowed' : `NetworkPolicy: dropped by ${cniName}`, detail: [v.reason], data };
  return {
    allowed: true,
    title: v.allowed ? `NetworkPolicy: allowed (${cniName} does not enforce policy)` : `NetworkPolicy would drop this, but ${cniName} does not enforce NetworkPolicy`,
    detail: [v.reason],
    data,
  };
}
