// The API server's HTTPS endpoint as a pod reaches it (`curl https://kubernetes.default.svc/api/...` with the
// mounted ServiceAccount token): bearer-token authentication, RBAC through the same authorized ApiServer kubectl
// uses, and answers as the apiserver writes them to curl/wget (pretty-printed JSON, Status objects for failures).
// Reads only: GET of /version, the health checks, and get/list of any served resource.
import { StatusError, apiVersionOf, type ResourceType } from '../../api/types.ts';
import { failure, statusOfStatusError, type StatusBody } from '../../api/status.ts';
import { forbiddenError, nonResourceAttributes } from '../../auth/attributes.ts';
import { authService } from '../../auth/service.ts';
import type { UserInfo } from '../../auth/user.ts';
import { serverVersionInfo } from '../../kubectl/verbs/version.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { parseFieldSelector, parseSelector, SelectorError } from '../../util/selectors.ts';

export interface ApiHttpRequest {
  method?: string;
  /** Path and query, e.g. `/api/v1/namespaces/default/pods?labelSelector=app%3Dweb`. */
  path: string;
  /** Lower-case header names. */
  headers?: Record<string, string>;
  /** The client's User-Agent (curl and wget get pretty-printed JSON, as the apiserver's isPrettyPrint does). */
  userAgent?: string;
}

export interface ApiHttpResponse {
  status: number;
  body: string;
  contentType: string;
}

const anonymous: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

function statusOfError(e: unknown): StatusBody {
  if (e instanceof StatusError) return statusOfStatusError(e);
  const message = e instanceof Error ? e.message : String(e);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

function typeFor(rt: ClusterRuntime, group: string, version: string, plural: string): ResourceType | undefined {
  for (const t of rt.registry.all()) {
    if (t.plural === plural && t.group === group && (t.version === version || t.alternateVersions?.some((a) => a.version === version))) return t;
  }
  return undefined;
}

const notFound = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

function authenticate(rt: ClusterRuntime, headers: Record<string, string>): UserInfo {
  const h = headers.authorization;
  if (!h) return anonymous;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  const who = m ? authService(rt).authenticate({ token: m[1] }) : undefined;
  if (!who) throw new StatusError(401, 'Unauthorized' as StatusError['reason'], 'Unauthorized');
  return who;
}

function serveResource(rt: ClusterRuntime, user: UserInfo, segs: string[], query: URLSearchParams): unknown {
  const [group, version, rest] = segs[0] === 'api' ? ['', segs[1], segs.slice(2)] : [segs[1], segs[2], segs.slice(3)];
  let ns: string | undefined;
  let r = rest;
  if (r[0] === 'namespaces' && r.length >= 3) {
    ns = decodeURIComponent(r[1]);
    r = r.slice(2);
  }
  if (r.length === 0 || r.length > 2) throw notFound();
  const t = typeFor(rt, group, version, r[0]);
  if (!t || (ns !== undefined && !t.namespaced) || (t.namespaced && r[1] && ns === undefined)) throw notFound();
  const api = authService(rt).apiFor(user);
  if (r[1]) return api.get(t.plural, ns, decodeURIComponent(r[1]));
  let opts;
  try {
    const ls = query.get('labelSelector');
    const fs = query.get('fieldSelector');
    opts = { labelSelector: ls ? parseSelector(ls) : undefined, fieldSelector: fs ? parseFieldSelector(fs) : undefined };
  } catch (e) {
    if (e instanceof SelectorError) throw new StatusError(400, 'BadRequest', `unable to parse requirement: ${e.message}`);
    throw e;
  }
  // A typed list's items carry no kind/apiVersion of their own.
  const items = api.list(t.plural, ns, opts).map(({ kind: _k, apiVersion: _v, ...rest }) => rest);
  return { kind: `${t.kind}List`, apiVersion: apiVersionOf(t), metadata: { resourceVersion: String(rt.store.currentRevision()) }, items };
}

/** Answer one request to the API server's secure port. */
export function serveApiHttp(rt: ClusterRuntime, req: ApiHttpRequest): ApiHttpResponse {
  const headers = req.headers ?? {};
  const pretty = /^(curl|wget)/i.test(req.userAgent ?? '');
  const json = (status: number, body: unknown): ApiHttpResponse => ({ status, body: pretty ? `${JSON.stringify(body, null, 2)}\n` : JSON.stringify(body), contentType: 'application/json' });
  try {
    const user = authenticate(rt, headers);
    const url = new URL(req.path, 'https://kubernetes.default.svc');
    const path = url.pathname;
    if ((req.method ?? 'GET') !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const segs = path.split('/').filter(Boolean);
    const resource = (segs[0] === 'api' && segs.length >= 3) || (segs[0] === 'apis' && segs.length >= 4);
    if (!resource) {
      const a = nonResourceAttributes(user, 'get', path);
      const d = authService(rt).authorize(a);
      if (!d.allowed) throw forbiddenError(a, d.reason);
      if (path === '/version') return json(200, serverVersionInfo);
      if (path === '/healthz' || path === '/livez' || path === '/readyz') return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
      throw notFound();
    }
    return json(200, serveResource(rt, user, segs, url.searchParams));
  } catch (e) {
    const s = statusOfError(e);
    return json(s.code, s);
  }
}
