// `kubectl create role|clusterrole|rolebinding|clusterrolebinding` objects and their client-side checks
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_{role,clusterrole,rolebinding,clusterrolebinding}.go).
import type { ResourceRegistry } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../errors.ts';
import { objectMeta } from './meta.ts';

const rbacAPIVersion = 'rbac.authorization.k8s.io/v1';
const rbacGroup = 'rbac.authorization.k8s.io';

export const validResourceVerbs = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
export const validNonResourceVerbs = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** Verbs that only make sense on certain resources (specialVerbs). */
const specialVerbs: Record<string, Array<[group: string, resource: string]>> = {
  use: [
    ['policy', 'podsecuritypolicies'],
    ['extensions', 'podsecuritypolicies'],
  ],
  bind: [
    [rbacGroup, 'roles'],
    [rbacGroup, 'clusterroles'],
  ],
  escalate: [
    [rbacGroup, 'roles'],
    [rbacGroup, 'clusterroles'],
  ],
  impersonate: [
    ['', 'users'],
    ['', 'serviceaccounts'],
    ['', 'groups'],
    ['authentication.k8s.io', 'userextras'],
  ],
};

export interface ResourceOption {
  group: string;
  resource: string;
  subResource: string;
}

/** Complete: verbs de-duplicated (`*` alone wins), `--resource` values split into resource.group/subresource. */
export function completeRoleOptions(verbsIn: string[], resourcesIn: string[], namesIn: string[]) {
  let verbs: string[] = [];
  for (const v of verbsIn) {
    if (v === '*') {
      verbs = ['*'];
      break;
    }
    if (!verbs.includes(v)) verbs.push(v);
  }
  const resources: ResourceOption[] = [];
  for (const r of resourcesIn) {
    const slash = r.indexOf('/');
    const head = slash < 0 ? r : r.slice(0, slash);
    const sub = slash < 0 ? '' : r.slice(slash + 1);
    const dot = head.indexOf('.');
    const resource = dot < 0 ? head : head.slice(0, dot);
    const group = dot < 0 ? '' : head.slice(dot + 1);
    if (resource === '*' && dot < 0 && slash < 0) {
      resources.splice(0, resources.length, { group, resource, subResource: sub });
      break;
    }
    resources.push({ group, resource, subResource: sub });
  }
  const names: string[] = [];
  for (const n of namesIn) if (!names.includes(n)) names.push(n);
  return { verbs, resources, names };
}

/** mapper.ResourceFor: the served resource a name (plural, singular, short name) stands for. */
function resourceFor(reg: ResourceRegistry, r: ResourceOption): { group: string; resource: string } | undefined {
  const t = reg.lookup(r.group ? `${r.resource}.${r.group}` : r.resource);
  if (!t || (r.group && t.group !== r.group)) return undefined;
  return { group: t.group, resource: t.plural };
}

/** validateResource; `warn` receives the non-standard verb warnings. */
export function validateRoleResources(reg: ResourceRegistry, verbs: string[], resources: ResourceOption[]): void {
  for (const r of resources) {
    if (!r.resource) throw new KubectlError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(reg, r);
    const res = mapped ?? { group: r.group, resource: r.resource };
    let notFound = !mapped;
    for (const v of verbs) {
      const allowed = specialVerbs[v];
      if (!allowed) continue;
      if (!allowed.some(([g, x]) => g === res.group && x === res.resource)) {
        throw new KubectlError(`can not perform '${v}' on '${res.resource}' in group '${res.group}'`);
      }
      notFound = false;
    }
    if (notFound) throw new KubectlError(`the server doesn't have a resource type "${r.resource}"`);
  }
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then the non-resource URLs. */
export function policyRules(reg: ResourceRegistry, verbs: string[], resources: ResourceOption[], names: string[], urls: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const res = resourceFor(reg, r) ?? { group: r.group, resource: r.resource };
    const name = r.subResource ? `${res.resource}/${r.subResource}` : res.resource;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(res.group, list);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort()) {
    const rule: Record<string, unknown> = { verbs, apiGroups: [g], resources: byGroup.get(g) };
    if (names.length > 0) rule.resourceNames = names;
    rules.push(rule);
  }
  if (urls.length > 0) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

export function buildRole(name: string, namespace: string | undefined, rules: Record<string, unknown>[]): KubeObject {
  return { kind: 'Role', apiVersion: rbacAPIVersion, metadata: objectMeta(name, namespace), rules } as unknown as KubeObject;
}

export function buildClusterRole(name: string, rules: Record<string, unknown>[] | null, aggregation?: Record<string, string>): KubeObject {
  const o: Record<string, unknown> = { kind: 'ClusterRole', apiVersion: rbacAPIVersion, metadata: objectMeta(name, undefined), rules };
  if (aggregation) o.aggregationRule = { clusterRoleSelectors: [{ matchLabels: aggregation }] };
  return o as unknown as KubeObject;
}

export interface BindingOptions {
  name: string;
  namespace?: string;
  roleKind: 'Role' | 'ClusterRole';
  role: string;
  users: string[];
  groups: string[];
  serviceAccounts: string[];
}

/** The subjects in the order the command adds them: users, groups, then service accounts. */
function subjects(o: BindingOptions): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const u of o.users) out.push({ kind: 'User', apiGroup: rbacGroup, name: u });
  for (const g of o.groups) out.push({ kind: 'Group', apiGroup: rbacGroup, name: g });
  for (const sa of o.serviceAccounts) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new KubectlError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

export function buildBinding(kind: 'RoleBinding' | 'ClusterRoleBinding', o: BindingOptions): KubeObject {
  const b: Record<string, unknown> = { kind, apiVersion: rbacAPIVersion, metadata: objectMeta(o.name, kind === 'RoleBinding' ? o.namespace : undefined) };
  const subs = subjects(o);
  if (subs.length > 0) b.subjects = subs;
  b.roleRef = { apiGroup: rbacGroup, kind: o.roleKind, name: o.role };
  return b as unknown as KubeObject;
}
