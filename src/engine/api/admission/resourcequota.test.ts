// Cases after plugin/pkg/admission/resourcequota/admission_test.go (TestAdmitBelowQuotaLimit,
// TestAdmitExceedQuotaLimit, TestAdmitEnforceQuotaConstraints, TestAdmitBelowBestEffortQuotaLimit,
// TestAdmitBestEffortQuotaLimitIgnoresBurstable, TestAdmitBelowTerminatingQuotaLimit,
// TestAdmitLimitedScopeWithCoverQuota-style PriorityClass scopes) through the API server.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { isStatusError, type KubeObject } from '../types.ts';

type List = Record<string, string>;
function quota(name: string, hard: List, scopes?: string[], scopeSelector?: unknown): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default' }, spec: { hard, ...(scopes ? { scopes } : {}), ...(scopeSelector ? { scopeSelector } : {}) } };
}
function pod(name: string, requests: List, limits: List = {}, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests, limits } }], ...extra },
  };
}

function setup(quotas: KubeObject[]) {
  const c = createCluster({ nodes: 0 });
  const api = c.runtime.api;
  for (const q of quotas) api.create(q);
  c.runtime.settle();
  return { c, api, create: (o: KubeObject): string => {
    try {
      api.create(o);
      return '';
    } catch (e) {
      if (isStatusError(e)) return e.message;
      throw e;
    }
  } };
}

describe('ResourceQuota admission', () => {
  const cases: Array<{ name: string; quotas: KubeObject[]; pre?: KubeObject[]; obj: KubeObject; want: string; used?: List }> = [
    {
      name: 'TestAdmitBelowQuotaLimit',
      quotas: [quota('quota', { cpu: '3', memory: '100Gi', pods: '5' })],
      obj: pod('p', { cpu: '100m', memory: '2Gi' }),
      want: '',
      used: { cpu: '100m', memory: '2Gi', pods: '1' },
    },
    {
      name: 'TestAdmitExceedQuotaLimit',
      quotas: [quota('quota', { cpu: '3', memory: '100Gi', pods: '5' })],
      obj: pod('p', { cpu: '3500m', memory: '2Gi' }),
      want: 'pods "p" is forbidden: exceeded quota: quota, requested: cpu=3500m, used: cpu=0, limited: cpu=3',
    },
    {
      name: 'exceeded with prior usage (requests.cpu)',
      quotas: [quota('compute', { 'requests.cpu': '2', pods: '10' })],
      pre: [pod('a', { cpu: '600m' }), pod('b', { cpu: '600m' }), pod('c', { cpu: '600m' })],
      obj: pod('x', { cpu: '600m' }),
      want: 'pods "x" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=1800m, limited: requests.cpu=2',
    },
    {
      name: 'TestAdmitEnforceQuotaConstraints',
      quotas: [quota('compute', { 'requests.cpu': '2', 'limits.cpu': '4' })],
      obj: pod('x', {}),
      want: 'pods "x" is forbidden: failed quota: compute: must specify limits.cpu for: nginx; requests.cpu for: nginx',
    },
    {
      name: 'count quotas do not force requests',
      quotas: [quota('count', { pods: '2' })],
      obj: pod('x', {}),
      want: '',
      used: { pods: '1' },
    },
    {
      name: 'TestAdmitBelowBestEffortQuotaLimit',
      quotas: [quota('quota', { pods: '1' }, ['BestEffort'])],
      pre: [pod('a', {})],
      obj: pod('x', {}),
      want: 'pods "x" is forbidden: exceeded quota: quota, requested: pods=1, used: pods=1, limited: pods=1',
    },
    {
      name: 'TestAdmitBestEffortQuotaLimitIgnoresBurstable',
      quotas: [quota('quota', { pods: '1' }, ['BestEffort'])],
      pre: [pod('a', {})],
      obj: pod('x', { cpu: '100m' }),
      want: '',
    },
    {
      name: 'TestAdmitBelowTerminatingQuotaLimit (NotTerminating pods pass)',
      quotas: [quota('quota', { pods: '0' }, ['Terminating'])],
      obj: pod('x', {}),
      want: '',
    },
    {
      name: 'Terminating scope counts pods with an active deadline',
      quotas: [quota('quota', { pods: '0' }, ['Terminating'])],
      obj: pod('x', {}, {}, { activeDeadlineSeconds: 60, restartPolicy: 'Never' }),
      want: 'pods "x" is forbidden: exceeded quota: quota, requested: pods=1, used: pods=0, limited: pods=0',
    },
    {
      name: 'PriorityClass scope selector',
      quotas: [quota('critical', { pods: '0' }, undefined, { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-cluster-critical'] }] })],
      obj: pod('x', {}, {}, { priorityClassName: 'system-cluster-critical' }),
      want: 'pods "x" is forbidden: exceeded quota: critical, requested: pods=1, used: pods=0, limited: pods=0',
    },
    {
      name: 'PriorityClass scope ignores other pods',
      quotas: [quota('critical', { pods: '0' }, undefined, { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-cluster-critical'] }] })],
      obj: pod('x', {}),
      want: '',
    },
    {
      // kube-root-ca.crt, published in every namespace, counts too (as in any 1.32 cluster).
      name: 'object counts: configmaps',
      quotas: [quota('objects', { configmaps: '2', 'count/secrets': '0' })],
      pre: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } }],
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } },
      want: 'configmaps "b" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=2, limited: configmaps=2',
    },
    {
      name: 'object counts: count/secrets',
      quotas: [quota('objects', { 'count/secrets': '0' })],
      obj: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' } },
      want: 'secrets "s" is forbidden: exceeded quota: objects, requested: count/secrets=1, used: count/secrets=0, limited: count/secrets=0',
    },
    {
      name: 'services.nodeports',
      quotas: [quota('svc', { 'services.nodeports': '0' })],
      obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80 }] } },
      want: 'services "s" is forbidden: exceeded quota: svc, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0',
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const { c, create } = setup(tc.quotas);
      for (const p of tc.pre ?? []) expect(create(p)).toBe('');
      expect(create(tc.obj)).toBe(tc.want);
      if (tc.used) expect((c.get('resourcequota', tc.quotas[0].metadata.name!)?.status as { used?: List }).used).toEqual(tc.used);
    });
  }

  it('dry runs charge nothing', () => {
    const { c, api } = setup([quota('q', { pods: '2' })]);
    api.create(pod('a', {}), { dryRun: true });
    expect((c.get('resourcequota', 'q')?.status as { used?: List }).used).toEqual({ pods: '0' });
  });

  it('a quota without status yet does not match (status.hard is what counts)', () => {
    const c = createCluster({ nodes: 0 });
    c.runtime.api.create(quota('q', { pods: '0' }));
    expect(() => c.runtime.api.create(pod('a', {}))).not.toThrow();
  });
});
