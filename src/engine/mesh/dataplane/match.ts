import type { HeaderMatcher, QueryParameterMatcher, Route, RouteConfiguration, StringMatcher, VirtualHost } from '../envoy/types.ts';

/** The parts of an HTTP request Envoy's route table looks at. Header names are lower case. */
export interface HttpRequestLine {
  method: string;
  /** :authority (the Host header), possibly with ":port". */
  authority: string;
  /** Path with the query string. */
  path: string;
  headers: Record<string, string>;
}

const regexCache = new Map<string, RegExp | null>();

/**
 * A Google RE2 pattern as a JavaScript RegExp matching the whole input (Envoy's safe_regex is a full match).
 * RE2 has no lookaround and no backreferences: such patterns never match (istiod's validation rejects them).
 */
export function re2(pattern: string): RegExp | null {
  let r = regexCache.get(pattern);
  if (r !== undefined) return r;
  if (/\(\?[=!<]|\\[1-9]/.test(pattern)) r = null;
  else {
    try {
      r = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      r = null;
    }
  }
  if (regexCache.size > 2000) regexCache.clear();
  regexCache.set(pattern, r);
  return r;
}

export function stringMatches(m: StringMatcher, value: string): boolean {
  const v = m.ignoreCase ? value.toLowerCase() : value;
  const lc = (s: string) => (m.ignoreCase ? s.toLowerCase() : s);
  if (m.exact !== undefined) return v === lc(m.exact);
  if (m.prefix !== undefined) return v.startsWith(lc(m.prefix));
  if (m.suffix !== undefined) return v.endsWith(lc(m.suffix));
  if (m.contains !== undefined) return v.includes(lc(m.contains));
  if (m.safeRegex) return re2(m.safeRegex.regex)?.test(value) ?? false;
  return false;
}

/** The value Envoy sees for a header, pseudo-headers included. */
export function headerValue(req: HttpRequestLine, name: string): string | undefined {
  if (name === ':method') return req.method;
  if (name === ':authority' || name === 'host') return req.authority;
  if (name === ':path') return req.path;
  if (name === ':scheme') return 'http';
  return req.headers[name];
}

export function headerMatches(h: HeaderMatcher, req: HttpRequestLine): boolean {
  const v = headerValue(req, h.name);
  let ok: boolean;
  if (h.presentMatch !== undefined) ok = (v !== undefined) === h.presentMatch;
  else if (v === undefined) ok = false;
  else ok = h.stringMatch ? stringMatches(h.stringMatch, v) : true;
  return h.invertMatch ? !ok : ok;
}

export function splitPath(path: string): { path: string; query: Map<string, string> } {
  const i = path.indexOf('?');
  const query = new Map<string, string>();
  if (i < 0) return { path, query };
  for (const kv of path.slice(i + 1).split('&')) {
    if (!kv) continue;
    const j = kv.indexOf('=');
    const k = decodeURIComponent(j < 0 ? kv : kv.slice(0, j));
    if (!query.has(k)) query.set(k, j < 0 ? '' : decodeURIComponent(kv.slice(j + 1)));
  }
  return { path: path.slice(0, i), query };
}

function queryMatches(q: QueryParameterMatcher, query: Map<string, string>): boolean {
  const v = query.get(q.name);
  if (q.presentMatch) return v !== undefined;
  if (v === undefined) return false;
  return q.stringMatch ? stringMatches(q.stringMatch, v) : true;
}

/** Envoy's RouteMatch: the path specifier (case-sensitive unless said otherwise), then every header and query parameter. */
export function routeMatches(r: Route, req: HttpRequestLine): boolean {
  const m = r.match;
  const { path, query } = splitPath(req.path);
  const cs = m.caseSensitive !== false;
  const p = cs ? path : path.toLowerCase();
  const lc = (s: string) => (cs ? s : s.toLowerCase());
  if (m.prefix !== undefined) {
    if (!p.startsWith(lc(m.prefix))) return false;
  } else if (m.path !== undefined) {
    if (p !== lc(m.path)) return false;
  } else if (m.safeRegex) {
    if (!(re2(m.safeRegex.regex)?.test(path) ?? false)) return false;
  } else if (m.pathSeparatedPrefix !== undefined) {
    const pre = lc(m.pathSeparatedPrefix);
    if (!(p === pre || p.startsWith(pre + '/'))) return false;
  }
  for (const h of m.headers ?? []) if (!headerMatches(h, req)) return false;
  for (const q of m.queryParameters ?? []) if (!queryMatches(q, query)) return false;
  return true;
}

/**
 * Envoy's virtual host selection by :authority: an exact domain first, then the longest suffix wildcard
 * ("*.example.com"), then the longest prefix wildcard ("foo.*"), then "*". Matching is case-insensitive; the
 * port is ignored when the route configuration says so, and a domain without a port also answers "host:port".
 */
export function selectVirtualHost(rc: RouteConfiguration, authority: string): VirtualHost | undefined {
  const full = authority.toLowerCase();
  const bare = full.replace(/:\d+$/, '');
  const candidates = rc.ignorePortInHostMatching ? [bare] : full === bare ? [full] : [full, bare];
  for (const host of candidates) {
    let best: VirtualHost | undefined;
    let bestLen = -1;
    let kind = 4;
    let star: VirtualHost | undefined;
    for (const vh of rc.virtualHosts) {
      for (const d0 of vh.domains) {
        const d = d0.toLowerCase();
        if (d === host) return vh;
        if (d === '*') star ??= vh;
        else if (d.startsWith('*') && host.endsWith(d.slice(1)) && host.length > d.length - 1) {
          if (kind > 1 || d.length > bestLen) [best, bestLen, kind] = [vh, d.length, 1];
        } else if (d.endsWith('*') && host.startsWith(d.slice(0, -1)) && kind >= 2) {
          if (kind > 2 || d.length > bestLen) [best, bestLen, kind] = [vh, d.length, 2];
        }
      }
    }
    if (best) return best;
    if (host === candidates[candidates.length - 1] && star) return star;
  }
  return undefined;
}

/** The first route of the virtual host whose match the request satisfies (Envoy: first match wins). */
export function selectRoute(vh: VirtualHost, req: HttpRequestLine): { route: Route; index: number } | undefined {
  for (let i = 0; i < vh.routes.length; i++) if (routeMatches(vh.routes[i], req)) return { route: vh.routes[i], index: i };
  return undefined;
}
