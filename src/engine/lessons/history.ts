import type { ClusterRuntime } from '../runtime.ts';
import type { NetworkService, Trace } from '../network/traffic/index.ts';

/** One command line the learner (or a lesson's solution) ran, with its exit status. */
export interface CommandRecord {
  line: string;
  exitCode: number;
  /** Virtual ms since cluster start. */
  at: number;
}

/** What a lesson check needs of one traced request: who sent it, where to, and how it ended. */
export interface RequestRecord {
  id: number;
  at: number;
  /** `default/client` for a pod, `node/worker-1`, or `outside`. */
  from: string;
  /** Labels of the sending pod (empty when not a pod). */
  fromLabels: Record<string, string>;
  /** What was asked for: `web`, `web.default.svc.cluster.local:80`, `10.96.0.12:80`... */
  target: string;
  /** The host part of the target (`web`, `web.default.svc.cluster.local`, `10.96.0.12`). */
  host: string;
  /** `ok` (an HTTP answer or an open connection), `denied` (dropped by a NetworkPolicy) or `failed`. */
  result: 'ok' | 'denied' | 'failed';
  /** HTTP status when there was an answer. */
  status?: number;
  /** The Service that carried the request (`default/web`), when one did (kube-proxy or an Ingress backend). */
  service?: string;
  /** The Pod that answered (`default/web-5d7…`), when the request reached one. */
  pod?: string;
  /** How the packet crossed the pod network: `same-node`, `overlay` (flannel VXLAN), `routed` (Calico)... */
  path?: string;
}

const LIMIT = 2000;

/**
 * The lab's history as lesson checks see it: command lines and traced requests. `Cluster.run` calls
 * `afterRun` once per terminal input; requests are collected from the network's trace log then, so the
 * packet tracer needs no hook of its own.
 */
export class History {
  readonly commands: CommandRecord[] = [];
  readonly requests: RequestRecord[] = [];
  /** Ids of the traces in the network's log already recorded. A trace is logged when it ends, so an outer
   * request (a client's call to an app that makes calls of its own) lands after the inner ones although its
   * id is lower: ids are no watermark. */
  private seen = new Set<number>();
  /** Bumped on every record, so a UI can tell that history changed. */
  version = 0;

  afterRun(rt: ClusterRuntime, line: string, exitCode: number): void {
    this.commands.push({ line, exitCode, at: rt.clock.now() });
    if (this.commands.length > LIMIT) this.commands.shift();
    this.collectRequests(rt);
    this.version++;
  }

  /** Pull traces the network recorded since the last call. */
  collectRequests(rt: ClusterRuntime): void {
    const net = rt.service<NetworkService>('network');
    if (!net) return;
    const traces = net.recentTraces();
    if (traces.length && traces.every((t) => this.seen.has(t.id))) return;
    for (const t of traces) {
      if (this.seen.has(t.id)) continue;
      // Only a NetworkPolicy drop is "denied"; a sidecar refusing plaintext (STRICT mTLS) resets the connection: failed.
      const denied = t.steps.some((s) => s.kind === 'policy' && !s.ok && s.title.startsWith('NetworkPolicy'));
      const ok = t.outcome.kind === 'http' || t.outcome.kind === 'open' || t.outcome.kind === 'echo';
      const src = net.sourceFor(t.fromIP);
      const pod = src.kind === 'pod' ? src.pod : undefined;
      this.requests.push({
        id: t.id,
        at: rt.clock.now(),
        from: pod ? `${pod.metadata?.namespace}/${pod.metadata?.name}` : src.kind === 'node' ? `node/${src.node}` : 'outside',
        fromLabels: { ...(pod?.metadata?.labels ?? {}) },
        target: t.target,
        host: hostOf(t.target),
        result: denied ? 'denied' : ok ? 'ok' : 'failed',
        status: t.outcome.kind === 'http' ? t.outcome.status : undefined,
        service: serviceOf(t.steps),
        pod: podAt(net, t.steps),
        path: pathOf(t.steps),
      });
      if (this.requests.length > LIMIT) this.requests.shift();
    }
    // Keep only the ids still in the log, so the set stays as small as the log.
    this.seen = new Set(traces.map((t) => t.id));
  }
}

/** The Service a trace went through: a kube-proxy hop's data, or the Ingress backend in its title. */
function serviceOf(steps: Trace['steps']): string | undefined {
  for (const st of steps) {
    const svc = st.data?.service;
    if (typeof svc === 'string' && svc) return svc.replace(/:[^:/]*$/, '');
    const m = st.kind === 'ingress' ? /→ ([^/\s]+)\/([^:\s]+):/.exec(st.title) : null;
    if (m) return `${m[1]}/${m[2]}`;
  }
  return undefined;
}

function pathOf(steps: Trace['steps']): string | undefined {
  const p = [...steps].reverse().find((st) => st.kind === 'cni')?.data?.path;
  return typeof p === 'string' ? p : undefined;
}

function podAt(net: NetworkService, steps: Trace['steps']): string | undefined {
  const d = [...steps].reverse().find((st) => st.kind === 'deliver' && st.at);
  const src = d?.at ? net.sourceFor(d.at) : undefined;
  return src?.kind === 'pod' ? `${src.pod.metadata?.namespace}/${src.pod.metadata?.name}` : undefined;
}

/** `http://web.default:8080/x` → `web.default`; `10.96.0.1:443` → `10.96.0.1`. */
export function hostOf(target: string): string {
  const rest = target.replace(/^[a-z]+:\/\//, '');
  return rest.split(/[:/]/)[0];
}
