/**
 * The ingress-nginx configuration model: Ingresses of the controller's class become nginx servers (one per
 * host, plus the catch-all `_`) holding locations (one per path), as ingress-nginx's createServers /
 * createLocations build them. Canary Ingresses attach an alternative backend to the location with the same
 * host and path instead of creating their own.
 */
import type { HTTPIngressPath, IngressBackend, IngressSpec } from '../../api/kinds/ingress.ts';
import type { KubeObject } from '../../api/types.ts';
import { canaryOf, type CanaryConfig } from './canary.ts';

export const CATCH_ALL = '_';

export interface Location {
  path: string;
  pathType: string;
  backend: IngressBackend;
  /** `namespace/name` of the Ingress that defined it. */
  ingress: string;
  namespace: string;
  /** `spec.rules[i].http.paths[j]` of the owning Ingress, or `spec.defaultBackend`. */
  source: string;
  canary?: { ingress: string; backend: IngressBackend; config: CanaryConfig };
}

export interface Server {
  host: string;
  locations: Location[];
  /** From an Ingress `defaultBackend` (for its own hosts; for `_` when the Ingress has no rules). */
  defaultLocation?: Location;
  tls?: { secretName: string; ingress: string; namespace: string };
}

export interface Model {
  servers: Map<string, Server>;
  /** Problems the controller logs (ignored canaries, duplicate paths). */
  warnings: string[];
}

const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

function byAge(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function server(m: Model, host: string): Server {
  let s = m.servers.get(host);
  if (!s) {
    s = { host, locations: [] };
    m.servers.set(host, s);
  }
  return s;
}

function pathsOf(spec: IngressSpec): Array<{ host: string; p: HTTPIngressPath; source: string }> {
  const out: Array<{ host: string; p: HTTPIngressPath; source: string }> = [];
  (spec.rules ?? []).forEach((r, i) => {
    (r.http?.paths ?? []).forEach((p, j) => out.push({ host: r.host || CATCH_ALL, p, source: `spec.rules[${i}].http.paths[${j}]` }));
  });
  return out;
}

/** Build the servers from the Ingresses this controller owns (oldest first: the first definition of a path wins). */
export function buildModel(ingresses: readonly KubeObject[]): Model {
  const m: Model = { servers: new Map(), warnings: [] };
  server(m, CATCH_ALL);
  const sorted = [...ingresses].sort(byAge);
  const mains = sorted.filter((i) => !canaryOf(i).enabled);
  const canaries = sorted.filter((i) => canaryOf(i).enabled);
  for (const ing of mains) {
    const spec = (ing.spec ?? {}) as IngressSpec;
    const ns = ing.metadata.namespace ?? '';
    for (const { host, p, source } of pathsOf(spec)) {
      const s = server(m, host);
      const path = p.path || '/';
      const pathType = p.pathType ?? 'ImplementationSpecific';
      const dup = s.locations.find((l) => l.path === path && l.pathType === pathType);
      if (dup) {
        m.warnings.push(`path ${path} of host ${host} in Ingress ${key(ing)} is already defined by Ingress ${dup.ingress}; ignoring it`);
        continue;
      }
      s.locations.push({ path, pathType, backend: p.backend ?? {}, ingress: key(ing), namespace: ns, source });
    }
    if (spec.defaultBackend) {
      const loc: Location = { path: '/', pathType: 'Prefix', backend: spec.defaultBackend, ingress: key(ing), namespace: ns, source: 'spec.defaultBackend' };
      const hosts = (spec.rules ?? []).length === 0 ? [CATCH_ALL] : [...new Set((spec.rules ?? []).map((r) => r.host || CATCH_ALL))];
      for (const h of hosts) {
        const s = server(m, h);
        if (!s.defaultLocation) s.defaultLocation = loc;
      }
    }
    for (const t of spec.tls ?? []) {
      for (const h of t.hosts ?? []) {
        const s = server(m, h);
        if (!s.tls) s.tls = { secretName: t.secretName ?? '', ingress: key(ing), namespace: ns };
      }
    }
  }
  for (const ing of canaries) {
    const spec = (ing.spec ?? {}) as IngressSpec;
    const config = canaryOf(ing);
    for (const { host, p } of pathsOf(spec)) {
      const loc = m.servers.get(host)?.locations.find((l) => l.path === (p.path || '/'));
      if (!loc) {
        m.warnings.push(`cannot merge alternative backend of canary Ingress ${key(ing)} for ${host}${p.path || '/'}: no main Ingress defines that host and path`);
        continue;
      }
      if (loc.canary) {
        m.warnings.push(`${host}${loc.path} already has a canary (Ingress ${loc.canary.ingress}); ignoring Ingress ${key(ing)}`);
        continue;
      }
      loc.canary = { ingress: key(ing), backend: p.backend ?? {}, config };
    }
  }
  return m;
}

/** Kubernetes path matching: Exact is equality, Prefix matches whole path elements, ImplementationSpecific (nginx) a string prefix. */
export function pathMatches(loc: Pick<Location, 'path' | 'pathType'>, reqPath: string): boolean {
  if (loc.pathType === 'Exact') return reqPath === loc.path;
  if (loc.pathType === 'Prefix') {
    const p = loc.path.replace(/\/+$/, '');
    return p === '' || reqPath === p || reqPath.startsWith(`${p}/`);
  }
  return reqPath.startsWith(loc.path || '/');
}

const typeRank: Record<string, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

/** The winning location: an Exact match first (nginx `location =`), else the longest matching path. */
export function matchLocation(s: Server, reqPath: string): Location | undefined {
  let best: Location | undefined;
  for (const l of s.locations) {
    if (!pathMatches(l, reqPath)) continue;
    if (!best) {
      best = l;
      continue;
    }
    const bx = best.pathType === 'Exact';
    const lx = l.pathType === 'Exact';
    if (lx !== bx) {
      if (lx) best = l;
      continue;
    }
    if (l.path.length > best.path.length || (l.path.length === best.path.length && typeRank[l.pathType] < typeRank[best.pathType])) best = l;
  }
  return best;
}

/** The server for a request's Host: exact name, then a wildcard covering one label, then the catch-all. */
export function matchServer(m: Model, host: string): Server {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const exact = m.servers.get(h);
  if (exact && h !== CATCH_ALL) return exact;
  const dot = h.indexOf('.');
  if (dot > 0) {
    const wild = m.servers.get(`*${h.slice(dot)}`);
    if (wild) return wild;
  }
  return m.servers.get(CATCH_ALL)!;
}
