import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterRuntime } from '../../runtime.ts';
import { parseUrl } from '../../images/shell/net/http.ts';
import type { ConnectRequest } from '../../images/shell/net/types.ts';
import type { NetworkService } from './index.ts';
import { OUTSIDE_IP, type Source } from './path.ts';
import { latency, type Trace, type TraceStep } from './trace.ts';

/** The parts of the 'ingress' service `lab curl` uses. */
interface IngressLike {
  enabled(): boolean;
  address(): string | undefined;
  route(host: string, path: string, headers?: Record<string, string>, opts?: { scheme?: 'http' | 'https' }): {
    status?: number;
    body?: string;
    reason: string;
    server: string;
    location?: { path: string; pathType: string; ingress: string };
    backend?: { namespace: string; service: string; port: number | string; endpoint: { ip: string; port: number; podName?: string } };
    canary?: { ingress: string; chosen: boolean; reason: string };
  };
}

export class ClientError extends Error {}

/** Who sends for `lab curl|trace --from POD` (namespace from -n), or outside the cluster. */
export function resolveSource(rt: ClusterRuntime, net: NetworkService, from: string | undefined, namespace: string, fromNode?: string): Source {
  if (fromNode) {
    const n = rt.store.get('nodes', undefined, fromNode);
    if (!n) throw new ClientError(`Error from server (NotFound): nodes "${fromNode}" not found`);
    const ip = (n.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    return { kind: 'node', node: fromNode, ip };
  }
  if (!from) return { kind: 'external', ip: OUTSIDE_IP };
  const name = from.replace(/^pods?\//, '');
  const pod = rt.store.get('pods', namespace, name) as unknown as Pod | undefined;
  if (!pod) throw new ClientError(`Error from server (NotFound): pods "${name}" not found`);
  const src = net.sourceFor(pod.status?.podIP ?? '');
  if (src.kind !== 'pod' || !pod.status?.podIP) throw new ClientError(`error: pod ${name} has no IP yet (phase ${pod.status?.phase ?? 'Pending'})`);
  return { kind: 'pod', pod, ip: pod.status.podIP, node: pod.spec?.nodeName };
}

/**
 * One HTTP request the way `lab curl` makes it: from a pod, or from outside; a host name from outside is an
 * Ingress host when the ingress controller runs (the lab's stand-in for DNS pointing at it), a `Host:` header
 * to the controller's address too.
 */
export function request(rt: ClusterRuntime, net: NetworkService, src: Source, url: string, headers: Record<string, string>, app: ConnectRequest['app'] = 'http', tool = 'lab curl'): Trace {
  const u = parseUrl(url);
  if (!u) throw new ClientError('curl: (3) URL rejected: Malformed input to a URL function');
  const base: ConnectRequest = { host: u.host, port: u.port, path: u.path, app, tool, at: rt.clock.nowUnixMs(), headers: Object.keys(headers).length ? headers : undefined, ...(u.scheme === 'https' ? { scheme: 'https' as const } : {}) };
  const ing = rt.service<IngressLike>('ingress');
  const isIP = /^\d+\.\d+\.\d+\.\d+$/.test(u.host);
  const hostHeader = headers.host ?? headers.Host;
  const ingressHost = src.kind === 'external' && ing?.enabled() && (!isIP || (hostHeader !== undefined && u.host === ing.address())) ? hostHeader ?? u.host : undefined;
  if (ingressHost === undefined || app !== 'http') return net.connect(src, base).trace;
  const r = ing!.route(ingressHost, u.path, headers, { scheme: u.scheme === 'https' ? 'https' : 'http' });
  const detail = [
    !isIP ? `the lab resolves Ingress host ${u.host} to the ingress controller (${ing!.address() ?? 'no address yet'})` : `Host: ${ingressHost} sent to the ingress controller`,
    `nginx server ${r.server}${r.location ? `, location ${r.location.path} (${r.location.pathType}) from ${r.location.ingress}` : ''}`,
    r.reason,
  ];
  if (r.canary) detail.push(`canary ${r.canary.ingress}: ${r.canary.chosen ? 'chosen' : 'not chosen'} (${r.canary.reason})`);
  const step: TraceStep = {
    kind: 'ingress',
    title: r.backend ? `ingress-nginx → ${r.backend.namespace}/${r.backend.service}:${r.backend.port} (${r.backend.endpoint.ip}:${r.backend.endpoint.port})` : `ingress-nginx answers ${r.status}`,
    detail,
    ms: latency(rt.clock.now(), 5, 0.2, 0.8),
    ok: !!r.backend || (r.status ?? 500) < 400,
  };
  if (!r.backend) {
    return net.record({
      tool,
      from: `outside the cluster (${src.ip})`,
      fromIP: src.ip,
      target: url,
      protocol: 'TCP',
      steps: [step],
      outcome: { kind: 'http', status: r.status ?? 404, body: r.body ?? '', ip: ing!.address() ?? u.host },
    });
  }
  const ctrl = rt.store.list('pods', 'ingress-nginx').find((p) => p.metadata.labels?.['app.kubernetes.io/component'] === 'controller' && (p.status as { podIP?: string } | undefined)?.podIP) as unknown as Pod | undefined;
  const from: Source = ctrl ? { kind: 'pod', pod: ctrl, ip: ctrl.status!.podIP!, node: ctrl.spec?.nodeName } : src;
  const t = net.connect(from, { ...base, host: r.backend.endpoint.ip, port: r.backend.endpoint.port, preSteps: [step], endpoint: { ip: r.backend.endpoint.ip, port: r.backend.endpoint.port } }).trace;
  t.target = url;
  t.from = `outside the cluster (${src.ip}) via ingress-nginx`;
  return t;
}

export function parseHeaders(list: string[]): Record<string, string> {
  const h: Record<string, string> = {};
  for (const l of list) {
    const i = l.indexOf(':');
    if (i > 0) h[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return h;
}
