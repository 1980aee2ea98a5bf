import type { AppContext } from '../../types.ts';
import type { ConnectRequest, ConnectResult } from '../../shell/net/types.ts';
import { addAppWork } from '../../../mesh/dataplane/frames.ts';

/** The parts of the `network` service a program's HTTP client uses. */
interface NetworkLike {
  sourceFor(ip: string): unknown;
  connect(from: unknown, req: ConnectRequest): ConnectResult;
}

export type CallResult = { status: number; body: string; ms: number } | { error: string; ms: number };

/**
 * One HTTP GET from the program's pod through the cluster network (its sidecar when it has one), with the
 * client's own timeout: a slower answer is a timeout error after `timeoutMs`. The time waited counts towards
 * the program's own answer.
 */
export function call(ctx: AppContext, url: string, headers: Record<string, string>, timeoutMs: number, tool: string): CallResult {
  const net = ctx.cluster?.service<NetworkLike>('network');
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!net || !m) return { error: 'ConnectionError', ms: 0 };
  const r = net.connect(net.sourceFor(ctx.podIP), { host: m[1], port: m[2] ? Number(m[2]) : 80, path: m[3] ?? '/', app: 'http', tool, headers, at: 0, timeoutMs });
  const ms = Math.min(r.ms, timeoutMs);
  addAppWork(ms);
  if (r.ms > timeoutMs) return { error: `ReadTimeout: HTTPConnectionPool(host='${m[1]}', port=${m[2] ?? 80}): Read timed out. (read timeout=${timeoutMs / 1000})`, ms };
  if (r.outcome.kind !== 'http') return { error: `ConnectionError: ${r.outcome.kind}`, ms };
  return { status: r.outcome.status, body: r.outcome.body, ms };
}

/** The headers Bookinfo services pass on (productpage's `getForwardHeaders`): the user and the trace context. */
export function forwardHeaders(incoming: Record<string, string> | undefined, user: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (user) out['end-user'] = user;
  for (const k of ['x-request-id', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags', 'traceparent', 'tracestate', 'x-ot-span-context', 'user-agent']) {
    const v = incoming?.[k];
    if (v !== undefined) out[k] = v;
  }
  if (!user && incoming?.['end-user']) out['end-user'] = incoming['end-user'];
  return out;
}
