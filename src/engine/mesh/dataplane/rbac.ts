import type { CidrRange, RbacFilterConfig, RbacPermission, RbacPrincipal } from '../envoy/types.ts';
import { headerMatches, splitPath, stringMatches, type HttpRequestLine } from './match.ts';

/** What the RBAC filter knows of a connection and its request. */
export interface RbacInput {
  req: HttpRequestLine;
  /** The peer's SPIFFE URI from its mTLS certificate; undefined for plaintext. */
  principal?: string;
  sourceIP: string;
  destinationPort: number;
  destinationIP: string;
}

function inCidr(ip: string, c: CidrRange): boolean {
  const n = (s: string) => s.split('.').reduce((a, o) => (a << 8) + (Number(o) & 255), 0) >>> 0;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(c.addressPrefix)) return false;
  if (c.prefixLen === 0) return true;
  const mask = c.prefixLen >= 32 ? 0xffffffff : (~0 << (32 - c.prefixLen)) >>> 0;
  return (n(ip) & mask) === (n(c.addressPrefix) & mask);
}

export function permissionMatches(p: RbacPermission, x: RbacInput): boolean {
  if (p.any) return true;
  if (p.andRules) return p.andRules.rules.every((r) => permissionMatches(r, x));
  if (p.orRules) return p.orRules.rules.some((r) => permissionMatches(r, x));
  if (p.notRule) return !permissionMatches(p.notRule, x);
  if (p.header) return headerMatches(p.header, x.req);
  if (p.urlPath) return stringMatches(p.urlPath.path, splitPath(x.req.path).path);
  if (p.destinationPort !== undefined) return p.destinationPort === x.destinationPort;
  if (p.destinationIp) return inCidr(x.destinationIP, p.destinationIp);
  return false;
}

export function principalMatches(p: RbacPrincipal, x: RbacInput): boolean {
  if (p.any) return true;
  if (p.andIds) return p.andIds.ids.every((r) => principalMatches(r, x));
  if (p.orIds) return p.orIds.ids.some((r) => principalMatches(r, x));
  if (p.notId) return !principalMatches(p.notId, x);
  // Envoy: an `authenticated` principal never matches a plaintext connection.
  if (p.authenticated) return x.principal !== undefined && stringMatches(p.authenticated.principalName, x.principal);
  if (p.directRemoteIp) return inCidr(x.sourceIP, p.directRemoteIp);
  if (p.remoteIp) return inCidr(x.sourceIP, p.remoteIp);
  if (p.header) return headerMatches(p.header, x.req);
  return false;
}

export interface RbacVerdict {
  allowed: boolean;
  /** The filter that decided ("DENY", "ALLOW") and the policy key that matched, if any. */
  action?: 'ALLOW' | 'DENY';
  policy?: string;
  reason: string;
}

/**
 * Run the workload's RBAC filters in order, as Envoy's filter chain does: a DENY filter rejects on the first
 * matching policy; an ALLOW filter rejects when no policy matches (an empty policy set allows nothing).
 */
export function evaluateRbac(filters: readonly RbacFilterConfig[], x: RbacInput): RbacVerdict {
  let allowedBy: string | undefined;
  for (const f of filters) {
    const rules = f.rules;
    if (!rules) continue;
    let matched: string | undefined;
    for (const [name, pol] of Object.entries(rules.policies)) {
      if (pol.permissions.some((p) => permissionMatches(p, x)) && pol.principals.some((p) => principalMatches(p, x))) {
        matched = name;
        break;
      }
    }
    if (rules.action === 'DENY' && matched) return { allowed: false, action: 'DENY', policy: matched, reason: `DENY policy ${matched} matched` };
    if (rules.action === 'ALLOW') {
      if (!matched) {
        const n = Object.keys(rules.policies).length;
        return { allowed: false, action: 'ALLOW', reason: n === 0 ? 'an ALLOW policy with no rules selects this workload: it allows nothing' : `ALLOW policies apply to this workload and none of their ${n} rule${n === 1 ? '' : 's'} matched` };
      }
      allowedBy = matched;
    }
  }
  if (allowedBy) return { allowed: true, action: 'ALLOW', policy: allowedBy, reason: `ALLOW policy ${allowedBy} matched` };
  return { allowed: true, reason: filters.length ? 'no DENY policy matched and no ALLOW policy applies' : 'no AuthorizationPolicy applies to this workload' };
}
