import type { Pod } from 'kubernetes-types/core/v1';
import type { ConnectOutcome, ConnectRequest } from '../../images/shell/net/types.ts';
import { httpToWorker, KUBELET_MANAGER, tcpToWorker } from '../../kubelet/http.ts';
import type { KubeletManager } from '../../kubelet/manager.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { KUBELET_SERVER_SERVICE, type KubeletServer } from '../../auth/kubeletserver.ts';
import { serveApiHttp } from '../apiserver/rest.ts';
import { APISERVER_PORT } from '../kubernetes-service.ts';
import type { DnsServer, DnsService } from '../dns/index.ts';
import { isExternalAddress } from '../dns/upstream.ts';
import { cniStep, policyCheck, proxyStep, type CniLike, type PolicyLike, type ProxyDecision, type ProxyLike } from './hops.ts';
import { latency, type Trace, type TraceLog, type TraceStep } from './trace.ts';
import { World } from './world.ts';

/** Who sends: a pod (its netns), a node (host netns), or a client outside the cluster. */
export type Source =
  | { kind: 'pod'; pod: Pod; ip: string; node?: string }
  | { kind: 'node'; node: string; ip: string }
  | { kind: 'external'; ip: string };

export interface TraceRequest extends ConnectRequest {
  from: Source;
  protocol?: 'TCP' | 'UDP';
  /** Set when the request was already routed by an Ingress controller (lab curl via an Ingress host). */
  preSteps?: TraceStep[];
  /** A fixed destination chosen by someone upstream (an Ingress backend endpoint). */
  endpoint?: { ip: string; port: number };
}

/** The kernel gives up a connect() after the SYN retries (tcp_syn_retries=6: 1+2+4+8+16+32+64 s). */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;
/** glibc's resolver: timeout 5 s, 2 attempts. */
export const RESOLVER_TIMEOUT_MS = 10_000;
/** The address lab clients outside the cluster use (the host end of the nodes' network). */
export const OUTSIDE_IP = '172.18.0.1';

/**
 * The service mesh's data plane (Envoy sidecars and gateways), consulted for HTTP from or to a pod that runs an
 * `istio-proxy` container; it returns undefined to let the request take the plain path.
 */
export interface MeshInterceptor {
  outbound(ctx: TraceContext, id: number, steps: TraceStep[], req: TraceRequest, dstIP: string): { outcome: ConnectOutcome } | undefined;
  inbound(ctx: TraceContext, id: number, steps: TraceStep[], req: TraceRequest, dst: { ip: string; port: number }, dstPod: Pod, clientIP: string): { outcome: ConnectOutcome } | undefined;
}
export const MESH_INTERCEPTOR = 'mesh-dataplane';

export interface TraceContext {
  rt: ClusterRuntime;
  world: World;
  log: TraceLog;
}

function sourceText(s: Source): string {
  if (s.kind === 'pod') return `pod ${s.pod.metadata?.namespace}/${s.pod.metadata?.name} (${s.ip})`;
  if (s.kind === 'node') return `node ${s.node} (${s.ip})`;
  return `outside the cluster (${s.ip})`;
}

function isIPv4(s: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(s);
}

/** A pod on the node owning `nodeIP` that publishes `port` as a hostPort (not host-network pods: they listen themselves). */
function hostPortTarget(world: World, nodeIP: string, port: number, proto: string): { ip: string; port: number; pod: string; node: string } | undefined {
  const node = world.nodeByIP(nodeIP);
  if (!node) return undefined;
  const name = node.metadata?.name;
  for (const pod of world.podsOnNode(name ?? '')) {
    if (pod.spec?.hostNetwork || !pod.status?.podIP || pod.metadata?.deletionTimestamp) continue;
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        if (p.hostPort !== port || (p.protocol ?? 'TCP') !== proto || (p.hostIP && p.hostIP !== nodeIP)) continue;
        return { ip: pod.status.podIP, port: p.containerPort, pod: `${pod.metadata?.namespace}/${pod.metadata?.name}`, node: name ?? '' };
      }
    }
  }
  return undefined;
}

/** The address the pod's /etc/hosts gives `name` (the kubelet writes spec.hostAliases there). */
function hostAlias(pod: Pod, name: string): string | undefined {
  if (name === 'localhost') return '127.0.0.1';
  for (const a of pod.spec?.hostAliases ?? []) if (a.ip && (a.hostnames ?? []).includes(name)) return a.ip;
  return undefined;
}

/**
 * Follow one request hop by hop: DNS with the search list, the source network namespace, kube-proxy's
 * decision on the node the packet enters, SNAT, the CNI path, the NetworkPolicy verdict (when the CNI
 * enforces it) and the destination's answer. Every request is recorded in the trace log.
 */
export function runTrace(ctx: TraceContext, req: TraceRequest): Trace {
  const { rt, world, log } = ctx;
  const id = log.nextId();
  const steps: TraceStep[] = [...(req.preSteps ?? [])];
  const proto = req.app === 'icmp' ? 'ICMP' : req.protocol ?? 'TCP';
  const scheme = req.scheme === 'https' ? 'https' : 'http';
  const target = req.app === 'http' ? `${scheme}://${req.host}${req.port === (scheme === 'https' ? 443 : 80) ? '' : `:${req.port}`}${req.path ?? '/'}` : req.app === 'icmp' ? req.host : `${req.host}:${req.port}`;
  let dstIP = req.host;
  const finish = (outcomeIn: ConnectOutcome, waitMs = 0): Trace => {
    // The client only ever sees the address it connected to (a ClusterIP stays a ClusterIP).
    const outcome = 'ip' in outcomeIn ? { ...outcomeIn, ip: dstIP } : outcomeIn;
    const totalMs = Math.round((steps.reduce((a, s) => a + s.ms, 0) + waitMs) * 1000) / 1000;
    const t: Trace = { id, time: rt.clock.timestamp(), tool: req.tool, from: sourceText(req.from), fromIP: req.from.ip, target, protocol: proto, steps, outcome, totalMs };
    log.add(t);
    return t;
  };
  const timeout = (ip: string) => finish({ kind: 'timeout', ip, afterMs: req.timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS }, req.timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS);

  // 1. The source's network namespace.
  const src = req.from;
  const srcNode = src.kind === 'pod' ? src.node ?? src.pod.spec?.nodeName : src.kind === 'node' ? src.node : undefined;
  steps.push({
    kind: 'netns',
    title: src.kind === 'pod' ? `netns of ${src.pod.metadata?.namespace}/${src.pod.metadata?.name}` : src.kind === 'node' ? `host netns of ${src.node}` : 'client outside the cluster',
    detail:
      src.kind === 'pod'
        ? [`eth0 ${src.ip} in the network namespace the pod's pause container holds, on node ${srcNode ?? '?'}`]
        : src.kind === 'node'
          ? [`the node's own network namespace (eth0 ${src.ip})`]
          : [`a client on the nodes' network (${src.ip}); only node IPs, NodePorts and LoadBalancer IPs are reachable from here`],
    ms: latency(id, 0, 0.005, 0.02),
    ok: true,
    at: src.ip,
  });

  // 2. Names the client resolves without DNS: curl --resolve, then the pod's /etc/hosts (spec.hostAliases).
  const alias = req.resolveTo ?? (src.kind === 'pod' && !isIPv4(req.host) ? hostAlias(src.pod, req.host) : undefined);
  if (alias !== undefined) {
    dstIP = alias;
    const how =
      req.resolveTo !== undefined
        ? `--resolve ${req.host}:${req.port}:${alias}`
        : req.host === 'localhost'
          ? '/etc/hosts: 127.0.0.1 localhost'
          : `/etc/hosts (spec.hostAliases of the pod): ${alias} ${req.host}`;
    steps.push({ kind: 'dns', title: `${req.host} = ${alias} (no DNS query)`, detail: [how], ms: 0.01, ok: true, data: { name: req.host, addresses: [alias] } });
  }
  // 3. DNS.
  else if (!isIPv4(req.host)) {
    const dns = rt.service<DnsService>('dns');
    const pod = src.kind === 'pod' ? src.pod : null;
    const canReach = (server: DnsServer) => (src.kind === 'pod' ? policyCheck(rt, world, { srcIP: src.ip, srcPod: src.pod, dstIP: server.ip, port: 53, protocol: 'UDP' }).allowed : true);
    const res = dns?.resolve(pod, req.host, 'A', canReach);
    const tried = res?.tried ?? [];
    const ms = tried.reduce((a, _t, i) => a + latency(id, 10 + i, 0.25, 1.1), 0);
    const server = res?.server ?? '10.96.0.10';
    const viaText = res?.via ? ` → CoreDNS ${res.via.pod ? `${res.via.pod.namespace}/${res.via.pod.name} ` : ''}${res.via.ip}` : '';
    const detail = [`resolv.conf: nameserver ${server}${viaText}`, ...tried.map((t) => `tried ${t.name} ${t.type}: ${t.rcode}${t.answers ? ` (${t.answers} answer${t.answers > 1 ? 's' : ''})` : ''}`)];
    if (!res || res.timeout) {
      const why = !dns ? 'no DNS server is modelled' : dns.route(server).kind === 'unreachable' ? (dns.route(server) as { reason: string }).reason : 'the query to port 53 was dropped (NetworkPolicy egress?)';
      steps.push({ kind: 'dns', title: `DNS ${req.host}: no answer`, detail: [...detail, `timed out: ${why}`], ms, ok: false, data: { tried } });
      return finish({ kind: 'dns-timeout', name: req.host }, RESOLVER_TIMEOUT_MS);
    }
    if (!res.addresses.length) {
      steps.push({ kind: 'dns', title: `DNS ${req.host}: NXDOMAIN`, detail, ms, ok: false, data: { tried } });
      return finish({ kind: 'nxdomain', name: req.host });
    }
    dstIP = res.addresses[0];
    const cname = res.cnames.length ? ` (CNAME ${res.cnames.join(' → ')})` : '';
    steps.push({ kind: 'dns', title: `DNS ${req.host} → ${res.name}${cname} = ${dstIP}`, detail, ms, ok: true, data: { tried, name: res.name, addresses: res.addresses } });
  }

  // A sidecar captures the pod's outbound TCP and HTTP (Istio).
  if (src.kind === 'pod' && (req.app === 'http' || req.app === 'tcp') && !dstIP.startsWith('127.')) {
    const m = rt.service<MeshInterceptor>(MESH_INTERCEPTOR)?.outbound(ctx, id, steps, req, dstIP);
    if (m) return finish(m.outcome);
  }

  // Loopback: the containers of a pod share the network namespace the pause container holds.
  if (src.kind === 'pod' && dstIP.startsWith('127.')) {
    steps.push({
      kind: 'netns',
      title: `loopback in the netns of ${src.pod.metadata?.namespace}/${src.pod.metadata?.name}`,
      detail: ['lo: every container of the pod shares the network namespace the pause container holds, so 127.0.0.1 reaches all of them (no kube-proxy, no CNI, no NetworkPolicy)'],
      ms: latency(id, 5, 0.005, 0.02),
      ok: true,
      at: dstIP,
    });
    if (req.app === 'icmp') return finish({ kind: 'echo', ip: dstIP, ttl: 64 });
    return deliver(ctx, id, steps, req, { ip: src.ip, port: req.port }, src.pod, '127.0.0.1', finish, timeout);
  }

  // 4. ICMP: nothing owns a ClusterIP in iptables mode, so pings to it go unanswered.
  if (req.app === 'icmp') return icmp(ctx, id, steps, req, dstIP, srcNode, finish, timeout);

  // From outside, the Service and pod networks are not routed (only node and LoadBalancer addresses are).
  if (src.kind === 'external' && (world.isClusterIP(dstIP) || world.nodeForPodIP(dstIP))) {
    steps.push({ kind: 'external', title: `${dstIP} is not routed outside the cluster`, detail: ['ClusterIPs and pod IPs exist only inside the cluster; from outside use a NodePort, a LoadBalancer IP or an Ingress'], ms: 0, ok: false });
    return timeout(dstIP);
  }

  // 5. hostPort (the CNI portmap plugin's CNI-HOSTPORT-DNAT), then kube-proxy on the node the packet enters.
  let endpoint = req.endpoint;
  let srcSeen = src.ip;
  if (!endpoint) {
    const hp = hostPortTarget(world, dstIP, req.port, proto);
    if (hp) {
      endpoint = { ip: hp.ip, port: hp.port };
      steps.push({
        kind: 'proxy',
        title: `hostPort ${dstIP}:${req.port} → ${hp.pod} ${hp.ip}:${hp.port}`,
        detail: [`CNI portmap on ${hp.node}: CNI-HOSTPORT-DNAT matches ${proto.toLowerCase()} dpt:${req.port} to a local address and DNATs to ${hp.ip}:${hp.port} (container port ${hp.port}, hostPort ${req.port} of pod ${hp.pod})`],
        ms: latency(id, 20, 0.01, 0.03),
        ok: true,
        at: hp.node,
      });
    }
  }
  if (!endpoint) {
    const entryNode = srcNode ?? entryNodeFor(world, dstIP);
    const decision: ProxyDecision | undefined = proxyStep(ctx, id, steps, { srcIP: src.ip, dstIP, dstPort: req.port, protocol: proto }, entryNode, rt.service<ProxyLike>('kube-proxy'));
    if (decision) {
      if (decision.verdict === 'REJECT') return finish({ kind: 'refused', ip: dstIP });
      if (decision.verdict === 'DROP') return timeout(dstIP);
      if (decision.verdict === 'NO_MATCH' && decision.virtual) return timeout(dstIP);
      if (decision.endpoint) {
        endpoint = decision.endpoint;
        // SNAT.
        if (decision.masquerade) {
          const n = entryNode ? world.nodeByName(entryNode) : undefined;
          srcSeen = (n && world.nodeIP(n)) ?? srcSeen;
        }
        steps.push({
          kind: 'snat',
          title: decision.masquerade ? `SNAT (MASQUERADE) ${src.ip} → ${srcSeen}` : 'no SNAT',
          detail: decision.masquerade
            ? [`KUBE-MARK-MASQ marked the packet; KUBE-POSTROUTING masquerades it to the node's address ${srcSeen}${decision.hairpin ? ' (hairpin: the pod reached itself through its Service)' : ''}`]
            : [`the destination sees the client's own address ${src.ip}`],
          ms: latency(id, 30, 0.002, 0.01),
          ok: true,
        });
      }
    }
  }
  const dst = endpoint ?? { ip: dstIP, port: req.port };

  // 6. The pod network.
  const dstPod = world.podByIP(dst.ip);
  const fromForCni = srcSeen === src.ip ? src.ip : srcSeen;
  if (dstPod || world.nodeForPodIP(dst.ip)) cniStep(ctx, id, steps, fromForCni, dst.ip, rt.service<CniLike>('cni'));

  // 7. NetworkPolicy.
  if (dstPod || src.kind === 'pod') {
    const v = policyStep(ctx, id, steps, { srcIP: srcSeen, srcPod: src.kind === 'pod' && srcSeen === src.ip ? src.pod : undefined, dstIP: dst.ip, dstPod, port: dst.port, protocol: proto });
    if (!v) return timeout(dst.ip);
  }

  // 8. The destination.
  return deliver(ctx, id, steps, req, dst, dstPod, srcSeen, finish, timeout);
}

function entryNodeFor(world: World, dstIP: string): string | undefined {
  const n = world.nodeByIP(dstIP);
  if (n) return n.metadata?.name;
  if (world.loadBalancerService(dstIP)) {
    // MetalLB L2 mode: one node answers ARP for the address (the speaker elected for it).
    const ready = world.nodes().filter((x) => !x.spec?.unschedulable).map((x) => x.metadata!.name!).sort();
    if (!ready.length) return undefined;
    let h = 0;
    for (const c of dstIP) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return ready[h % ready.length];
  }
  return undefined;
}

function policyStep(ctx: TraceContext, id: number, steps: TraceStep[], q: Parameters<typeof policyCheck>[2]): boolean {
  const v = policyCheck(ctx.rt, ctx.world, q);
  steps.push({ kind: 'policy', title: v.title, detail: v.detail, ms: latency(id, 50, 0.003, 0.02), ok: v.allowed, data: v.data });
  return v.allowed;
}

function deliver(
  ctx: TraceContext,
  id: number,
  steps: TraceStep[],
  req: TraceRequest,
  dst: { ip: string; port: number },
  dstPod: Pod | undefined,
  clientIP: string,
  finish: (o: ConnectOutcome, wait?: number) => Trace,
  timeout: (ip: string) => Trace,
): Trace {
  const { rt, world } = ctx;
  const mgr = rt.service<KubeletManager>(KUBELET_MANAGER);
  const w = mgr?.byIP(dst.ip);
  const appMs = latency(id, 60, 0.3, 2.5);
  if (w && dstPod) {
    const name = `${w.namespace}/${w.name}`;
    if (req.app === 'tcp') {
      // A sidecar in the destination pod takes the connection first (Istio's ISTIO_INBOUND → 15006).
      const m = rt.service<MeshInterceptor>(MESH_INTERCEPTOR)?.inbound(ctx, id, steps, req, dst, dstPod, clientIP);
      if (m) return finish(m.outcome);
      const t = w.unix(w.now());
      const open = w.ctrs.some((c) => c.state.kind === 'running' && c.proc?.listening(dst.port, t));
      steps.push({ kind: 'deliver', title: `${name} ${dst.ip}:${dst.port}: ${open ? 'open' : 'closed (RST)'}`, detail: [open ? 'a container of the pod listens on the port' : 'no container of the pod listens on the port: the kernel answers RST'], ms: appMs / 4, ok: open, at: dst.ip });
      if (!open) return finish({ kind: 'refused', ip: dst.ip });
      const ans = req.data !== undefined ? tcpToWorker(w, dst.port, req.data, clientIP) : undefined;
      return finish(ans && 'reply' in ans ? { kind: 'open', ip: dst.ip, reply: ans.reply } : { kind: 'open', ip: dst.ip });
    }
    // A sidecar (or gateway) in the destination pod answers first (Istio).
    const m = rt.service<MeshInterceptor>(MESH_INTERCEPTOR)?.inbound(ctx, id, steps, req, dst, dstPod, clientIP);
    if (m) return finish(m.outcome);
    // The Host header names what the client asked for (the URL's host unless -H 'Host: …' says otherwise).
    const headers = { ...req.headers, host: req.headers?.host ?? req.host };
    const ans = httpToWorker(w, dst.port, req.path ?? '/', clientIP, req.tool === 'wget' ? 'Wget' : 'curl/8.11.1', headers);
    if ('error' in ans) {
      const reset = ans.error.includes('reset');
      steps.push({ kind: 'deliver', title: `${name} ${dst.ip}:${dst.port}: ${reset ? 'connection reset' : 'connection refused'}`, detail: [reset ? 'the program listening there does not speak HTTP' : `nothing listens on port ${dst.port} in the pod (a wrong targetPort?): the kernel answers RST`], ms: appMs / 4, ok: false, at: dst.ip });
      return finish(reset ? { kind: 'reset', ip: dst.ip } : { kind: 'refused', ip: dst.ip });
    }
    steps.push({ kind: 'deliver', title: `${name} ${dst.ip}:${dst.port}: HTTP ${ans.status}`, detail: [`${ans.body.length} bytes from the container`], ms: appMs, ok: ans.status < 400, at: dst.ip, data: { status: ans.status } });
    return finish({ kind: 'http', status: ans.status, body: ans.body, ip: req.host });
  }
  const node = world.nodeByIP(dst.ip);
  if (node) {
    const name = node.metadata?.name ?? '';
    // The kubelet's own ports answer as its --anonymous-auth / --authorization-mode / --read-only-port say.
    const kubelet = req.app === 'http' ? ctx.rt.service<KubeletServer>(KUBELET_SERVER_SERVICE)?.serve(name, dst.port, req.path ?? '/') : undefined;
    if (kubelet) {
      const ok = kubelet.kind === 'http';
      steps.push({ kind: 'deliver', title: `node ${name} ${dst.ip}:${dst.port}: ${ok ? `kubelet HTTP ${kubelet.status}` : 'closed'}`, detail: [ok ? 'the kubelet serves its API here' : 'the kubelet read-only port is disabled (--read-only-port=0): the node answers RST'], ms: ok ? appMs : appMs / 4, ok: ok && (kubelet.status ?? 0) < 400, at: dst.ip });
      return finish(ok ? { kind: 'http', status: kubelet.status ?? 200, body: kubelet.body ?? '', ip: req.host } : { kind: 'refused', ip: dst.ip });
    }
    const https = dst.port === 10250 || (dst.port === 6443 && 'node-role.kubernetes.io/control-plane' in (node.metadata?.labels ?? {}));
    if (https) {
      steps.push({ kind: 'deliver', title: `node ${name} ${dst.ip}:${dst.port}`, detail: [dst.port === 10250 ? 'the kubelet serves HTTPS here' : 'the API server serves HTTPS here'], ms: appMs, ok: req.app === 'tcp', at: dst.ip });
      if (req.app === 'tcp') return finish({ kind: 'open', ip: dst.ip });
      if (dst.port === APISERVER_PORT && req.scheme === 'https') {
        // HTTPS to the API server: the REST API, authenticated by the request's bearer token.
        const a = serveApiHttp(ctx.rt, { path: req.path ?? '/', headers: req.headers, userAgent: req.tool === 'wget' ? 'Wget' : 'curl/8.11.1' });
        return finish({ kind: 'http', status: a.status, body: a.body, ip: req.host });
      }
      return finish({ kind: 'http', status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n', ip: req.host });
    }
    steps.push({ kind: 'deliver', title: `node ${name} ${dst.ip}:${dst.port}: closed`, detail: ['no NodePort and no host process on this port: the node answers RST'], ms: appMs / 4, ok: false, at: dst.ip });
    return finish({ kind: 'refused', ip: dst.ip });
  }
  if (world.nodeForPodIP(dst.ip)) {
    steps.push({ kind: 'deliver', title: `${dst.ip}: no such pod`, detail: ['the address is in a node\'s pod range but no running pod holds it: ARP on the bridge gets no answer'], ms: 3000, ok: false, at: dst.ip });
    return finish({ kind: 'unreachable', ip: dst.ip });
  }
  if (isExternalAddress(dst.ip)) {
    steps.push({ kind: 'external', title: `${dst.ip}:${dst.port} on the Internet`, detail: ['leaves the cluster through the node (SNAT to the node address)'], ms: latency(id, 70, 8, 25), ok: dst.port === 80 || dst.port === 443, at: dst.ip });
    if (dst.port === 80 && req.app === 'http') return finish({ kind: 'http', status: 200, body: EXTERNAL_PAGE, ip: req.host });
    if (dst.port === 80 || dst.port === 443) return finish({ kind: 'open', ip: dst.ip });
    return timeout(dst.ip);
  }
  steps.push({ kind: 'deliver', title: `${dst.ip}: nothing answers`, detail: ['no pod, node, Service or known host has this address; the packets are lost'], ms: 0, ok: false, at: dst.ip });
  return timeout(dst.ip);
}

const EXTERNAL_PAGE = '<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n</head>\n<body>\n<div>\n    <h1>Example Domain</h1>\n    <p>This domain is for use in illustrative examples in documents.</p>\n</div>\n</body>\n</html>\n';

function icmp(
  ctx: TraceContext,
  id: number,
  steps: TraceStep[],
  req: TraceRequest,
  dstIP: string,
  srcNode: string | undefined,
  finish: (o: ConnectOutcome, wait?: number) => Trace,
  timeout: (ip: string) => Trace,
): Trace {
  const { rt, world } = ctx;
  const svc = world.isClusterIP(dstIP);
  if (svc) {
    const kp = rt.service<ProxyLike>('kube-proxy');
    const mode = srcNode ? kp?.mode?.(srcNode) : undefined;
    if (mode === 'ipvs') {
      steps.push({ kind: 'proxy', title: `${dstIP} is bound to kube-ipvs0 on ${srcNode}`, detail: ['in ipvs mode every ClusterIP is a local address of the node, so the node itself answers ICMP echo'], ms: latency(id, 20, 0.02, 0.08), ok: true });
      return finish({ kind: 'echo', ip: dstIP, ttl: 64 });
    }
    steps.push({
      kind: 'proxy',
      title: `${dstIP} is a virtual IP: no rule for ICMP`,
      detail: [`kube-proxy (${mode ?? 'iptables'}) only rewrites TCP/UDP/SCTP to ${svc.metadata?.namespace}/${svc.metadata?.name}'s ports; nothing owns the address, so echo requests go unanswered`],
      ms: latency(id, 20, 0.01, 0.03),
      ok: false,
    });
    return timeout(dstIP);
  }
  const pod = world.podByIP(dstIP);
  if (pod) {
    cniStep(ctx, id, steps, req.from.ip, dstIP, rt.service<CniLike>('cni'));
    const ok = policyStep(ctx, id, steps, { srcIP: req.from.ip, srcPod: req.from.kind === 'pod' ? req.from.pod : undefined, dstIP, dstPod: pod, port: 0, protocol: 'ICMP' });
    if (!ok) return timeout(dstIP);
    steps.push({ kind: 'deliver', title: `${pod.metadata?.namespace}/${pod.metadata?.name} answers echo`, detail: ['the pod\'s kernel replies to ICMP echo'], ms: latency(id, 60, 0.02, 0.1), ok: true, at: dstIP });
    return finish({ kind: 'echo', ip: dstIP, ttl: 63 });
  }
  if (world.nodeByIP(dstIP)) {
    steps.push({ kind: 'deliver', title: `node ${world.nodeByIP(dstIP)!.metadata?.name} answers echo`, detail: [], ms: latency(id, 60, 0.03, 0.1), ok: true, at: dstIP });
    return finish({ kind: 'echo', ip: dstIP, ttl: 64 });
  }
  if (isExternalAddress(dstIP)) {
    steps.push({ kind: 'external', title: `${dstIP} on the Internet answers echo`, detail: [], ms: latency(id, 70, 8, 25), ok: true, at: dstIP });
    return finish({ kind: 'echo', ip: dstIP, ttl: 117 });
  }
  if (world.nodeForPodIP(dstIP)) {
    steps.push({ kind: 'deliver', title: `${dstIP}: no such pod`, detail: ['ARP on the bridge gets no answer'], ms: 3000, ok: false });
    return finish({ kind: 'unreachable', ip: dstIP });
  }
  steps.push({ kind: 'deliver', title: `${dstIP}: nothing answers`, detail: [], ms: 0, ok: false });
  return timeout(dstIP);
}

export type { PolicyLike };
