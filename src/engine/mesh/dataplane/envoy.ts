import type { Cluster, HttpConnectionManager, LbEndpoint, ProxyConfig, RbacFilterConfig, Route, RouteAction, TcpProxy, TransportSocket } from '../envoy/types.ts';
import { HCM_TYPE, TCP_PROXY_TYPE } from '../envoy/types.ts';
import type { TraceStep } from '../../network/traffic/trace.ts';
import { durationMs } from './duration.ts';
import { indexOf } from './index-cfg.ts';
import { endpointKey, panicThreshold, pickHost, recordOutcome } from './lb.ts';
import { selectRoute, selectVirtualHost, type HttpRequestLine } from './match.ts';
import type { Hooks } from './hooks.ts';

/** An HTTP answer as the downstream sees it, with the Envoy response flags and the hops it took. */
export interface Resp {
  status: number;
  body: string;
  /** Envoy response flags (UO, UF, URX, UT, NR, FI, DI, UH…). */
  flags: string[];
  steps: TraceStep[];
  /** The downstream connection was reset instead of answered (curl: (56)). */
  reset?: boolean;
  /** The downstream connection was closed without a reply (curl: (52)). */
  closed?: boolean;
  /** The downstream TLS handshake failed. */
  tlsFailed?: 'handshake' | 'cert-required' | 'wrong-version';
  /** The destination workload ("NAME;NS;APP;VERSION;CLUSTER") and whether the last hop used mTLS. */
  upstream?: { workload?: string; mtls: boolean; service?: string };
  headers?: Record<string, string>;
  /** The request this answer ended, as the cluster's circuit breaker counts it: end it earlier (a timeout). */
  inflight?: { release(at: number): void };
  /** The proxy forwarded the connection with tcp_proxy (TLS passthrough): telemetry counts a TCP connection. */
  l4?: boolean;
}

export interface MeshRequest extends HttpRequestLine {
  /** Virtual ms when the request starts. */
  t: number;
  /** The original destination the client connected to (for ORIGINAL_DST clusters). */
  dstIP: string;
  port: number;
  /** A raw TCP connection (tcp_proxy) instead of an HTTP request: the bytes the client sends (undefined: connect only). */
  tcp?: { data?: string };
  /** https: the client speaks TLS to the first proxy (SNI = the :authority host); undefined is http. */
  scheme?: 'http' | 'https';
  /** The client presented a certificate (curl --cert) for a MUTUAL gateway server. */
  clientCert?: boolean;
  /** The client's own TLS stream, forwarded untouched (TLS passthrough) with this SNI: only the app terminates it. */
  sni?: string;
}

/** The destination host of an outbound cluster: "ratings.default.svc.cluster.local" from "outbound|9080|v1|ratings.default.svc.cluster.local". */
export function hostOfCluster(cluster: string): string | undefined {
  return cluster.startsWith('outbound|') ? cluster.split('|')[3] || undefined : undefined;
}

/** "ratings;default" from "outbound|9080|v1|ratings.default.svc.cluster.local" (the destination service). */
function serviceOf(cluster: string): string | undefined {
  const host = cluster.split('|')[3];
  if (!host) return undefined;
  const [name, ns] = host.split('.');
  return `${name};${host.endsWith('.svc.cluster.local') ? ns : 'external'}`;
}

export const msOf = (steps: readonly TraceStep[]) => steps.reduce((a, s) => a + s.ms, 0);

export const UPSTREAM_RESET = 'upstream connect error or disconnect/reset before headers. reset reason: ';

function envoyReply(status: number, body: string, flag: string, steps: TraceStep[]): Resp {
  return { status, body, flags: flag ? [flag] : [], steps };
}

function hcmOf(filters: readonly { typedConfig: unknown }[]): HttpConnectionManager | undefined {
  return filters.map((f) => f.typedConfig as HttpConnectionManager).find((t) => t['@type'] === HCM_TYPE);
}

function tcpOf(filters: readonly { typedConfig: unknown }[]): TcpProxy | undefined {
  return filters.map((f) => f.typedConfig as TcpProxy).find((t) => t['@type'] === TCP_PROXY_TYPE);
}

/** What an outbound connection to ip:port does in the sidecar: an HTTP route configuration, or a TCP cluster. */
export function outboundListener(cfg: ProxyConfig, ip: string, port: number): { listener: string; rds?: string; cluster?: string } {
  const ix = indexOf(cfg);
  const specific = ix.listeners.get(`${ip}_${port}`);
  if (specific) {
    const http = specific.filterChains.find((c) => c.filterChainMatch?.applicationProtocols?.includes('http/1.1'));
    const h = http && hcmOf(http.filters);
    if (h?.rds) return { listener: specific.name, rds: h.rds.routeConfigName };
    const t = specific.filterChains.map((c) => tcpOf(c.filters)).find(Boolean);
    return { listener: specific.name, cluster: t?.cluster ?? 'BlackHoleCluster' };
  }
  const wildcard = ix.listeners.get(`0.0.0.0_${port}`);
  const h = wildcard && wildcard.trafficDirection === 'OUTBOUND' ? hcmOf(wildcard.filterChains[0]?.filters ?? []) : undefined;
  if (h?.rds) return { listener: wildcard!.name, rds: h.rds.routeConfigName };
  const vo = ix.listeners.get('virtualOutbound');
  const catchAll = vo?.filterChains.find((c) => c.filterChainMatch?.destinationPort === undefined);
  return { listener: 'virtualOutbound', cluster: (catchAll && tcpOf(catchAll.filters)?.cluster) ?? (cfg.mesh.outboundTrafficPolicy === 'REGISTRY_ONLY' ? 'BlackHoleCluster' : 'PassthroughCluster') };
}

function pct(p: { numerator: number; denominator?: string } | undefined): number {
  if (!p) return 100;
  const d = p.denominator === 'MILLION' ? 10000 : p.denominator === 'TEN_THOUSAND' ? 100 : 1;
  return p.numerator / d;
}

function pickWeighted(a: RouteAction, h: Hooks): string {
  if (a.cluster) return a.cluster;
  const cs = a.weightedClusters?.clusters ?? [];
  const total = cs.reduce((s, c) => s + c.weight, 0);
  if (total <= 0) return cs[0]?.name ?? '';
  let x = h.rng.int(total);
  for (const c of cs) {
    if (x < c.weight) return c.name;
    x -= c.weight;
  }
  return cs[cs.length - 1].name;
}

function retryWanted(retryOn: Set<string>, codes: readonly number[], r: Resp): boolean {
  if (r.flags.includes('UO')) return false;
  const connectFail = r.flags.includes('UF');
  const reset = connectFail || r.flags.includes('UC') || r.flags.includes('UT');
  if (retryOn.has('5xx') && (r.status >= 500 || reset)) return true;
  if (retryOn.has('gateway-error') && (r.status === 502 || r.status === 503 || r.status === 504)) return true;
  if (retryOn.has('connect-failure') && connectFail) return true;
  if (retryOn.has('reset') && reset) return true;
  if (retryOn.has('retriable-4xx') && r.status === 409) return true;
  if (retryOn.has('retriable-status-codes') && codes.includes(r.status) && !r.flags.includes('UH')) return true;
  return false;
}

/** Cut an attempt's hops at `limitMs` (the upstream is still working when Envoy gives up). */
function truncate(steps: TraceStep[], limitMs: number, why: string): TraceStep[] {
  const out: TraceStep[] = [];
  let t = 0;
  for (const s of steps) {
    if (t + s.ms > limitMs) break;
    out.push(s);
    t += s.ms;
  }
  out.push({ kind: 'proxy', title: `${why} after ${limitMs} ms: upstream request timeout`, detail: [`Envoy stops waiting for the upstream after ${limitMs} ms and answers 504 (response flag UT); the upstream's answer, if any, is discarded`], ms: Math.max(0, limitMs - t), ok: false });
  return out;
}

function applyHeaders(r: Route, req: MeshRequest, h: Hooks, cfg: ProxyConfig): MeshRequest {
  const headers = { ...req.headers };
  for (const n of r.requestHeadersToRemove ?? []) delete headers[n.toLowerCase()];
  for (const a of r.requestHeadersToAdd ?? []) {
    const k = a.header.key.toLowerCase();
    headers[k] = a.appendAction === 'APPEND_IF_EXISTS_OR_ADD' && headers[k] !== undefined ? `${headers[k]},${a.header.value}` : a.header.value;
  }
  headers['x-request-id'] ??= h.requestId();
  headers['x-forwarded-proto'] ??= req.scheme ?? 'http';
  void cfg;
  let path = req.path;
  let authority = req.authority;
  const a = r.route;
  if (a?.prefixRewrite !== undefined && r.match.prefix !== undefined) path = a.prefixRewrite + path.slice(r.match.prefix.length);
  else if (a?.regexRewrite) {
    const q = path.indexOf('?');
    const p = q < 0 ? path : path.slice(0, q);
    try {
      path = p.replace(new RegExp(a.regexRewrite.pattern.regex, 'g'), a.regexRewrite.substitution.replace(/\\(\d)/g, '$$$1')) + (q < 0 ? '' : path.slice(q));
    } catch {
      /* an invalid pattern never reaches a proxy */
    }
  }
  if (a?.hostRewriteLiteral) authority = a.hostRewriteLiteral;
  return { ...req, headers, path, authority };
}

function hashKey(a: RouteAction, req: MeshRequest, srcIP: string): string | undefined {
  for (const hp of a.hashPolicy ?? []) {
    if (hp.header) {
      const v = req.headers[hp.header.headerName.toLowerCase()];
      if (v !== undefined) return v;
    }
    if (hp.cookie) {
      const m = new RegExp(`(?:^|;\\s*)${hp.cookie.name}=([^;]*)`).exec(req.headers.cookie ?? '');
      if (m) return m[1];
    }
    if (hp.connectionProperties?.sourceIp) return srcIP;
    if (hp.queryParameter) {
      const m = new RegExp(`[?&]${hp.queryParameter.name}=([^&]*)`).exec(req.path);
      if (m) return m[1];
    }
  }
  return undefined;
}

/** The transport socket Envoy uses towards `host`: the cluster's, or the first transportSocketMatch the endpoint metadata satisfies. */
export function transportFor(c: Cluster, host: LbEndpoint | undefined): TransportSocket | undefined {
  if (c.transportSocket) return c.transportSocket;
  const md = (host?.metadata?.filterMetadata['envoy.transport_socket_match'] ?? {}) as Record<string, string>;
  for (const m of c.transportSocketMatches ?? []) if (Object.entries(m.match).every(([k, v]) => md[k] === v)) return m.transportSocket;
  return undefined;
}

/**
 * The router: route configuration `rcName` → virtual host by :authority → first matching route → fault
 * filter → redirect / direct response / cluster (weighted) with the route's retry policy and timeout.
 */
export function routeHttp(h: Hooks, cfg: ProxyConfig, rcName: string, req0: MeshRequest, srcIP: string, who: string): Resp {
  const steps: TraceStep[] = [];
  const rc = indexOf(cfg).routes.get(rcName);
  const vh = rc && selectVirtualHost(rc, req0.authority);
  if (!rc || !vh) {
    steps.push({ kind: 'proxy', title: `${who}: no virtual host for ${req0.authority} in route ${rcName}: 404 (NR)`, detail: [`route configuration "${rcName}" has no virtual host whose domains match :authority ${req0.authority}`], ms: h.lat(0.05, 0.15), ok: false });
    return envoyReply(404, '', 'NR', steps);
  }
  if (vh.requireTls === 'ALL' && req0.scheme !== 'https') {
    const location = `https://${req0.authority}${req0.path}`;
    steps.push({ kind: 'proxy', title: `${who}: ${vh.name} requires TLS → redirect 301 ${location}`, detail: ['the Gateway server sets tls.httpsRedirect: the virtual host has require_tls ALL, so plaintext requests are redirected to https'], ms: h.lat(0.05, 0.15), ok: true });
    return { status: 301, body: '', flags: [], steps, headers: { location } };
  }
  const sel = selectRoute(vh, req0);
  if (!sel) {
    steps.push({ kind: 'proxy', title: `${who}: no route in ${vh.name} matches ${req0.method} ${req0.path}: 404 (NR)`, detail: [`virtual host ${vh.name} (route configuration "${rcName}"): none of its ${vh.routes.length} routes matched`], ms: h.lat(0.05, 0.15), ok: false });
    return envoyReply(404, '', 'NR', steps);
  }
  const r = sel.route;
  const vsPath = r.metadata?.filterMetadata.istio?.config as string | undefined;
  const vs = vsPath ? vsPath.replace(/^.*\/namespaces\/([^/]+)\/virtual-service\/(.+)$/, '$2.$1') : undefined;
  const routeName = r.name ?? `#${sel.index}`;
  const detail = [`listener route configuration "${rcName}" → virtual host ${vh.name} (matched :authority ${req0.authority})`, `route ${routeName} (${sel.index + 1} of ${vh.routes.length}, first match wins)${vs ? ` from VirtualService ${vs}` : ''}`];
  const data: Record<string, unknown> = { routeConfig: rcName, virtualHost: vh.name, route: routeName, virtualService: vs };
  let delay = 0;
  const flags: string[] = [];
  const fault = r.typedPerFilterConfig?.['envoy.filters.http.fault'];
  if (fault?.delay && h.rng.next() * 100 < pct(fault.delay.percentage)) {
    delay = durationMs(fault.delay.fixedDelay) ?? 0;
    flags.push('DI');
    detail.push(`fault filter: delay ${delay} ms injected (${pct(fault.delay.percentage)}% of requests)`);
  }
  if (fault?.abort && fault.abort.httpStatus !== undefined && h.rng.next() * 100 < pct(fault.abort.percentage)) {
    detail.push(`fault filter: abort with HTTP ${fault.abort.httpStatus} (${pct(fault.abort.percentage)}% of requests)`);
    steps.push({ kind: 'proxy', title: `${who}: route ${routeName} → fault filter abort ${fault.abort.httpStatus}`, detail, ms: h.lat(0.05, 0.2) + delay, ok: false, data: { ...data, flags: [...flags, 'FI'] } });
    const target = r.route?.cluster ?? r.route?.weightedClusters?.clusters[0]?.name ?? '';
    return { status: fault.abort.httpStatus, body: 'fault filter abort', flags: [...flags, 'FI'], steps, upstream: target ? { workload: serviceOf(target), mtls: false, service: hostOfCluster(target) } : undefined };
  }
  if (r.redirect) {
    const rd = r.redirect;
    const code = { MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308 }[rd.responseCode ?? 'MOVED_PERMANENTLY'];
    const host = rd.hostRedirect ?? req0.authority.replace(/:\d+$/, '');
    const location = `${rd.schemeRedirect ?? 'http'}://${host}${rd.portRedirect ? `:${rd.portRedirect}` : ''}${rd.pathRedirect ?? req0.path}`;
    steps.push({ kind: 'proxy', title: `${who}: route ${routeName} → redirect ${code} ${location}`, detail, ms: h.lat(0.05, 0.2) + delay, ok: true, data });
    return { status: code, body: '', flags, steps, headers: { location } };
  }
  if (r.directResponse) {
    steps.push({ kind: 'proxy', title: `${who}: route ${routeName} → direct response ${r.directResponse.status}`, detail, ms: h.lat(0.05, 0.2) + delay, ok: r.directResponse.status < 400, data });
    return { status: r.directResponse.status, body: r.directResponse.body?.inlineString ?? '', flags, steps };
  }
  const a = r.route!;
  const req = applyHeaders(r, req0, h, cfg);
  const clusterName = pickWeighted(a, h);
  if (a.weightedClusters) detail.push(`weighted clusters ${a.weightedClusters.clusters.map((c) => `${c.name} ${c.weight}`).join(', ')}: picked ${clusterName}`);
  const timeout = durationMs(a.timeout) ?? 0;
  const rp = a.retryPolicy;
  const retryOn = new Set((rp?.retryOn ?? '').split(',').filter(Boolean));
  const perTry = durationMs(rp?.perTryTimeout) ?? 0;
  detail.push(`timeout ${timeout ? `${timeout} ms` : 'none (0s)'}; retries ${rp ? `${rp.numRetries} on ${rp.retryOn}${rp.retriableStatusCodes ? ` (codes ${rp.retriableStatusCodes.join(',')})` : ''}${perTry ? `, ${perTry} ms per try` : ''}` : 'none'}`);
  steps.push({ kind: 'proxy', title: `${who}: VirtualService ${vs ?? '(none: default route)'} route ${routeName} → ${clusterName}`, detail, ms: h.lat(0.05, 0.25) + delay, ok: true, data: { ...data, cluster: clusterName } });
  if (a.requestMirrorPolicies?.length) {
    for (const m of a.requestMirrorPolicies) {
      if (h.rng.next() * 100 >= pct(m.runtimeFraction?.defaultValue)) continue;
      const shadow = { ...req, authority: `${req.authority.replace(/:\d+$/, '')}-shadow`, t: req.t + msOf(steps) };
      const mr = upstream(h, cfg, m.cluster, shadow, srcIP, who, new Set(), a);
      steps.push({ kind: 'proxy', title: `${who}: mirror → ${m.cluster} (answer ${mr.status} discarded)`, detail: ['request mirroring: a copy goes to the mirror cluster fire-and-forget; its answer never reaches the client'], ms: 0, ok: true });
    }
  }
  const tried = new Set<string>();
  const attempts = 1 + (rp?.numRetries ?? 0);
  let last: Resp | undefined;
  for (let i = 0; i < attempts; i++) {
    const elapsed = msOf(steps);
    if (timeout && elapsed >= timeout) break;
    if (i > 0) {
      const backoff = h.lat(0, 25 * (2 ** i - 1));
      steps.push({ kind: 'proxy', title: `${who}: retry ${i} of ${attempts - 1} (${last!.status}${last!.flags.length ? ` ${last!.flags.join(',')}` : ''})`, detail: [`retry policy retryOn ${rp!.retryOn}: the previous attempt qualifies; backoff ${Math.round(backoff)} ms; previous_hosts predicate prefers another host`], ms: backoff, ok: true });
    }
    const attemptAt = req.t + msOf(steps);
    const res = upstream(h, cfg, clusterName, { ...req, t: attemptAt, headers: i > 0 ? { ...req.headers, 'x-envoy-attempt-count': String(i + 1) } : req.headers }, srcIP, who, tried, a);
    let attemptSteps = res.steps;
    let out: Resp = res;
    const took = msOf(res.steps);
    const budget = timeout ? timeout - msOf(steps) : Infinity;
    if (perTry && took > perTry && perTry < budget) {
      res.inflight?.release(attemptAt + perTry);
      attemptSteps = truncate(res.steps, perTry, 'per-try timeout');
      out = { status: 504, body: 'upstream request timeout', flags: ['UT'], steps: attemptSteps, upstream: res.upstream };
    } else if (took > budget) {
      res.inflight?.release(attemptAt + budget);
      steps.push(...truncate(res.steps, budget, 'route timeout'));
      return { status: 504, body: 'upstream request timeout', flags: [...flags, 'UT'], steps, upstream: res.upstream };
    }
    steps.push(...attemptSteps);
    last = out;
    if (i + 1 < attempts && retryWanted(retryOn, rp?.retriableStatusCodes ?? [], out)) {
      if (out.flags.includes('UF') || out.flags.includes('UC')) out.flags.push('URX');
      continue;
    }
    break;
  }
  const fin: Resp = last ?? { status: 504, body: 'upstream request timeout', flags: ['UT'], steps: [] };
  // Local replies (overflow, no healthy host) are reported against the destination service.
  fin.upstream ??= { workload: serviceOf(clusterName), mtls: false, service: hostOfCluster(clusterName) };
  const retried = fin.flags.includes('URX') && fin.body.startsWith(UPSTREAM_RESET) ? fin.body.replace(UPSTREAM_RESET, 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: ') : fin.body;
  return { ...fin, body: retried, flags: [...flags, ...fin.flags], steps };
}

/**
 * One attempt to a cluster: circuit breaker, host selection (outlier-ejected hosts skipped), the transport
 * socket (Istio mTLS or plaintext) and the hop to the host.
 */
export function upstream(h: Hooks, cfg: ProxyConfig, clusterName: string, req: MeshRequest, srcIP: string, who: string, tried: Set<string>, action?: RouteAction): Resp {
  const ix = indexOf(cfg);
  const c = ix.clusters.get(clusterName);
  const steps: TraceStep[] = [];
  if (!c) {
    steps.push({ kind: 'proxy', title: `${who}: cluster ${clusterName} not found: 503 (NC)`, detail: ['the route names a cluster this proxy was not sent'], ms: h.lat(0.02, 0.1), ok: false });
    return envoyReply(503, 'no healthy upstream', 'NC', steps);
  }
  if (c.name === 'BlackHoleCluster') {
    steps.push({ kind: 'proxy', title: `${who}: BlackHoleCluster: 502`, detail: ['outboundTrafficPolicy REGISTRY_ONLY: hosts outside the service registry go to the BlackHoleCluster'], ms: h.lat(0.02, 0.1), ok: false });
    return envoyReply(502, '', 'UH', steps);
  }
  if (c.type === 'ORIGINAL_DST') return h.passthrough(cfg, c, req, srcIP, who);
  const st = h.state(cfg.node, c.name);
  const now = req.t;
  st.prune(now);
  const cb = c.circuitBreakers?.thresholds[0];
  const hosts = c.loadAssignment?.endpoints.flatMap((l) => l.lbEndpoints) ?? ix.endpoints.get(c.name)?.endpoints.flatMap((l) => l.lbEndpoints) ?? [];
  if (hosts.length === 0) {
    steps.push({ kind: 'proxy', title: `${who}: ${c.name} has no endpoints: 503 no healthy upstream (UH)`, detail: ['EDS sent no endpoints for this cluster (no ready pods, or no pod matches the subset labels)'], ms: h.lat(0.02, 0.1), ok: false });
    return envoyReply(503, 'no healthy upstream', 'UH', steps);
  }
  let queueMs = 0;
  if (cb) {
    const active = st.inflight.length;
    const http1 = Math.min(cb.maxConnections, cb.maxRequests);
    if (active >= cb.maxRequests || active >= cb.maxConnections + cb.maxPendingRequests) {
      st.overflows++;
      const limit = active >= cb.maxRequests ? `max_requests ${cb.maxRequests}` : `max_connections ${cb.maxConnections} + max_pending_requests ${cb.maxPendingRequests}`;
      steps.push({ kind: 'proxy', title: `${who}: circuit breaker open on ${c.name}: 503 (UO)`, detail: [`${active} requests already in flight; ${limit} reached: the request overflows`, 'DestinationRule connectionPool → Envoy cluster circuit_breakers'], ms: h.lat(0.02, 0.08), ok: false, data: { cluster: c.name, flags: ['UO'] } });
      return envoyReply(503, UPSTREAM_RESET + 'overflow', 'UO', steps);
    }
    if (active >= http1) {
      const ends = [...st.inflight].sort((x, y) => x - y);
      queueMs = Math.max(0, ends[active - http1] - now);
    }
  }
  const hashed = c.lbPolicy === 'RING_HASH' || c.lbPolicy === 'MAGLEV';
  const hp = hashed ? (action?.hashPolicy?.length ? action.hashPolicy : h.hashPolicyOf(c)) : undefined;
  const pick = pickHost(c, st, hosts, now, h.rng, hp ? hashKey({ timeout: '0s', hashPolicy: hp }, req, srcIP) : undefined, tried);
  if (!pick) {
    steps.push({ kind: 'proxy', title: `${who}: every endpoint of ${c.name} is ejected: 503 no healthy upstream (UH)`, detail: [`outlier detection ejected all ${hosts.length} endpoint${hosts.length === 1 ? '' : 's'}; healthy_panic_threshold ${panicThreshold(c)}%: Istio turns Envoy's panic mode off when a DestinationRule sets outlierDetection (unless minHealthPercent), so ejected hosts get no traffic`], ms: h.lat(0.02, 0.1), ok: false });
    return envoyReply(503, 'no healthy upstream', 'UH', steps);
  }
  const host = pick.host;
  const addr = endpointKey(host);
  tried.add(addr);
  const ts = transportFor(c, host);
  const mtls = ts?.name === 'envoy.transport_sockets.tls';
  const workload = host.metadata?.filterMetadata.istio?.workload as string | undefined;
  const subset = c.metadata?.filterMetadata.istio?.subset as string | undefined;
  const ejected = [...st.hosts.entries()].filter(([, x]) => x.ejectedUntil > now).map(([k]) => k);
  steps.push({
    kind: 'proxy',
    title: `${who}: ${c.name} → ${addr} (${(c.lbPolicy ?? 'ROUND_ROBIN').toLowerCase()}${pick.panic ? ', panic mode' : ''}) ${mtls ? 'mTLS' : 'plaintext'}`,
    detail: [
      `cluster ${c.name}${subset ? ` (DestinationRule subset ${subset})` : ''}: ${hosts.length} endpoint${hosts.length === 1 ? '' : 's'}${ejected.length ? `, ejected by outlier detection: ${ejected.join(', ')}` : ''}`,
      `load balancer ${c.lbPolicy ?? 'ROUND_ROBIN'} picked ${addr}${workload ? ` (${workload.split(';')[0]})` : ''}`,
      mtls ? `transport: Istio mTLS (client certificate ${cfg.node.spiffeId})${c.transportSocketMatches ? ', auto mTLS: the endpoint has a sidecar' : ''}` : `transport: plaintext${c.transportSocketMatches ? ' (auto mTLS: the endpoint has no sidecar)' : ''}`,
      ...(cfg.node.type === 'sidecar' ? ['the sidecar connects as uid 1337: ISTIO_OUTPUT -m owner --uid-owner 1337 -j RETURN, so its own connection is not captured again'] : []),
      ...(queueMs ? [`waited ${Math.round(queueMs)} ms for a connection (max_connections ${cb!.maxConnections})`] : []),
    ],
    ms: h.lat(0.05, 0.2) + queueMs,
    ok: true,
    data: { cluster: c.name, subset, endpoint: addr, workload: workload?.split(';')[0], mtls, lbPolicy: c.lbPolicy ?? 'ROUND_ROBIN' },
  });
  const sa = host.endpoint.address.socketAddress;
  const res = h.toHost(sa.address, sa.portValue, req, cfg.node.ip, mtls ? cfg.node.spiffeId : undefined);
  steps.push(...res.steps);
  const took = msOf(steps);
  const end = now + took;
  st.inflight.push(end);
  st.host(addr).active.push(end);
  let endsAt = end;
  const inflight = {
    release: (at: number) => {
      if (at >= endsAt) return;
      st.release(addr, endsAt, at);
      endsAt = at;
    },
  };
  h.inflight?.(inflight.release);
  const status = res.reset || res.flags.includes('UF') || res.flags.includes('UC') ? 503 : res.status;
  const why = recordOutcome(c.outlierDetection, st, addr, status, hosts.length, now + took);
  if (why) steps.push({ kind: 'proxy', title: `${who}: outlier detection ejects ${addr} from ${c.name}`, detail: [`${why} reached; ejected for ${st.host(addr).ejections} × baseEjectionTime, until ${new Date(st.host(addr).ejectedUntil).toISOString()}`], ms: 0, ok: false, data: { ejected: addr } });
  return { ...res, steps, upstream: { workload, mtls, service: hostOfCluster(c.name) }, inflight };
}

export type { RbacFilterConfig };
