/**
 * Routing one HTTP request through the ingress-nginx model: server by Host, location by path, canary
 * decision, then the Service port and a ready endpoint (ingress-nginx balances over endpoints itself,
 * round-robin, bypassing kube-proxy). Failures answer as ingress-nginx does: 404 from the default backend
 * when nothing matches, 503 when the Service is missing or has no ready endpoints, 308 to https when the
 * host has TLS.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { IngressBackend } from '../../api/kinds/ingress.ts';
import type { ObjectStore } from '../../store/store.ts';
import { decideCanary } from './canary.ts';
import { CATCH_ALL, matchLocation, matchServer, type Location, type Model } from './model.ts';

export interface RouteRequest {
  host: string;
  path: string;
  headers?: Record<string, string>;
  scheme?: 'http' | 'https';
}

export interface RouteBackend {
  namespace: string;
  service: string;
  /** The port as the Ingress names it (number or name). */
  port: number | string;
  endpoint: { ip: string; port: number; podName?: string };
}

export interface IngressRoute {
  /** Set when the controller answers itself (404, 503, 308); absent when proxied to `backend`. */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  reason: string;
  /** The nginx server (host or `_`) that took the request. */
  server: string;
  location?: { path: string; pathType: string; ingress: string; source: string };
  backend?: RouteBackend;
  canary?: { ingress: string; chosen: boolean; reason: string };
  /** The certificate served for https: the Secret, or the controller's fake one when it is missing. */
  certificate?: string;
}

export function nginxErrorPage(status: number, text: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export const FAKE_CERT = 'Kubernetes Ingress Controller Fake Certificate';

interface Resolved {
  backend?: RouteBackend;
  error?: string;
}

/** Round-robin positions per upstream, so repeated requests spread over endpoints deterministically. */
export class Balancer {
  private next = new Map<string, number>();
  pick<T>(key: string, items: T[]): T {
    const i = this.next.get(key) ?? 0;
    this.next.set(key, i + 1);
    return items[i % items.length];
  }
}

function resolveBackend(store: ObjectStore, balancer: Balancer, ns: string, b: IngressBackend): Resolved {
  if (!b.service) return { error: `backend is a resource (${b.resource?.kind ?? '?'} ${b.resource?.name ?? ''}), which ingress-nginx does not serve` };
  const name = b.service.name ?? '';
  const want = b.service.port?.number ? b.service.port.number : (b.service.port?.name ?? '');
  const svc = store.get('services', ns, name) as unknown as Service | undefined;
  if (!svc) return { error: `Service "${ns}/${name}" does not exist` };
  const sp = (svc.spec?.ports ?? []).find((p) => (typeof want === 'number' ? p.port === want : p.name === want));
  if (!sp) return { error: `Service "${ns}/${name}" does not have port ${want}` };
  const slices = store.list('endpointslices', ns).filter((o) => o.metadata.labels?.['kubernetes.io/service-name'] === name) as unknown as EndpointSlice[];
  const eps: Array<{ ip: string; port: number; podName?: string }> = [];
  for (const s of slices) {
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? ''));
    if (!port?.port) continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const ip of e.addresses ?? []) eps.push({ ip, port: port.port, podName: e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined });
    }
  }
  if (eps.length === 0) return { error: `Service "${ns}/${name}" has no ready endpoints for port ${want}` };
  eps.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
  return { backend: { namespace: ns, service: name, port: want, endpoint: balancer.pick(`${ns}-${name}-${want}`, eps) } };
}

export interface RouteContext {
  store: ObjectStore;
  balancer: Balancer;
  roll(n: number): number;
}

function cookiesOf(headers: Record<string, string>): Record<string, string> {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'cookie')?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const part of raw.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

export function route(m: Model, ctx: RouteContext, req: RouteRequest): IngressRoute {
  const headers = req.headers ?? {};
  const path = (req.path || '/').split('?')[0];
  const s = matchServer(m, req.host);
  const out: IngressRoute = { reason: '', server: s.host };
  if (s.tls) {
    const secret = ctx.store.get('secrets', s.tls.namespace, s.tls.secretName);
    out.certificate = secret && s.tls.secretName ? `${s.tls.namespace}/${s.tls.secretName}` : FAKE_CERT;
    if (req.scheme !== 'https') {
      const loc = `https://${req.host}${req.path || '/'}`;
      return { ...out, status: 308, headers: { Location: loc }, body: nginxErrorPage(308, 'Permanent Redirect'), reason: `host ${s.host} has TLS (Ingress ${s.tls.ingress}): ssl-redirect sends plain HTTP to ${loc}` };
    }
  } else if (req.scheme === 'https') out.certificate = FAKE_CERT;
  const matched: Location | undefined = matchLocation(s, path) ?? s.defaultLocation;
  if (!matched) {
    const why = s.host === CATCH_ALL ? `no Ingress rule matches host ${req.host}` : `no path of host ${s.host} matches ${path}`;
    return { ...out, status: 404, body: nginxErrorPage(404, 'Not Found'), reason: `${why}: the default backend answers 404` };
  }
  out.location = { path: matched.path, pathType: matched.pathType, ingress: matched.ingress, source: matched.source };
  let backend = matched.backend;
  let owner = matched.ingress;
  if (matched.canary) {
    const d = decideCanary(matched.canary.config, { headers, cookies: cookiesOf(headers), roll: ctx.roll });
    out.canary = { ingress: matched.canary.ingress, chosen: d.canary, reason: d.reason };
    if (d.canary) {
      backend = matched.canary.backend;
      owner = matched.canary.ingress;
    }
  }
  const r = resolveBackend(ctx.store, ctx.balancer, matched.namespace, backend);
  const where = `${matched.pathType} ${matched.path} of Ingress ${owner} (${matched.source})${out.canary ? ` [canary ${out.canary.chosen ? 'chosen' : 'not chosen'}: ${out.canary.reason}]` : ''}`;
  if (!r.backend) return { ...out, status: 503, body: nginxErrorPage(503, 'Service Temporarily Unavailable'), reason: `${where}: ${r.error}: 503` };
  out.backend = r.backend;
  out.reason = `${where} → Service ${r.backend.namespace}/${r.backend.service}:${r.backend.port} → ${r.backend.endpoint.ip}:${r.backend.endpoint.port}`;
  return out;
}
