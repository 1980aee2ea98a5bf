import type { RbacPermission, RbacPrincipal, StringMatcher } from '../envoy/types.ts';

/** The principal that never matches (a request without a JWT has no request.auth.* metadata). */
const NEVER: RbacPrincipal = { notId: { any: true } };

function stringMatch(v: string): StringMatcher {
  if (v === '*') return { safeRegex: { regex: '.+' } };
  if (v.startsWith('*')) return { suffix: v.slice(1) };
  if (v.endsWith('*')) return { prefix: v.slice(0, -1) };
  return { exact: v };
}

function cidr(v: string): { addressPrefix: string; prefixLen: number } {
  const [a, len] = v.split('/');
  return { addressPrefix: a, prefixLen: len ? Number(len) : 32 };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One `when` condition, translated as Istio's authz generators do (pilot/pkg/security/authz/model/generator.go). */
export interface Condition {
  permission?: RbacPermission;
  principal?: RbacPrincipal;
  /** Set when Kubelab cannot evaluate the key (it then never matches, as a request without that data would). */
  unsupported?: string;
}

/**
 * A `when` condition's matcher for one value: request.headers[NAME] → header (principal side), source.ip →
 * direct_remote_ip, remote.ip → remote_ip, source.namespace / source.principal → the peer certificate,
 * destination.ip / destination.port → permissions. request.auth.* (JWT claims) never match: Kubelab has no
 * RequestAuthentication, so no request carries a verified token. connection.sni and experimental.* never match.
 */
function one(key: string, v: string, trustDomain: string): Condition {
  const header = /^request\.headers\[(.+)\]$/.exec(key);
  if (header) return { principal: { header: { name: header[1].toLowerCase(), stringMatch: stringMatch(v) } } };
  switch (key) {
    case 'source.ip':
      return { principal: { directRemoteIp: cidr(v) } };
    case 'remote.ip':
      return { principal: { remoteIp: cidr(v) } };
    case 'source.namespace':
      return { principal: { authenticated: { principalName: { safeRegex: { regex: v === '*' ? '.*/ns/.*/.*' : `.*/ns/${escape(v)}/.*` } } } } };
    case 'source.principal':
      return { principal: { authenticated: { principalName: v === '*' ? { safeRegex: { regex: '.+' } } : stringMatch(`spiffe://${v.replace(/^cluster\.local\//, `${trustDomain}/`)}`) } } };
    case 'destination.ip':
      return { permission: { destinationIp: cidr(v) } };
    case 'destination.port':
      return { permission: { destinationPort: Number(v) } };
  }
  if (key.startsWith('request.auth.')) return { principal: NEVER, unsupported: `${key} (no RequestAuthentication/JWT in Kubelab)` };
  return { principal: NEVER, unsupported: key };
}

/** A condition: any of `values` and none of `notValues`. */
export function whenCondition(w: { key?: string; values?: string[]; notValues?: string[] }, trustDomain: string): { permissions: RbacPermission[]; principals: RbacPrincipal[]; unsupported?: string } {
  const key = w.key ?? '';
  const permissions: RbacPermission[] = [];
  const principals: RbacPrincipal[] = [];
  let unsupported: string | undefined;
  const add = (vals: string[] | undefined, negate: boolean) => {
    if (!vals?.length) return;
    const cs = vals.map((v) => one(key, v, trustDomain));
    unsupported ??= cs.find((c) => c.unsupported)?.unsupported;
    if (cs[0].permission) {
      const p: RbacPermission = { orRules: { rules: cs.map((c) => c.permission!) } };
      permissions.push(negate ? { notRule: p } : p);
    } else {
      const p: RbacPrincipal = { orIds: { ids: cs.map((c) => c.principal!) } };
      principals.push(negate ? { notId: p } : p);
    }
  };
  add(w.values, false);
  add(w.notValues, true);
  return { permissions, principals, ...(unsupported ? { unsupported } : {}) };
}
