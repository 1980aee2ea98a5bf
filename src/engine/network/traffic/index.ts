import type { Pod } from 'kubernetes-types/core/v1';
import type { ConnectRequest, ConnectResult, ContainerNet, DnsExchange } from '../../images/shell/net/types.ts';
import { KUBELET_MANAGER, type HttpAnswer } from '../../kubelet/http.ts';
import type { KubeletManager } from '../../kubelet/manager.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { DnsService } from '../dns/index.ts';
import { upstreamAnswer } from '../dns/upstream.ts';
import { policyCheck } from './hops.ts';
import { OUTSIDE_IP, runTrace, type Source, type TraceRequest } from './path.ts';
import { latency, TraceLog, type Trace } from './trace.ts';
import { World } from './world.ts';

export const NETWORK_SERVICE = 'network';

export interface NetworkService {
  /** HTTP GET from `fromIP` (a pod, a node, or anything else: outside); errors read like curl's. */
  httpGet(host: string, port: number, path: string, fromIP: string): HttpAnswer;
  /** One request from `from`, traced and recorded. */
  connect(from: Source, req: ConnectRequest & { protocol?: 'TCP' | 'UDP'; preSteps?: TraceRequest['preSteps']; endpoint?: TraceRequest['endpoint'] }): ConnectResult & { trace: Trace };
  /** The network as the processes of one pod see it (for the in-container tools). */
  containerNet(namespace: string, name: string): ContainerNet;
  /** Where traffic from `ip` comes from: a pod, a node, or outside. */
  sourceFor(ip: string): Source;
  /** Record a trace made elsewhere (an Ingress controller answering by itself). */
  record(t: Omit<Trace, 'id' | 'time' | 'totalMs'>): Trace;
  recentTraces(n?: number): Trace[];
  trace(id: number): Trace | undefined;
}

/** curl's wording for an outcome (curl 8.x). */
export function curlError(o: ConnectResult['outcome'], host: string, port: number, ms: number): string | undefined {
  switch (o.kind) {
    case 'nxdomain':
    case 'dns-timeout':
      return `curl: (6) Could not resolve host: ${host}`;
    case 'refused':
    case 'unreachable':
      return `curl: (7) Failed to connect to ${host} port ${port} after ${Math.max(1, Math.round(ms))} ms: Could not connect to server`;
    case 'reset':
      return 'curl: (56) Recv failure: Connection reset by peer';
    case 'closed':
      return 'curl: (52) Empty reply from server';
    case 'tls-failed':
      if (o.reason === 'cert-required') return 'curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0';
      if (o.reason === 'wrong-version') return 'curl: (35) OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number';
      return `curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${host}:${port} `;
    case 'timeout':
      return `curl: (28) Failed to connect to ${host} port ${port} after ${Math.round(ms)} ms: Timeout was reached`;
    default:
      return undefined;
  }
}

/** The packet tracer and the `network` service: requests from pods, nodes and outside, each traced. */
export function startTraffic(rt: ClusterRuntime): NetworkService {
  const world = new World(rt);
  const log = new TraceLog();
  const ctx = { rt, world, log };

  const sourceFor = (ip: string): Source => {
    const pod = world.podByIP(ip);
    if (pod) return { kind: 'pod', pod, ip, node: pod.spec?.nodeName };
    const node = world.nodeByIP(ip);
    if (node) return { kind: 'node', node: node.metadata!.name!, ip };
    return { kind: 'external', ip: ip || OUTSIDE_IP };
  };

  const connect: NetworkService['connect'] = (from, req) => {
    const trace = runTrace(ctx, { ...req, from });
    return { outcome: trace.outcome, ms: trace.totalMs, traceId: trace.id, trace };
  };

  const podSource = (namespace: string, name: string): Source | undefined => {
    const pod = rt.store.get('pods', namespace, name) as unknown as Pod | undefined;
    if (!pod) return undefined;
    const ip = rt.service<KubeletManager>(KUBELET_MANAGER)?.worker(namespace, name)?.podIP ?? pod.status?.podIP ?? '';
    return { kind: 'pod', pod, ip, node: pod.spec?.nodeName };
  };

  const svc: NetworkService = {
    httpGet(host, port, path, fromIP) {
      const r = connect(sourceFor(fromIP), { host, port, path, app: 'http', tool: 'curl', at: rt.clock.nowUnixMs() });
      if (r.outcome.kind === 'http') return { status: r.outcome.status, body: r.outcome.body };
      return { error: curlError(r.outcome, host, port, r.ms) ?? 'curl: (52) Empty reply from server' };
    },
    connect,
    sourceFor,
    containerNet(namespace, name) {
      let n = 0;
      return {
        dns(server, qname, qtype): DnsExchange {
          const dns = rt.service<DnsService>('dns');
          const ms = latency(9_000_000 + n++, 0, 0.2, 1.5);
          if (!dns) return { server, ms };
          const route = dns.route(server);
          if (route.kind === 'unreachable') return { server, ms };
          if (route.kind === 'upstream') return { server, reply: upstreamAnswer(qname, qtype), ms: ms + 10 };
          const src = podSource(namespace, name);
          const target = route.servers[n % route.servers.length];
          if (src?.kind === 'pod' && !policyCheck(rt, world, { srcIP: src.ip, srcPod: src.pod, dstIP: target.ip, port: 53, protocol: 'UDP' }).allowed) return { server, ms };
          return { server, reply: dns.query(qname, qtype), ms };
        },
        connect(req) {
          const src = podSource(namespace, name);
          if (!src) return { outcome: { kind: 'unreachable', ip: req.host }, ms: 0 };
          const r = connect(src, req);
          return { outcome: r.outcome, ms: r.ms, traceId: r.traceId };
        },
      };
    },
    record(partial) {
      const t: Trace = { ...partial, id: log.nextId(), time: rt.clock.timestamp(), totalMs: Math.round(partial.steps.reduce((a, s) => a + s.ms, 0) * 1000) / 1000 };
      log.add(t);
      return t;
    },
    recentTraces: (k) => log.recent(k),
    trace: (id) => log.get(id),
  };
  rt.services.set(NETWORK_SERVICE, svc);
  return svc;
}

export type { Trace, TraceStep } from './trace.ts';
export type { Source } from './path.ts';
