// GET /api/v1/namespaces/NS/pods/NAME/log: a container's log as text/plain, from the kubelet service (container,
// previous, tailLines, timestamps, sinceSeconds, limitBytes; follow streams new lines as virtual time passes).
import type { ServerResponse } from 'node:http';
import { StatusError } from '../engine/api/types.ts';
import { forbiddenError, resourceAttributes } from '../engine/auth/attributes.ts';
import { authService } from '../engine/auth/service.ts';
import { KUBELET_SERVICE } from '../engine/kubelet/api.ts';
import type { LogOptions } from '../engine/kubelet/service.ts';
import type { ApiRequest, ResourcePath } from './request.ts';

interface Logs {
  logs(namespace: string, pod: string, container: string | undefined, opts: LogOptions): string;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new StatusError(400, 'BadRequest', `${name}: Invalid value: "${v}": must be an integer`);
  return n;
}

/** How often a follow stream looks for new lines (wall-clock ms). */
const FOLLOW_POLL_MS = 250;

export function serveLogs(req: ApiRequest, p: ResourcePath, res: ServerResponse, onClose: () => void): void {
  const ns = p.namespace ?? 'default';
  const name = p.name!;
  const attrs = resourceAttributes(req.user, 'get', '', 'pods', ns, name, 'log');
  const d = authService(req.rt).authorize(attrs);
  if (!d.allowed) throw forbiddenError(attrs, d.reason);
  req.api.get('pods', ns, name);
  const svc = req.rt.service<Logs>(KUBELET_SERVICE);
  if (!svc) throw new StatusError(503, 'ServiceUnavailable', 'the kubelet is not running');
  const q = req.query;
  const container = q.get('container') ?? undefined;
  const opts: LogOptions = {
    previous: q.get('previous') === 'true',
    timestamps: q.get('timestamps') === 'true',
    tail: intParam(q, 'tailLines'),
    sinceSeconds: intParam(q, 'sinceSeconds'),
    limitBytes: intParam(q, 'limitBytes'),
  };
  const first = svc.logs(ns, name, container, opts);
  if (q.get('follow') !== 'true') {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.end(first);
    onClose();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.write(first);
  // Follow: print what the full log has gained since the last look.
  let seen = svc.logs(ns, name, container, { ...opts, tail: undefined, limitBytes: undefined }).length;
  const timer = setInterval(() => {
    try {
      const all = svc.logs(ns, name, container, { ...opts, tail: undefined, limitBytes: undefined });
      if (all.length > seen) res.write(all.slice(seen));
      seen = all.length;
    } catch {
      clearInterval(timer);
      res.end();
    }
  }, FOLLOW_POLL_MS);
  res.on('close', () => {
    clearInterval(timer);
    onClose();
  });
}
