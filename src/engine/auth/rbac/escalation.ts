// RBAC escalation prevention (pkg/registry/rbac/validation.ConfirmNoEscalation and the policy-based role and
// binding storages): writing a role needs the `escalate` verb or every permission it grants; writing a binding
// needs the `bind` verb on the role or every permission of the role.
import type { KubeObject } from '../../api/types.ts';
import { forbidden } from '../../api/errors.ts';
import type { StatusError } from '../../api/types.ts';
import { resourceAttributes } from '../attributes.ts';
import type { UserInfo } from '../user.ts';
import { breakdown, compact } from './compact.ts';
import type { RbacAuthorizer } from './authorizer.ts';
import type { BindingLike, PolicyRule, RoleLike } from './types.ts';

const has = (list: readonly string[] | undefined, x: string) => !!list && (list.includes('*') || list.includes(x));

/** ruleCovers for an atomic (broken-down) servant rule. */
function covers(owner: PolicyRule, r: PolicyRule): boolean {
  if (!r.verbs.every((v) => has(owner.verbs, v))) return false;
  if (r.nonResourceURLs?.length) {
    const u = r.nonResourceURLs[0];
    return (owner.nonResourceURLs ?? []).some((o) => o === '*' || o === u || (o.endsWith('*') && u.startsWith(o.slice(0, -1))));
  }
  if (!has(owner.apiGroups, r.apiGroups?.[0] ?? '')) return false;
  const res = r.resources?.[0] ?? '';
  const resOk = (owner.resources ?? []).some((o) => {
    if (o === '*' || o === res) return true;
    const [base, sub] = res.split('/');
    if (sub !== undefined && o === `*/${sub}`) return true;
    return o === `${base}/*` && sub !== undefined;
  });
  if (!resOk) return false;
  if (!owner.resourceNames?.length) return true;
  return !!r.resourceNames?.length && owner.resourceNames.includes(r.resourceNames[0]);
}

/** Go's %q of a []string: ["a" "b"]. */
const q = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** rbacv1helpers.CompactString. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${q(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${q(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${q(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${q(r.resourceNames)}`);
  if (r.verbs.length) parts.push(`Verbs:${q(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** The rules of `servant` that `owner` does not cover, or [] when all are. */
export function uncovered(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdown).filter((r) => !owner.some((o) => covers(o, r)));
}

function escalationError(kind: { plural: string; group: string; kind: string }, name: string, user: UserInfo, missing: PolicyRule[]): StatusError {
  const lines = [...new Set(compact(missing).map(compactString))].sort();
  return forbidden(kind, name, `user ${JSON.stringify(user.name)} (groups=${q(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`);
}

const rbacGroup = 'rbac.authorization.k8s.io';

/** Throw the apiserver's Forbidden error when `user` may not write `obj` (a role or a binding). */
export function confirmNoEscalation(authz: RbacAuthorizer, user: UserInfo, obj: KubeObject, rolesOf: (ref: { kind: string; name: string }, ns: string) => readonly PolicyRule[]): void {
  const ns = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  const plural = obj.kind === 'Role' ? 'roles' : obj.kind === 'ClusterRole' ? 'clusterroles' : obj.kind === 'RoleBinding' ? 'rolebindings' : obj.kind === 'ClusterRoleBinding' ? 'clusterrolebindings' : '';
  if (!plural) return;
  const gr = { plural, group: rbacGroup, kind: obj.kind };
  const scope = obj.kind === 'Role' || obj.kind === 'RoleBinding' ? ns : '';
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole') {
    if (authz.authorize(resourceAttributes(user, 'escalate', rbacGroup, plural, scope, name)).allowed) return;
    const missing = uncovered(authz.rulesFor(user, scope), (obj as unknown as RoleLike).rules ?? []);
    if (missing.length) throw escalationError(gr, name, user, missing);
    return;
  }
  const ref = (obj as unknown as BindingLike).roleRef;
  if (!ref) return;
  const refPlural = ref.kind === 'Role' ? 'roles' : 'clusterroles';
  if (authz.authorize(resourceAttributes(user, 'bind', rbacGroup, refPlural, scope, ref.name)).allowed) return;
  const missing = uncovered(authz.rulesFor(user, scope), rolesOf(ref, scope));
  if (missing.length) throw escalationError(gr, name, user, missing);
}
