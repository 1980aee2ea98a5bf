// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is allowed when some rule of a role bound
// to the user allows it. ClusterRoleBindings apply everywhere; RoleBindings in the request's namespace.
import type { ObjectStore } from '../../store/store.ts';
import type { Attributes } from '../attributes.ts';
import { systemMasters, userKey, type UserInfo } from '../user.ts';
import { ruleAllows, subjectMatches } from './rules.ts';
import type { BindingLike, PolicyRule, RoleLike, RoleRef } from './types.ts';

export type Decision = { allowed: boolean; reason: string };

/** Rules that came from one binding (what VisitRulesFor visits), kept with where they came from. */
interface SourcedRules {
  source: string;
  rules: readonly PolicyRule[];
}

const rbacResources = new Set(['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings']);

/**
 * Evaluates requests against the stored RBAC objects. Rules per identity (and per namespace) are computed
 * once and cached until an RBAC object changes, so a request costs a walk over the user's own rules.
 */
export class RbacAuthorizer {
  private clusterCache = new Map<string, SourcedRules[]>();
  private namespaceCache = new Map<string, SourcedRules[]>();

  constructor(private readonly store: ObjectStore) {
    store.watch((ev) => {
      if (rbacResources.has(ev.resource)) this.invalidate();
    });
  }

  /** Bumped whenever an RBAC object changes: decisions cached elsewhere are stale once it moves. */
  generation = 0;
  private namesCache = new Map<string, boolean>();

  invalidate(): void {
    this.clusterCache.clear();
    this.namespaceCache.clear();
    this.namesCache.clear();
    this.generation++;
  }

  /** True when some rule that applies to the user in `namespace` is limited to resourceNames. */
  hasResourceNames(user: UserInfo, namespace: string): boolean {
    const key = `${userKey(user)}\u0001${namespace}`;
    let v = this.namesCache.get(key);
    if (v === undefined) {
      v = this.rulesFor(user, namespace).some((r) => (r.resourceNames?.length ?? 0) > 0);
      this.namesCache.set(key, v);
    }
    return v;
  }

  authorize(a: Attributes): Decision {
    if (a.user.groups.includes(systemMasters)) return { allowed: true, reason: '' };
    for (const s of this.clusterRules(a.user)) {
      for (const r of s.rules) if (ruleAllows(a, r)) return { allowed: true, reason: `RBAC: allowed by ${s.source}` };
    }
    if (a.namespace) {
      for (const s of this.namespaceRules(a.user, a.namespace)) {
        for (const r of s.rules) if (ruleAllows(a, r)) return { allowed: true, reason: `RBAC: allowed by ${s.source}` };
      }
    }
    return { allowed: false, reason: '' };
  }

  /** RulesFor: every rule that applies to the user in `namespace` (cluster-wide first), as SelfSubjectRulesReview. */
  rulesFor(user: UserInfo, namespace: string): PolicyRule[] {
    const out: PolicyRule[] = [];
    for (const s of this.clusterRules(user)) out.push(...s.rules);
    if (namespace) for (const s of this.namespaceRules(user, namespace)) out.push(...s.rules);
    return out;
  }

  /** True when the user's cluster-wide rules allow every verb on every resource and URL (cluster-admin). */
  isSuperUser(user: UserInfo): boolean {
    if (user.groups.includes(systemMasters)) return true;
    let resources = false;
    let urls = false;
    for (const s of this.clusterRules(user)) {
      for (const r of s.rules) {
        if (r.verbs.includes('*') && r.apiGroups?.includes('*') && r.resources?.includes('*') && !(r.resourceNames?.length)) resources = true;
        if (r.verbs.includes('*') && r.nonResourceURLs?.includes('*')) urls = true;
      }
    }
    return resources && urls;
  }

  private clusterRules(user: UserInfo): SourcedRules[] {
    const key = userKey(user);
    let rules = this.clusterCache.get(key);
    if (!rules) {
      rules = [];
      for (const o of this.store.list('clusterrolebindings')) {
        const b = o as unknown as BindingLike;
        if (!(b.subjects ?? []).some((s) => subjectMatches(user, s, ''))) continue;
        const role = this.role(b.roleRef, '');
        if (role) rules.push({ source: `ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${b.roleRef.name}" to ${describeSubject(user, b)}`, rules: role });
      }
      this.clusterCache.set(key, rules);
    }
    return rules;
  }

  private namespaceRules(user: UserInfo, namespace: string): SourcedRules[] {
    const key = `${userKey(user)}\u0001${namespace}`;
    let rules = this.namespaceCache.get(key);
    if (!rules) {
      rules = [];
      for (const o of this.store.list('rolebindings', namespace)) {
        const b = o as unknown as BindingLike;
        if (!(b.subjects ?? []).some((s) => subjectMatches(user, s, namespace))) continue;
        const role = this.role(b.roleRef, namespace);
        if (role) {
          const kind = b.roleRef.kind === 'ClusterRole' ? 'ClusterRole' : 'Role';
          rules.push({ source: `RoleBinding "${b.metadata.name}/${namespace}" of ${kind} "${b.roleRef.name}" to ${describeSubject(user, b)}`, rules: role });
        }
      }
      this.namespaceCache.set(key, rules);
    }
    return rules;
  }

  /** GetRoleReferenceRules: a missing role contributes nothing. */
  private role(ref: RoleRef, namespace: string): readonly PolicyRule[] | undefined {
    if (ref.kind === 'ClusterRole') return (this.store.get('clusterroles', undefined, ref.name) as unknown as RoleLike | undefined)?.rules ?? undefined;
    if (ref.kind === 'Role' && namespace) return (this.store.get('roles', namespace, ref.name) as unknown as RoleLike | undefined)?.rules ?? undefined;
    return undefined;
  }
}

/** The subject a decision names, as the authorizer's reason does ("User \"jane\"", "Group \"dev\""). */
function describeSubject(user: UserInfo, b: BindingLike): string {
  const ns = b.metadata.namespace ?? '';
  for (const s of b.subjects ?? []) {
    if (!subjectMatches(user, s, ns)) continue;
    if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.name}/${s.namespace || ns}"`;
    return `${s.kind} "${s.name}"`;
  }
  return '';
}
