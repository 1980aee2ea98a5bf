import type { AuthorizationPolicySpec, AuthorizationRule, PeerAuthenticationSpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { whenCondition } from './conditions.ts';
import { RBAC_HTTP_TYPE, type RbacFilterConfig, type RbacPermission, type RbacPolicy, type RbacPrincipal, type StringMatcher } from '../envoy/types.ts';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

function selects(sel: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>): boolean {
  const m = sel?.matchLabels ?? {};
  for (const k in m) if (labels[k] !== m[k]) return false;
  return true;
}

const hasSelector = (sel: { matchLabels?: Record<string, string> } | undefined) => Object.keys(sel?.matchLabels ?? {}).length > 0;

const byAge = (a: KubeObject, b: KubeObject) => ((a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : (a.metadata.creationTimestamp ?? '') > (b.metadata.creationTimestamp ?? '') ? 1 : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);

/**
 * The effective mTLS mode of a workload port (authn policy applier): the oldest workload-selector policy in
 * the namespace, else the namespace-wide one, else the mesh-wide one in the root namespace; UNSET inherits;
 * portLevelMtls overrides per port. Default PERMISSIVE.
 */
export function mtlsModeFor(policies: readonly KubeObject[], rootNs: string, namespace: string, labels: Record<string, string>, port: number): MtlsMode {
  const spec = (o: KubeObject) => (o.spec ?? {}) as PeerAuthenticationSpec;
  const sorted = [...policies].sort(byAge);
  const workload = sorted.find((p) => p.metadata.namespace === namespace && hasSelector(spec(p).selector) && selects(spec(p).selector, labels));
  const nsWide = sorted.find((p) => p.metadata.namespace === namespace && !hasSelector(spec(p).selector));
  const mesh = sorted.find((p) => p.metadata.namespace === rootNs && !hasSelector(spec(p).selector));
  const chain = [workload, nsWide, mesh];
  const portMode = workload ? spec(workload).portLevelMtls?.[String(port)]?.mode : undefined;
  if (portMode && portMode !== 'UNSET') return portMode;
  for (const p of chain) {
    const m = p ? spec(p).mtls?.mode : undefined;
    if (m && m !== 'UNSET') return m;
  }
  return 'PERMISSIVE';
}

/**
 * The namespace's mTLS mode as auto mTLS infers it for a service (PushContext.BestEffortInferServiceMTLSMode): only
 * the namespace-wide PeerAuthentication, else the mesh-wide one, count; workload and port-level policies are
 * ignored. PERMISSIVE when neither sets a mode.
 */
export function namespaceMtlsMode(policies: readonly KubeObject[], rootNs: string, namespace: string): MtlsMode {
  const sorted = [...policies].sort(byAge);
  for (const ns of [namespace, rootNs]) {
    const p = sorted.find((x) => x.metadata.namespace === ns && !hasSelector(((x.spec ?? {}) as PeerAuthenticationSpec).selector));
    const m = p ? ((p.spec ?? {}) as PeerAuthenticationSpec).mtls?.mode : undefined;
    if (m && m !== 'UNSET') return m;
  }
  return 'PERMISSIVE';
}

function stringMatch(v: string): StringMatcher {
  if (v === '*') return { safeRegex: { regex: '.+' } };
  if (v.startsWith('*')) return { suffix: v.slice(1) };
  if (v.endsWith('*')) return { prefix: v.slice(0, -1) };
  return { exact: v };
}

function orPerm(rules: RbacPermission[]): RbacPermission {
  return { orRules: { rules } };
}
function orPrin(ids: RbacPrincipal[]): RbacPrincipal {
  return { orIds: { ids } };
}

function permission(op: Record<string, string[] | undefined>): RbacPermission {
  const rules: RbacPermission[] = [];
  const field = (name: string, negate: boolean, make: (v: string) => RbacPermission) => {
    const vals = op[name];
    if (!vals || vals.length === 0) return;
    const p = orPerm(vals.map(make));
    rules.push(negate ? { notRule: p } : p);
  };
  const host = (v: string): RbacPermission => ({ header: { name: ':authority', stringMatch: { ...stringMatch(v), ignoreCase: true } } });
  const method = (v: string): RbacPermission => ({ header: { name: ':method', stringMatch: { exact: v } } });
  const path = (v: string): RbacPermission => ({ urlPath: { path: stringMatch(v) } });
  const port = (v: string): RbacPermission => ({ destinationPort: Number(v) });
  field('hosts', false, host);
  field('notHosts', true, host);
  field('ports', false, port);
  field('notPorts', true, port);
  field('methods', false, method);
  field('notMethods', true, method);
  field('paths', false, path);
  field('notPaths', true, path);
  return rules.length ? { andRules: { rules } } : { any: true };
}

function principal(src: Record<string, string[] | undefined>, trustDomain: string): RbacPrincipal {
  const ids: RbacPrincipal[] = [];
  const field = (name: string, negate: boolean, make: (v: string) => RbacPrincipal) => {
    const vals = src[name];
    if (!vals || vals.length === 0) return;
    const p = orPrin(vals.map(make));
    ids.push(negate ? { notId: p } : p);
  };
  const spiffe = (v: string): RbacPrincipal => ({ authenticated: { principalName: v === '*' ? { safeRegex: { regex: '.+' } } : stringMatch(`spiffe://${v.replace(/^cluster\.local\//, `${trustDomain}/`)}`) } });
  const ns = (v: string): RbacPrincipal => ({ authenticated: { principalName: { safeRegex: { regex: v === '*' ? '.*/ns/.*/.*' : `.*/ns/${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/.*` } } } });
  const ip = (v: string): RbacPrincipal => {
    const [a, len] = v.split('/');
    return { directRemoteIp: { addressPrefix: a, prefixLen: len ? Number(len) : 32 } };
  };
  field('principals', false, spiffe);
  field('notPrincipals', true, spiffe);
  field('namespaces', false, ns);
  field('notNamespaces', true, ns);
  field('ipBlocks', false, ip);
  field('notIpBlocks', true, ip);
  field('remoteIpBlocks', false, (v) => {
    const [a, len] = v.split('/');
    return { remoteIp: { addressPrefix: a, prefixLen: len ? Number(len) : 32 } };
  });
  return ids.length ? { andIds: { ids } } : { any: true };
}

function rulePolicy(r: AuthorizationRule, trustDomain: string): RbacPolicy {
  let permissions: RbacPermission[] = r.to && r.to.length ? [orPerm(r.to.map((t) => permission(t.operation ?? {})))] : [{ any: true }];
  let principals: RbacPrincipal[] = r.from && r.from.length ? [orPrin(r.from.map((f) => principal(f.source ?? {}, trustDomain)))] : [{ any: true }];
  // `when` conditions AND with the rule's from/to (each on the side Istio's generator puts it).
  const conds = (r.when ?? []).map((w) => whenCondition(w, trustDomain));
  const perms = conds.flatMap((c) => c.permissions);
  const prins = conds.flatMap((c) => c.principals);
  if (perms.length) permissions = [{ andRules: { rules: [...(permissions[0].any ? [] : permissions), ...perms] } }];
  if (prins.length) principals = [{ andIds: { ids: [...(principals[0].any ? [] : principals), ...prins] } }];
  return { permissions, principals };
}

/**
 * The RBAC HTTP filters for a workload (the authz builder): DENY policies first, then ALLOW. A workload with
 * any ALLOW policy denies requests no ALLOW rule matches. CUSTOM and AUDIT are not modelled.
 */
export function rbacFilters(policies: readonly KubeObject[], rootNs: string, namespace: string, labels: Record<string, string>, trustDomain: string): RbacFilterConfig[] {
  const applicable = policies.filter((p) => (p.metadata.namespace === namespace || p.metadata.namespace === rootNs) && selects((p.spec as AuthorizationPolicySpec | undefined)?.selector, labels)).sort(byAge);
  const out: RbacFilterConfig[] = [];
  for (const action of ['DENY', 'ALLOW'] as const) {
    const ps = applicable.filter((p) => ((p.spec as AuthorizationPolicySpec | undefined)?.action ?? 'ALLOW') === action);
    if (ps.length === 0) continue;
    const policies: Record<string, RbacPolicy> = {};
    for (const p of ps) {
      ((p.spec as AuthorizationPolicySpec).rules ?? []).forEach((r, i) => {
        policies[`ns[${p.metadata.namespace}]-policy[${p.metadata.name}]-rule[${i}]`] = rulePolicy(r ?? {}, trustDomain);
      });
    }
    out.push({ '@type': RBAC_HTTP_TYPE, rules: { action, policies }, statPrefix: 'rbac.' });
  }
  return out;
}
