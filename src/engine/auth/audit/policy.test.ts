// Audit policy levels, after staging/src/k8s.io/apiserver/pkg/audit/policy/checker_test.go: the first
// matching rule wins; users, groups, verbs, resources (with subresources and names), namespaces and
// non-resource URLs narrow a rule.
import { describe, expect, it } from 'vitest';
import { nonResourceAttributes, resourceAttributes } from '../attributes.ts';
import { evaluatePolicy, type Policy } from './policy.ts';

const tim = { name: 'tim', groups: ['humans', 'system:authenticated'] };
const ctrl = { name: 'system:kube-controller-manager', groups: ['system:authenticated'] };

const policy: Policy = {
  omitStages: ['RequestReceived'],
  rules: [
    { level: 'None', users: ['system:kube-controller-manager'] },
    { level: 'None', nonResourceURLs: ['/healthz*', '/version'] },
    { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }] },
    { level: 'Request', verbs: ['get'], resources: [{ group: '', resources: ['pods/log', '*/status'] }] },
    { level: 'RequestResponse', userGroups: ['humans'], namespaces: ['prod'] },
    { level: 'Request', resources: [{ group: 'apps', resources: ['deployments'], resourceNames: ['web'] }] },
    { level: 'Metadata', omitStages: ['ResponseComplete'], verbs: ['watch'] },
  ],
};

describe('evaluatePolicy', () => {
  const cases = [
    { name: 'user rule', a: resourceAttributes(ctrl, 'get', '', 'secrets', 'prod', 'x'), level: 'None' },
    { name: 'non-resource prefix', a: nonResourceAttributes(tim, 'get', '/healthz/etcd'), level: 'None' },
    { name: 'non-resource exact', a: nonResourceAttributes(tim, 'get', '/version'), level: 'None' },
    { name: 'secrets are metadata only', a: resourceAttributes(tim, 'get', '', 'secrets', 'prod', 'db'), level: 'Metadata' },
    { name: 'resources rule does not match a subresource', a: resourceAttributes(tim, 'get', '', 'secrets', 'dev', 'db', 'status'), level: 'Request' },
    { name: 'subresource by name', a: resourceAttributes(tim, 'get', '', 'pods', 'dev', 'p', 'log'), level: 'Request' },
    { name: 'verb narrows', a: resourceAttributes(tim, 'list', '', 'pods', 'dev', '', 'log'), level: 'None' },
    { name: 'group and namespace', a: resourceAttributes(tim, 'delete', '', 'pods', 'prod', 'p'), level: 'RequestResponse' },
    { name: 'namespace rule skips other namespaces', a: resourceAttributes(tim, 'delete', '', 'pods', 'dev', 'p'), level: 'None' },
    { name: 'resourceNames match', a: resourceAttributes(tim, 'patch', 'apps', 'deployments', 'dev', 'web'), level: 'Request' },
    { name: 'resourceNames mismatch', a: resourceAttributes(tim, 'patch', 'apps', 'deployments', 'dev', 'api'), level: 'None' },
    { name: 'api group must match', a: resourceAttributes(tim, 'get', 'apps', 'secrets', 'dev', 'x'), level: 'None' },
  ];
  for (const c of cases) it(c.name, () => expect(evaluatePolicy(policy, c.a).level).toBe(c.level));

  it('combines policy and rule omitStages', () => {
    expect(evaluatePolicy(policy, resourceAttributes(tim, 'watch', '', 'pods', 'dev')).omitStages.sort()).toEqual(['RequestReceived', 'ResponseComplete']);
  });
  it('is None without a policy', () => {
    expect(evaluatePolicy(undefined, resourceAttributes(tim, 'get', '', 'pods', 'dev')).level).toBe('None');
  });
});
