import type { Pod } from 'kubernetes-types/core/v1';
import type { Cluster, HashPolicy, IstiodService, Listener, ProxyConfig, ProxyNode, RbacFilterConfig } from '../envoy/types.ts';
import type { AuthorizationPolicySpec, DestinationRuleSpec } from '../../api/kinds/istio/types.ts';
import { whenCondition } from '../istiod/conditions.ts';
import { policyForPort } from '../istiod/clusters.ts';
import { HCM_TYPE, TCP_PROXY_TYPE, type HttpConnectionManager, type NetworkFilter, type TcpProxy } from '../envoy/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { httpToWorker, KUBELET_MANAGER, tcpToWorker } from '../../kubelet/http.ts';
import type { KubeletManager } from '../../kubelet/manager.ts';
import type { ConnectOutcome } from '../../images/shell/net/types.ts';
import { isExternalAddress } from '../../network/dns/upstream.ts';
import { cniStep, policyCheck, type CniLike } from '../../network/traffic/hops.ts';
import type { MeshInterceptor, TraceContext, TraceRequest } from '../../network/traffic/path.ts';
import { latency, type TraceStep } from '../../network/traffic/trace.ts';
import { indexOf } from './index-cfg.ts';
import { msOf, outboundListener, routeHttp, upstream, UPSTREAM_RESET, type MeshRequest, type Resp } from './envoy.ts';
import { beginAppWork, endAppWork } from './frames.ts';
import type { Hooks } from './hooks.ts';
import { ClusterState } from './lb.ts';
import { evaluateRbac } from './rbac.ts';
import { gatewayChain } from './gatewaytls.ts';
import { chainBySni, forwardTls, isTlsRoutingListener, tlsRouteName } from './tls.ts';
import { outboundTcpDecision, pickTcpCluster, tcpEntryStep } from './tcp.ts';
import { passthroughTarget } from './passthrough.ts';
import { MeshTelemetry, workloadOf, type TelemetrySource } from './telemetry.ts';

export const DATAPLANE_SERVICE = 'mesh-dataplane';

/** The istio-init nat rules a captured connection traverses (see `nsenter -t PID -n iptables-save` on the node). */
export const OUTBOUND_CAPTURE = 'iptables nat OUTPUT → ISTIO_OUTPUT → ISTIO_REDIRECT (REDIRECT --to-ports 15001)';
export const INBOUND_CAPTURE = 'iptables nat PREROUTING → ISTIO_INBOUND → ISTIO_IN_REDIRECT (REDIRECT --to-ports 15006)';

/** The telemetry source labels of a proxy: its workload and the pod's app/version labels. */
export function sourceOf(node: ProxyNode): TelemetrySource {
  const app = node.labels.app ?? node.labels['app.kubernetes.io/name'];
  const version = node.labels.version ?? node.labels['app.kubernetes.io/version'];
  return { workload: workloadOf(node.podName), namespace: node.namespace, ...(app !== undefined ? { app } : {}), ...(version !== undefined ? { version } : {}) };
}

export function hasSidecar(pod: Pod | undefined): boolean {
  return !!pod?.spec?.containers?.some((c) => c.name === 'istio-proxy');
}

const EXTERNAL_PAGE = '<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n</head>\n<body>\n<div>\n    <h1>Example Domain</h1>\n    <p>This domain is for use in illustrative examples in documents.</p>\n</div>\n</body>\n</html>\n';

/**
 * The Envoy sidecars and gateways of the mesh at run time: the packet tracer hands them requests from and to
 * pods with an `istio-proxy` container; they follow the configuration istiod pushed (`configFor`) hop by hop
 * and keep the per-proxy state Envoy keeps (round-robin positions, requests in flight, outlier ejections).
 */
export class Dataplane implements MeshInterceptor, Hooks {
  readonly telemetry = new MeshTelemetry();
  private states = new Map<string, ClusterState>();
  private tc?: TraceContext;
  private traceId = 0;
  private hop = 0;
  private reqSeq = 0;
  /** Added to the clock for requests a load generator spreads over a period it has not yet advanced through. */
  offsetMs = 0;
  /** True while a load generator runs: its calls overlap and stay counted in flight until their end times. */
  loadRun = false;

  constructor(private readonly rt: ClusterRuntime) {}

  get rng() {
    return this.rt.rng;
  }

  now(): number {
    return this.rt.clock.nowUnixMs() + this.offsetMs;
  }

  lat(lo: number, hi: number): number {
    return latency(this.traceId, 300 + this.hop++, lo, hi);
  }

  requestId(): string {
    this.reqSeq++;
    const h = (n: number) => ((Math.imul(n ^ 0x5bd1e995, 2654435761) >>> 0).toString(16).padStart(8, '0'));
    return `${h(this.reqSeq)}-${h(this.reqSeq + 1).slice(0, 4)}-4${h(this.reqSeq + 2).slice(0, 3)}-a${h(this.reqSeq + 3).slice(0, 3)}-${h(this.reqSeq + 4)}${h(this.reqSeq + 5).slice(0, 4)}`;
  }

  state(node: ProxyNode, cluster: string): ClusterState {
    const k = `${node.id}|${cluster}`;
    let s = this.states.get(k);
    if (!s) this.states.set(k, (s = new ClusterState()));
    return s;
  }

  /** Outlier and circuit-breaker state of every proxy for `cluster` (for lab mesh stats). */
  clusterStates(): Array<{ proxy: string; cluster: string; state: ClusterState }> {
    // Keys are "NODE_ID|CLUSTER"; node ids contain no '|'.
    return [...this.states].map(([k, state]) => ({ proxy: k.slice(0, k.indexOf('|')), cluster: k.slice(k.indexOf('|') + 1), state }));
  }

  private istiod(): IstiodService | undefined {
    return this.rt.service<IstiodService>('istiod');
  }

  private configOf(pod: Pod | undefined): ProxyConfig | undefined {
    if (!hasSidecar(pod)) return undefined;
    return this.istiod()?.configFor(pod!.metadata?.namespace ?? 'default', pod!.metadata?.name ?? '');
  }

  private enter<T>(tc: TraceContext, id: number, fn: () => T): T {
    const saved = [this.tc, this.traceId, this.hop] as const;
    this.tc = tc;
    this.traceId = id;
    this.hop = 0;
    this.depth++;
    try {
      return fn();
    } finally {
      [this.tc, this.traceId, this.hop] = saved;
      if (--this.depth === 0 && !this.loadRun) this.releaseOpen();
    }
  }

  /** Envoy's upstream requests this request started (see `inflight`). */
  private open: Array<(at: number) => void> = [];
  private depth = 0;

  inflight(release: (at: number) => void): void {
    if (!this.loadRun) this.open.push(release);
  }

  /**
   * A request from a waiting client (curl in a pod, lab curl) has been answered before the client goes on,
   * while the virtual clock stands still: the requests it caused are no longer in flight, so the next one does
   * not find them counted by a circuit breaker. Only a load run (`lab load`) keeps calls overlapping.
   */
  private releaseOpen(): void {
    const now = this.rt.clock.nowUnixMs();
    for (const release of this.open) release(now);
    this.open = [];
  }

  private meshRequest(req: TraceRequest, dstIP: string): MeshRequest {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) if (k !== 'host') headers[k.toLowerCase()] = v;
    headers['user-agent'] ??= req.tool === 'wget' ? 'Wget' : req.tool === 'python-requests' ? 'python-requests/2.32.3' : 'curl/8.11.1';
    const host = req.headers?.host ?? `${req.host}${req.port === 80 ? '' : `:${req.port}`}`;
    return { method: 'GET', authority: host, path: req.path ?? '/', headers, t: this.now(), dstIP, port: req.port, ...(req.scheme === 'https' ? { scheme: 'https' as const } : {}), ...(req.clientCert ? { clientCert: true } : {}) };
  }

  private toOutcome(r: Resp, ip: string): { outcome: ConnectOutcome } {
    if (r.tlsFailed) return { outcome: { kind: 'tls-failed', ip, reason: r.tlsFailed } };
    if (r.closed) return { outcome: { kind: 'closed', ip } };
    if (r.reset) return { outcome: { kind: 'reset', ip } };
    return { outcome: { kind: 'http', status: r.status, body: r.body, ip } };
  }

  // ------------------------------------------------------------------------------------------ tracer hooks

  outbound(tc: TraceContext, id: number, steps: TraceStep[], req: TraceRequest, dstIP: string): { outcome: ConnectOutcome } | undefined {
    if ((req.app !== 'http' && req.app !== 'tcp') || req.from.kind !== 'pod') return undefined;
    const cfg = this.configOf(req.from.pod);
    if (!cfg) return undefined;
    if (req.app === 'tcp') return this.enter(tc, id, () => this.outboundTcp(cfg, steps, req, dstIP));
    const ls = indexOf(cfg).listeners;
    const tl = ls.get(`${dstIP}_${req.port}`) ?? ls.get(`0.0.0.0_${req.port}`);
    if (tl && isTlsRoutingListener(tl)) return this.enter(tc, id, () => this.outboundTls(cfg, steps, req, dstIP, tl));
    return this.enter(tc, id, () => {
      const who = `sidecar ${cfg.node.podName}`;
      const l = outboundListener(cfg, dstIP, req.port);
      const mreq = this.meshRequest(req, dstIP);
      steps.push({
        kind: 'proxy',
        title: `${who}: iptables → 15001 → listener ${l.listener}`,
        detail: [`${OUTBOUND_CAPTURE}: the app's connection to ${dstIP}:${req.port} goes to the sidecar (virtualOutbound, 15001); the original destination picks listener ${l.listener}${l.rds ? `, HTTP route configuration "${l.rds}"` : `, TCP to ${l.cluster}`}`],
        ms: this.lat(0.02, 0.08),
        ok: true,
        at: cfg.node.ip,
        data: { mesh: true, listener: l.listener },
      });
      if (l.cluster === 'PassthroughCluster') {
        steps.push({ kind: 'proxy', title: `${who}: PassthroughCluster (outboundTrafficPolicy ALLOW_ANY)`, detail: [`${dstIP}:${req.port} is not in the service registry: the sidecar forwards the connection to its original destination`], ms: this.lat(0.02, 0.08), ok: true });
        return undefined;
      }
      let r: Resp;
      if (l.rds) r = routeHttp(this, cfg, l.rds, mreq, cfg.node.ip, who);
      else if (l.cluster === 'BlackHoleCluster') {
        r = { status: 0, body: '', flags: ['UH'], reset: true, steps: [{ kind: 'proxy', title: `${who}: BlackHoleCluster: connection closed`, detail: ['outboundTrafficPolicy REGISTRY_ONLY: traffic to hosts outside the registry is dropped (tcp_proxy to BlackHoleCluster)'], ms: this.lat(0.02, 0.08), ok: false }] };
      } else {
        r = upstream(this, cfg, l.cluster!, mreq, cfg.node.ip, who, new Set());
        if (r.flags.includes('UF') || r.flags.includes('UC') || r.flags.includes('UO')) r = { ...r, reset: true };
      }
      steps.push(...r.steps);
      this.telemetry.record(this.now(), sourceOf(cfg.node), r, msOf(r.steps));
      // curl https:// through a closed connection: the TLS handshake never completes (curl: (35)).
      if (req.scheme === 'https' && l.cluster === 'BlackHoleCluster') return { outcome: { kind: 'tls-failed', ip: dstIP, reason: 'handshake' } };
      return this.toOutcome(r, dstIP);
    });
  }

  inbound(tc: TraceContext, id: number, steps: TraceStep[], req: TraceRequest, dst: { ip: string; port: number }, dstPod: Pod, clientIP: string): { outcome: ConnectOutcome } | undefined {
    if (req.app !== 'http' && req.app !== 'tcp') return undefined;
    const cfg = this.configOf(dstPod);
    if (!cfg) return undefined;
    if (req.app === 'tcp') {
      if (cfg.node.type === 'router') return this.enter(tc, id, () => this.gatewayTcp(cfg, steps, req, dst));
      return this.enter(tc, id, () => {
        const mreq: MeshRequest = { ...this.meshRequest(req, dst.ip), port: dst.port, tcp: { data: req.data } };
        const r = this.inboundTo(cfg, dstPod, dst.port, mreq, clientIP, undefined);
        steps.push(...r.steps);
        this.telemetry.record(this.now(), { workload: 'unknown', namespace: 'unknown' }, { ...r, upstream: { workload: `${workloadOf(cfg.node.podName)};${cfg.node.namespace}`, mtls: false } }, msOf(r.steps), 'tcp');
        return this.tcpOutcome(r, req, dst.ip);
      });
    }
    return this.enter(tc, id, () => {
      const mreq = this.meshRequest(req, dst.ip);
      mreq.port = dst.port;
      const r = this.inboundTo(cfg, dstPod, dst.port, mreq, clientIP, undefined);
      steps.push(...r.steps);
      if (cfg.node.type === 'router') this.telemetry.record(this.now(), sourceOf(cfg.node), r, msOf(r.steps), r.l4 ? 'tcp' : 'http');
      else this.telemetry.record(this.now(), { workload: 'unknown', namespace: 'unknown' }, { ...r, upstream: { workload: `${workloadOf(cfg.node.podName)};${cfg.node.namespace}`, mtls: false } }, msOf(r.steps));
      return this.toOutcome(r, req.host);
    });
  }

  /** A TCP connection's outcome for the client: open (with what came back), refused or reset. */
  private tcpOutcome(r: Resp, req: TraceRequest, ip: string): { outcome: ConnectOutcome } {
    // The sidecar accepted the connection before it knew where it would go: `nc -z` sees it open either way.
    if (req.data === undefined) return { outcome: { kind: 'open', ip } };
    if (r.reset || r.flags.includes('UF') || r.flags.includes('UC') || r.flags.includes('UO') || r.flags.includes('UH') || r.flags.includes('NC')) return { outcome: { kind: 'reset', ip } };
    return { outcome: { kind: 'open', ip, reply: r.body } };
  }

  /**
   * The app's connection to a TLS or HTTPS service port: the listener's TLS inspector reads the SNI (curl sends the
   * URL's host name, none for an IP address) and the filter chain of the matching `tls` route — or the service's
   * own chain — forwards the stream untouched.
   */
  private outboundTls(cfg: ProxyConfig, steps: TraceStep[], req: TraceRequest, dstIP: string, l: Listener): { outcome: ConnectOutcome } {
    const who = `sidecar ${cfg.node.podName}`;
    const tls = req.scheme === 'https';
    const sni = tls && !/^[\d.]+$|:/.test(req.host) ? req.host : undefined;
    const matched = chainBySni(l.filterChains, sni, tls ? ['h2', 'http/1.1'] : []);
    const chain = matched ?? l.defaultFilterChain;
    steps.push({
      kind: 'proxy',
      title: `${who}: iptables → 15001 → listener ${l.name} (TLS inspector: ${tls ? `SNI ${sni ?? '(none)'}` : 'not TLS'})`,
      detail: [`${OUTBOUND_CAPTURE}: the app's connection to ${dstIP}:${req.port} goes to the sidecar (virtualOutbound, 15001); the original destination picks listener ${l.name}, whose filter chains route TLS by SNI`],
      ms: this.lat(0.02, 0.08),
      ok: !!chain,
      at: cfg.node.ip,
      data: { mesh: true, listener: l.name },
    });
    if (!chain) {
      steps.push({ kind: 'proxy', title: `${who}: no filter chain for ${tls ? `SNI ${sni ?? '(none)'}` : 'a plaintext connection'}: connection closed`, detail: [`the listener's chains serve ${l.filterChains.map((c) => (c.filterChainMatch?.serverNames ?? ['*']).join(',')).join('; ')}; Envoy closes a connection no chain matches`], ms: this.lat(0.02, 0.08), ok: false });
      return { outcome: tls ? { kind: 'tls-failed', ip: dstIP, reason: 'handshake' } : { kind: 'reset', ip: dstIP } };
    }
    const mreq: MeshRequest = { ...this.meshRequest(req, dstIP), ...(tls ? { sni: sni ?? '' } : {}) };
    const route = tlsRouteName(chain, sni, () => this.rt.store.list('virtualservices'));
    const why = !matched ? `no filter chain matches: the listener's fallthrough chain (outboundTrafficPolicy ${cfg.mesh.outboundTrafficPolicy})` : route ? 'a VirtualService tls route for the service port matches the SNI' : "no tls route matches: the service's own cluster";
    const r = forwardTls(this, cfg, chain, mreq, cfg.node.ip, who, route, why);
    steps.push(...r.steps);
    this.telemetry.record(this.now(), sourceOf(cfg.node), r, msOf(r.steps), 'tcp');
    // A TLS client whose connection is closed before any reply sees its handshake fail.
    if (tls && r.reset) return { outcome: { kind: 'tls-failed', ip: dstIP, reason: 'handshake' } };
    return this.toOutcome(r, dstIP);
  }

  /** TCP into a gateway: the listener of a Gateway TCP server → tcp_proxy → cluster → endpoint (over mTLS to sidecars). */
  private gatewayTcp(cfg: ProxyConfig, steps: TraceStep[], req: TraceRequest, dst: { ip: string; port: number }): { outcome: ConnectOutcome } | undefined {
    const who = `gateway ${cfg.node.podName}`;
    const l = indexOf(cfg).listeners.get(`0.0.0.0_${dst.port}`);
    const chain = l?.filterChains.find((c) => !c.transportSocket && !c.filterChainMatch?.serverNames?.length);
    const t = chain?.filters.map((f) => f.typedConfig as TcpProxy).find((x) => x['@type'] === TCP_PROXY_TYPE);
    if (!t) {
      steps.push({ kind: 'proxy', title: `${who}: no TCP listener on ${dst.port}`, detail: ['no Gateway TCP server selects this gateway on that port: nothing listens there'], ms: this.lat(0.02, 0.08), ok: false, at: cfg.node.ip });
      return { outcome: { kind: 'refused', ip: dst.ip } };
    }
    const pick = pickTcpCluster(t, this);
    steps.push({ kind: 'ingress', title: `${who}: listener ${l!.name} tcp_proxy → ${pick.cluster}`, detail: ['a Gateway TCP server: the connection goes to the tcp route of the VirtualService bound to the Gateway', `tcp_proxy stat_prefix ${t.statPrefix}`, ...(pick.detail ? [pick.detail] : [])], ms: this.lat(0.05, 0.2), ok: pick.cluster !== 'BlackHoleCluster', at: cfg.node.ip, data: { mesh: true, cluster: pick.cluster, protocol: 'tcp' } });
    const mreq: MeshRequest = { ...this.meshRequest(req, dst.ip), port: dst.port, tcp: { data: req.data } };
    const r: Resp = pick.cluster === 'BlackHoleCluster' ? { status: 0, body: '', flags: ['UH'], reset: true, steps: [] } : upstream(this, cfg, pick.cluster, mreq, cfg.node.ip, who, new Set());
    steps.push(...r.steps);
    this.telemetry.record(this.now(), sourceOf(cfg.node), r, msOf(r.steps), 'tcp');
    return this.tcpOutcome(r, req, dst.ip);
  }

  /** Outbound TCP from an app through its sidecar: listener by original destination → tcp_proxy → cluster → endpoint. */
  private outboundTcp(cfg: ProxyConfig, steps: TraceStep[], req: TraceRequest, dstIP: string): { outcome: ConnectOutcome } | undefined {
    const who = `sidecar ${cfg.node.podName}`;
    const d = outboundTcpDecision(cfg, dstIP, req.port);
    const pick = d.proxy ? pickTcpCluster(d.proxy, this) : undefined;
    steps.push(tcpEntryStep(who, dstIP, req.port, d, pick, this, cfg.node.ip));
    if (d.fallback === 'PassthroughCluster') return undefined;
    const mreq: MeshRequest = { ...this.meshRequest(req, dstIP), tcp: { data: req.data } };
    let r: Resp;
    if (d.fallback === 'BlackHoleCluster' || !pick || pick.cluster === 'BlackHoleCluster') {
      r = { status: 0, body: '', flags: ['UH'], reset: true, steps: [{ kind: 'proxy', title: `${who}: ${d.closed ? 'no filter chain' : 'BlackHoleCluster'}: connection closed`, detail: [d.closed ?? 'outboundTrafficPolicy REGISTRY_ONLY: TCP to hosts outside the registry is dropped'], ms: this.lat(0.02, 0.08), ok: false }] };
    } else {
      r = upstream(this, cfg, pick.cluster, mreq, cfg.node.ip, who, new Set());
    }
    steps.push(...r.steps);
    this.telemetry.record(this.now(), sourceOf(cfg.node), r, msOf(r.steps), 'tcp');
    return this.tcpOutcome(r, req, dstIP);
  }

  // ------------------------------------------------------------------------------------------ hops

  toHost(ip: string, port: number, req: MeshRequest, fromIP: string, principal: string | undefined): Resp {
    const tc = this.tc!;
    const steps: TraceStep[] = [];
    const world = tc.world;
    const dstPod = world.podByIP(ip);
    if (dstPod || world.nodeForPodIP(ip)) cniStep(tc, this.traceId, steps, fromIP, ip, this.rt.service<CniLike>('cni'));
    const srcPod = world.podByIP(fromIP);
    if (dstPod || srcPod) {
      const v = policyCheck(this.rt, world, { srcIP: fromIP, srcPod, dstIP: ip, dstPod, port, protocol: 'TCP' });
      steps.push({ kind: 'policy', title: v.title, detail: v.detail, ms: this.lat(0.003, 0.02), ok: v.allowed, data: v.data });
      if (!v.allowed) {
        steps.push({ kind: 'proxy', title: `connect to ${ip}:${port} timed out (10 s connect timeout)`, detail: ['the SYN is dropped; Envoy gives up after the cluster connect_timeout'], ms: 10_000, ok: false });
        return { status: 503, body: UPSTREAM_RESET + 'connection timeout', flags: ['UF'], steps };
      }
    }
    if (!dstPod) {
      if (isExternalAddress(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
        const ok = port === 80 || port === 443;
        steps.push({ kind: 'external', title: `${ip}:${port} outside the mesh`, detail: ['leaves the cluster through the node'], ms: this.lat(8, 25), ok, at: ip });
        return ok ? { status: 200, body: EXTERNAL_PAGE, flags: [], steps } : { status: 503, body: UPSTREAM_RESET + 'connection timeout', flags: ['UF'], steps: [...steps, { kind: 'external', title: 'no answer', detail: [], ms: 10_000, ok: false }] };
      }
      steps.push({ kind: 'deliver', title: `${ip}:${port}: no such pod`, detail: ['no running pod holds the address any more (a stale endpoint)'], ms: 1000, ok: false, at: ip });
      return { status: 503, body: UPSTREAM_RESET + 'remote connection failure, transport failure reason: delayed connect error: No route to host', flags: ['UF'], steps };
    }
    const cfg = this.configOf(dstPod);
    if (cfg) {
      const r = this.inboundTo(cfg, dstPod, port, req, fromIP, principal);
      steps.push(...r.steps);
      if (r.reset) return { ...r, status: 503, body: UPSTREAM_RESET + 'connection termination', flags: ['UC'], reset: false, steps };
      return { ...r, steps };
    }
    if (principal) {
      steps.push({ kind: 'deliver', title: `${dstPod.metadata?.namespace}/${dstPod.metadata?.name}: TLS handshake failed`, detail: ['the client sidecar speaks Istio mTLS but the pod has no sidecar to terminate it (DestinationRule tls ISTIO_MUTUAL towards a workload outside the mesh)'], ms: this.lat(0.3, 1), ok: false, at: ip });
      return { status: 503, body: UPSTREAM_RESET + 'connection failure, transport failure reason: TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end', flags: ['UF'], steps };
    }
    const r = this.app(dstPod, ip, port, req, fromIP);
    return { ...r, steps: [...steps, ...r.steps] };
  }

  /**
   * Istio writes a DestinationRule's consistentHash key as the route's hash_policy. The routes istiod builds here
   * do not carry it yet, so the key is read from the DestinationRule the cluster names in its metadata.
   */
  hashPolicyOf(c: Cluster): HashPolicy[] | undefined {
    const path = c.metadata?.filterMetadata.istio?.config as string | undefined;
    const m = path && /\/namespaces\/([^/]+)\/destination-rule\/(.+)$/.exec(path);
    if (!m) return undefined;
    const dr = this.rt.store.get('destinationrules', m[1], m[2]);
    const subset = c.metadata?.filterMetadata.istio?.subset as string | undefined;
    const spec = dr?.spec as DestinationRuleSpec | undefined;
    const port = Number(c.name.split('|')[1]);
    const tp = subset ? spec?.subsets?.find((s) => s.name === subset)?.trafficPolicy : undefined;
    const ch = (policyForPort(tp, port) ?? policyForPort(spec?.trafficPolicy, port))?.loadBalancer?.consistentHash;
    if (!ch) return undefined;
    if (ch.httpHeaderName) return [{ header: { headerName: ch.httpHeaderName } }];
    if (ch.httpCookie?.name) return [{ cookie: { name: ch.httpCookie.name } }];
    if (ch.useSourceIp) return [{ connectionProperties: { sourceIp: true } }];
    if (ch.httpQueryParameterName) return [{ queryParameter: { name: ch.httpQueryParameterName } }];
    return undefined;
  }

  passthrough(cfg: ProxyConfig, c: Cluster, req: MeshRequest, _srcIP: string, who: string): Resp {
    const steps: TraceStep[] = [{ kind: 'proxy', title: `${who}: ${c.name} → original destination ${req.dstIP}:${req.port}`, detail: ['ORIGINAL_DST cluster: the connection goes where the client sent it (ALLOW_ANY)'], ms: this.lat(0.02, 0.08), ok: true }];
    const node = this.tc!.world.podByIP(cfg.node.ip)?.spec?.nodeName;
    const to = passthroughTarget(this.rt, this.tc!, this.traceId, steps, { ip: cfg.node.ip, node }, { ip: req.dstIP, port: req.port });
    if ('status' in to) return to;
    const r = this.toHost(to.ip, to.port, req, cfg.node.ip, undefined);
    return { ...r, steps: [...steps, ...r.steps] };
  }

  /** The server side: virtualInbound (15006) filter chain by port and transport, RBAC, then the app. Gateways route instead. */
  private inboundTo(cfg: ProxyConfig, pod: Pod, port: number, req: MeshRequest, fromIP: string, principal: string | undefined): Resp {
    const who = `${cfg.node.type === 'router' ? 'gateway' : 'sidecar'} ${cfg.node.podName}`;
    const ix = indexOf(cfg);
    if (cfg.node.type === 'router') {
      const l = ix.listeners.get(`0.0.0.0_${port}`);
      const sel = l ? gatewayChain(l, req, (name) => this.rt.store.get('secrets', cfg.node.namespace, name)) : undefined;
      if (sel && 'fail' in sel) return { status: 0, body: '', flags: [], ...sel.fail, steps: [{ kind: 'proxy', title: `${who}: ${sel.title}`, detail: sel.detail, ms: this.lat(0.05, 0.2), ok: false, at: cfg.node.ip }] };
      if (sel?.passthrough) {
        const sni = req.authority.replace(/:\d+$/, '');
        const bound = () => this.rt.store.list('virtualservices').filter((v) => ((v.spec as { gateways?: string[] } | undefined)?.gateways ?? []).some((g) => g !== 'mesh'));
        const route = tlsRouteName(sel.chain, sni, bound);
        const entry: TraceStep = { kind: 'ingress', title: `${who}: listener ${l!.name} (TLS inspector: SNI ${sni})`, detail: ['the ingress gateway (Envoy, router mode) serves the Gateway servers bound to it', ...sel.detail], ms: this.lat(0.02, 0.08), ok: true, at: cfg.node.ip, data: { mesh: true } };
        const r = forwardTls(this, cfg, sel.chain, { ...req, sni }, cfg.node.ip, who, route, 'a Gateway server with tls.mode PASSTHROUGH: the VirtualService tls route whose sniHosts match picks the destination');
        return { ...r, steps: [entry, ...r.steps] };
      }
      const hcm = sel?.chain.filters.map((f) => f.typedConfig as HttpConnectionManager).find((t) => t['@type'] === HCM_TYPE);
      if (!hcm?.rds) return { status: 0, body: '', flags: [], reset: true, steps: [{ kind: 'proxy', title: `${who}: no listener on ${port}`, detail: ['no Gateway server selects this gateway on that port: the connection is refused'], ms: this.lat(0.02, 0.08), ok: false }] };
      const entry: TraceStep = { kind: 'ingress', title: `${who}: listener ${l!.name} → route configuration "${hcm.rds.routeConfigName}"`, detail: ['the ingress gateway (Envoy, router mode) serves the Gateway servers bound to it; VirtualServices attached to the Gateway make its routes', ...(sel?.detail ?? [])], ms: this.lat(0.05, 0.2), ok: true, at: cfg.node.ip, data: { mesh: true } };
      const r = routeHttp(this, cfg, hcm.rds.routeConfigName, { ...req, headers: { ...req.headers, 'x-forwarded-for': fromIP } }, fromIP, who);
      return { ...r, steps: [entry, ...r.steps] };
    }
    const mtls = principal !== undefined;
    const vi = ix.listeners.get('virtualInbound');
    const transport = mtls ? 'tls' : 'raw_buffer';
    const chains = vi?.filterChains ?? [];
    const chain =
      chains.find((c) => c.filterChainMatch?.destinationPort === port && (c.filterChainMatch.transportProtocol ?? transport) === transport) ??
      chains.find((c) => c.filterChainMatch?.destinationPort === undefined && (c.filterChainMatch?.transportProtocol ?? transport) === transport);
    if (!chain) {
      return {
        status: 0,
        body: '',
        flags: [],
        reset: true,
        steps: [{ kind: 'policy', title: `${who}: ${mtls ? 'mTLS' : 'plaintext'} refused on port ${port} (PeerAuthentication ${mtls ? 'DISABLE' : 'STRICT'})`, detail: [mtls ? 'mTLS is disabled for this port: no filter chain accepts TLS' : 'STRICT mTLS: the inbound listener only has filter chains for TLS; a plaintext connection matches none and is reset'], ms: this.lat(0.02, 0.08), ok: false, at: cfg.node.ip, data: { mtls: false, mode: 'STRICT' } }],
      };
    }
    const filters: NetworkFilter[] = chain.filters;
    const hcm = filters.map((f) => f.typedConfig as HttpConnectionManager).find((t) => t['@type'] === HCM_TYPE);
    const rbac: RbacFilterConfig[] = hcm ? hcm.httpFilters.filter((f) => f.name === 'envoy.filters.http.rbac').map((f) => f.typedConfig as unknown as RbacFilterConfig) : filters.filter((f) => f.name === 'envoy.filters.network.rbac').map((f) => f.typedConfig as RbacFilterConfig);
    const steps: TraceStep[] = [];
    const peer = principal ? principal.replace(/^spiffe:\/\//, '') : undefined;
    const v = evaluateRbac(rbac, { req: hcm ? req : { ...req, headers: {}, path: '' }, principal, sourceIP: fromIP, destinationPort: port, destinationIP: cfg.node.ip });
    const custom = this.customPolicies(cfg);
    steps.push({
      kind: 'proxy',
      title: `${who}: inbound ${port} ${mtls ? `mTLS from ${peer}` : 'plaintext'}${rbac.length ? ` · authz ${v.allowed ? 'allow' : 'deny'}` : ''}`,
      detail: [`${INBOUND_CAPTURE}; virtualInbound (15006) filter chain ${chain.name ?? ''} (destination port ${port}, transport ${transport})`, mtls ? `mutual TLS: the peer presented ${principal}` : 'plaintext: no peer identity', `authorization: ${v.reason}`, ...custom],
      ms: this.lat(0.05, 0.25),
      ok: v.allowed,
      at: cfg.node.ip,
      data: { mesh: true, mtls, principal, authz: v },
    });
    if (!v.allowed) {
      if (!hcm) return { status: 0, body: '', flags: [], reset: true, steps };
      return { status: 403, body: 'RBAC: access denied', flags: [], steps };
    }
    const r = this.app(pod, cfg.node.ip, port, req, '127.0.0.6');
    if (r.flags.includes('UF')) r.body = UPSTREAM_RESET + 'remote connection failure, transport failure reason: delayed connect error: Connection refused';
    return { ...r, steps: [...steps, ...r.steps] };
  }

  /**
   * What the trace must say Kubelab does not evaluate for the workload: AuthorizationPolicies with action CUSTOM
   * (ext_authz) or AUDIT, and `when` keys it cannot check (request.auth.*, connection.sni, experimental.*).
   */
  private customPolicies(cfg: ProxyConfig): string[] {
    const out: string[] = [];
    for (const p of this.rt.store.list('authorizationpolicies', cfg.node.namespace)) {
      const spec = (p.spec ?? {}) as AuthorizationPolicySpec;
      if (!Object.entries(spec.selector?.matchLabels ?? {}).every(([k, v]) => cfg.node.labels[k] === v)) continue;
      if (spec.action === 'CUSTOM') out.push(`AuthorizationPolicy ${p.metadata.name} (CUSTOM, an external authorizer) is not evaluated by Kubelab`);
      else if (spec.action === 'AUDIT') out.push(`AuthorizationPolicy ${p.metadata.name} (AUDIT) is not evaluated by Kubelab`);
      (spec.rules ?? []).forEach((r, i) => {
        for (const w of r?.when ?? []) {
          const u = whenCondition(w, cfg.mesh.trustDomain).unsupported;
          if (u) out.push(`AuthorizationPolicy ${p.metadata.name} rule ${i}: condition ${u} is not evaluated by Kubelab and never matches`);
        }
      });
    }
    return out;
  }

  private app(pod: Pod, ip: string, port: number, req: MeshRequest, clientIP: string): Resp {
    const w = this.rt.service<KubeletManager>(KUBELET_MANAGER)?.byIP(ip);
    const name = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (!w) return { status: 503, body: UPSTREAM_RESET + 'remote connection failure, transport failure reason: delayed connect error: Connection refused', flags: ['UF'], steps: [{ kind: 'deliver', title: `${name}: not running`, detail: [], ms: 0.1, ok: false, at: ip }] };
    if (req.tcp) {
      const ans = tcpToWorker(w, port, req.tcp.data ?? '', clientIP);
      const ms = this.lat(0.1, 0.6);
      if ('error' in ans) return { status: 503, body: '', flags: ['UF'], steps: [{ kind: 'deliver', title: `${name} ${ip}:${port}: connection refused`, detail: [`nothing listens on port ${port} in the pod: the sidecar's upstream connection is refused and it closes the client's`], ms, ok: false, at: ip }] };
      const sent = req.tcp.data?.length ?? 0;
      return { status: 200, body: ans.reply, flags: [], steps: [{ kind: 'deliver', title: `${name} ${ip}:${port}: TCP ${sent} bytes → ${ans.reply.length} bytes`, detail: [req.tcp.data === undefined ? 'connection opened and closed' : `the app read ${sent} bytes and wrote ${ans.reply.length} back`], ms, ok: true, at: ip }] };
    }
    const headers = { ...req.headers, host: req.authority };
    beginAppWork();
    let nested = 0;
    let ans;
    try {
      ans = httpToWorker(w, port, req.path, clientIP, req.headers['user-agent'] ?? 'curl/8.11.1', headers);
    } finally {
      nested = endAppWork();
    }
    const appMs = this.lat(0.3, 2.5) + nested;
    if ('error' in ans) {
      const reset = ans.error.includes('reset');
      return { status: 503, body: UPSTREAM_RESET + (reset ? 'connection termination' : 'remote connection failure, transport failure reason: delayed connect error: Connection refused'), flags: [reset ? 'UC' : 'UF'], steps: [{ kind: 'deliver', title: `${name} ${ip}:${port}: ${reset ? 'connection reset' : 'connection refused'}`, detail: [reset ? 'the program listening there does not speak HTTP' : `nothing listens on port ${port} in the pod`], ms: appMs / 4, ok: false, at: ip }] };
    }
    const tlsNote = req.sni !== undefined ? [`the application terminates the client's TLS${req.sni ? ` (SNI ${req.sni})` : ''} and answers the request inside it`] : [];
    return { status: ans.status, body: ans.body, flags: [], steps: [{ kind: 'deliver', title: `${name} ${ip}:${port}: ${req.sni !== undefined ? 'HTTPS' : 'HTTP'} ${ans.status}`, detail: [...tlsNote, `${ans.body.length} bytes from the container${nested ? `; the app waited ${Math.round(nested)} ms on its own calls` : ''}`], ms: appMs, ok: ans.status < 400, at: ip, data: { status: ans.status } }] };
  }
}

export function startDataplane(rt: ClusterRuntime): Dataplane {
  const existing = rt.service<Dataplane>(DATAPLANE_SERVICE);
  if (existing) return existing;
  const dp = new Dataplane(rt);
  rt.services.set(DATAPLANE_SERVICE, dp);
  return dp;
}
