// Table tests for rule matching and RBAC decisions. Cases follow plugin/pkg/auth/authorizer/rbac/rbac_test.go
// (TestAuthorizer, TestRuleMatches) and pkg/apis/rbac/v1/evaluation_helpers.go.
import { describe, expect, it } from 'vitest';
import { nonResourceAttributes, resourceAttributes, forbiddenMessage } from '../attributes.ts';
import { ObjectStore } from '../../store/store.ts';
import type { KubeObject } from '../../api/types.ts';
import { RbacAuthorizer } from './authorizer.ts';
import { ruleAllows, subjectMatches } from './rules.ts';
import type { PolicyRule } from './types.ts';

const jane = { name: 'jane', groups: ['dev', 'system:authenticated'] };
const res = (verb: string, group: string, resource: string, sub = '', name = '', ns = 'ns1') => resourceAttributes(jane, verb, group, resource, ns, name, sub);

describe('ruleAllows (TestRuleMatches)', () => {
  const cases: Array<{ name: string; rule: PolicyRule; attrs: ReturnType<typeof res>; want: boolean }> = [
    { name: 'star verb, exact match other', rule: { verbs: ['*'], apiGroups: ['group1'], resources: ['resource1'] }, attrs: res('get', 'group1', 'resource1'), want: true },
    { name: 'star group', rule: { verbs: ['get'], apiGroups: ['*'], resources: ['resource1'] }, attrs: res('get', 'group2', 'resource1'), want: true },
    { name: 'star resource', rule: { verbs: ['get'], apiGroups: ['group1'], resources: ['*'] }, attrs: res('get', 'group1', 'resource2'), want: true },
    { name: 'tuple mismatch verb', rule: { verbs: ['get'], apiGroups: ['group1'], resources: ['resource1'] }, attrs: res('list', 'group1', 'resource1'), want: false },
    { name: 'tuple mismatch group', rule: { verbs: ['get'], apiGroups: ['group1'], resources: ['resource1'] }, attrs: res('get', 'group2', 'resource1'), want: false },
    { name: 'resource name match', rule: { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['foo'] }, attrs: res('get', '', 'pods', '', 'foo'), want: true },
    { name: 'resource name mismatch', rule: { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['foo'] }, attrs: res('get', '', 'pods', '', 'bar'), want: false },
    { name: 'resource names never match a list (no name)', rule: { verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: ['foo'] }, attrs: res('list', '', 'pods'), want: false },
    { name: 'subresource needs combined name', rule: { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, attrs: res('get', '', 'pods', 'log'), want: false },
    { name: 'combined resource/subresource', rule: { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, attrs: res('get', '', 'pods', 'log'), want: true },
    { name: '*/subresource', rule: { verbs: ['get'], apiGroups: [''], resources: ['*/log'] }, attrs: res('get', '', 'pods', 'log'), want: true },
    { name: '*/subresource does not match the main resource', rule: { verbs: ['get'], apiGroups: [''], resources: ['*/log'] }, attrs: res('get', '', 'pods'), want: false },
    { name: 'star matches subresources too', rule: { verbs: ['get'], apiGroups: [''], resources: ['*'] }, attrs: res('get', '', 'pods', 'status'), want: true },
    { name: 'pods/* is not a wildcard', rule: { verbs: ['get'], apiGroups: [''], resources: ['pods/*'] }, attrs: res('get', '', 'pods', 'log'), want: false },
    { name: 'non-resource exact', rule: { verbs: ['get'], nonResourceURLs: ['/healthz'] }, attrs: nonResourceAttributes(jane, 'get', '/healthz'), want: true },
    { name: 'non-resource prefix star', rule: { verbs: ['get'], nonResourceURLs: ['/api/*'] }, attrs: nonResourceAttributes(jane, 'get', '/api/v1'), want: true },
    { name: 'non-resource prefix needs the slash', rule: { verbs: ['get'], nonResourceURLs: ['/api/*'] }, attrs: nonResourceAttributes(jane, 'get', '/api'), want: false },
    { name: 'non-resource rule never matches resources', rule: { verbs: ['*'], nonResourceURLs: ['*'] }, attrs: res('get', '', 'pods'), want: false },
    { name: 'resource rule never matches URLs', rule: { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, attrs: nonResourceAttributes(jane, 'get', '/healthz'), want: false },
  ];
  for (const c of cases) it(c.name, () => expect(ruleAllows(c.attrs, c.rule)).toBe(c.want));
});

describe('subjectMatches (appliesToUser)', () => {
  const sa = { name: 'system:serviceaccount:ns1:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:ns1', 'system:authenticated'] };
  const cases = [
    { name: 'user by name', user: jane, subject: { kind: 'User', name: 'jane' }, ns: '', want: true },
    { name: 'user name is case sensitive', user: jane, subject: { kind: 'User', name: 'Jane' }, ns: '', want: false },
    { name: 'group', user: jane, subject: { kind: 'Group', name: 'dev' }, ns: '', want: true },
    { name: 'service account with namespace', user: sa, subject: { kind: 'ServiceAccount', name: 'builder', namespace: 'ns1' }, ns: '', want: true },
    { name: 'service account defaults to the binding namespace', user: sa, subject: { kind: 'ServiceAccount', name: 'builder' }, ns: 'ns1', want: true },
    { name: 'service account in another namespace', user: sa, subject: { kind: 'ServiceAccount', name: 'builder', namespace: 'ns2' }, ns: '', want: false },
    { name: 'service account without any namespace', user: sa, subject: { kind: 'ServiceAccount', name: 'builder' }, ns: '', want: false },
  ];
  for (const c of cases) it(c.name, () => expect(subjectMatches(c.user, c.subject, c.ns)).toBe(c.want));
});

function obj(kind: string, name: string, body: Record<string, unknown>, namespace?: string): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...body } as unknown as KubeObject;
}

describe('RbacAuthorizer (TestAuthorizer)', () => {
  const store = new ObjectStore();
  const authz = new RbacAuthorizer(store);
  store.put('clusterroles', obj('ClusterRole', 'admin', { rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] }));
  store.put('clusterroles', obj('ClusterRole', 'nonresource-get', { rules: [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }] }));
  store.put('roles', obj('Role', 'pod-reader', { rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }] }, 'ns1'));
  store.put('rolebindings', obj('RoleBinding', 'admins', { subjects: [{ kind: 'Group', name: 'admins' }], roleRef: { kind: 'ClusterRole', name: 'admin' } }, 'ns1'));
  store.put('rolebindings', obj('RoleBinding', 'readers', { subjects: [{ kind: 'User', name: 'jane' }], roleRef: { kind: 'Role', name: 'pod-reader' } }, 'ns1'));
  store.put('rolebindings', obj('RoleBinding', 'dangling', { subjects: [{ kind: 'User', name: 'jane' }], roleRef: { kind: 'Role', name: 'missing' } }, 'ns2'));
  store.put('clusterrolebindings', obj('ClusterRoleBinding', 'urls', { subjects: [{ kind: 'User', name: 'jane' }], roleRef: { kind: 'ClusterRole', name: 'nonresource-get' } }));

  const admin = { name: 'carol', groups: ['admins'] };
  const cases = [
    { name: 'role binding grants in its namespace', a: res('list', '', 'pods'), want: true },
    { name: 'not in another namespace', a: res('list', '', 'pods', '', '', 'ns2'), want: false },
    { name: 'not at the cluster scope', a: res('list', '', 'pods', '', '', ''), want: false },
    { name: 'verb not granted', a: res('delete', '', 'pods', '', 'x'), want: false },
    { name: 'cluster role through a role binding is namespaced', a: resourceAttributes(admin, 'delete', 'apps', 'deployments', 'ns1', 'web'), want: true },
    { name: 'cluster role through a role binding: other namespace', a: resourceAttributes(admin, 'delete', 'apps', 'deployments', 'ns2', 'web'), want: false },
    { name: 'cluster role through a role binding: cluster scope', a: resourceAttributes(admin, 'list', '', 'nodes'), want: false },
    { name: 'non-resource URL by cluster role binding', a: nonResourceAttributes(jane, 'get', '/apis/apps'), want: true },
    { name: 'non-resource URL verb mismatch', a: nonResourceAttributes(jane, 'post', '/apis/apps'), want: false },
    { name: 'system:masters bypasses RBAC', a: resourceAttributes({ name: 'root', groups: ['system:masters'] }, 'delete', '', 'nodes', '', 'n1'), want: true },
  ];
  for (const c of cases) it(c.name, () => expect(authz.authorize(c.a).allowed).toBe(c.want));

  it('sees new bindings (the cache is dropped on RBAC writes)', () => {
    const a = resourceAttributes({ name: 'dave', groups: [] }, 'get', '', 'pods', 'ns1', 'p');
    expect(authz.authorize(a).allowed).toBe(false);
    store.put('rolebindings', obj('RoleBinding', 'dave', { subjects: [{ kind: 'User', name: 'dave' }], roleRef: { kind: 'Role', name: 'pod-reader' } }, 'ns1'));
    expect(authz.authorize(a).allowed).toBe(true);
  });

  it('names its reason as the RBAC authorizer does', () => {
    expect(authz.authorize(res('list', '', 'pods')).reason).toBe('RBAC: allowed by RoleBinding "readers/ns1" of Role "pod-reader" to User "jane"');
  });
});

describe('forbiddenMessage (responsewriters/errors.go)', () => {
  const cases = [
    { name: 'namespaced', a: res('list', '', 'pods', '', '', 'default'), want: 'User "jane" cannot list resource "pods" in API group "" in the namespace "default"' },
    { name: 'cluster scope', a: res('list', '', 'nodes', '', '', ''), want: 'User "jane" cannot list resource "nodes" in API group "" at the cluster scope' },
    { name: 'subresource', a: res('create', '', 'pods', 'exec', 'web', 'default'), want: 'User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"' },
    { name: 'group', a: res('get', 'apps', 'deployments', '', 'web', 'default'), want: 'User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"' },
    { name: 'non-resource', a: nonResourceAttributes(jane, 'get', '/metrics'), want: 'User "jane" cannot get path "/metrics"' },
  ];
  for (const c of cases) it(c.name, () => expect(forbiddenMessage(c.a)).toBe(c.want));
});
