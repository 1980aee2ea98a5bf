// The quota controller and admission through kubectl (pkg/controller/resourcequota syncResourceQuota,
// replenishment; printers.go printResourceQuota; describe.go describeQuota).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const quotaYaml = 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: compute\nspec:\n  hard:\n    pods: "10"\n    requests.cpu: "2"\n    requests.memory: 1Gi\n    limits.cpu: "4"\n';
const podYaml = (n: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n    resources:\n      requests: {cpu: 600m, memory: 100Mi}\n      limits: {cpu: 600m}\n`;

function setup() {
  const c = createCluster();
  c.writeFile('q.yaml', quotaYaml);
  expect(c.run('kubectl apply -f q.yaml').stdout).toBe('resourcequota/compute created\n');
  return c;
}

describe('ResourceQuota controller', () => {
  it('fills status.hard and zero usage', () => {
    const c = setup();
    expect(c.get('resourcequota', 'compute')?.status).toEqual({
      hard: { 'limits.cpu': '4', pods: '10', 'requests.cpu': '2', 'requests.memory': '1Gi' },
      used: { 'limits.cpu': '0', pods: '0', 'requests.cpu': '0', 'requests.memory': '0' },
    });
    expect(c.run('kubectl get quota').stdout).toBe(
      'NAME      AGE   REQUEST                                                 LIMIT\ncompute   0s    pods: 0/10, requests.cpu: 0/2, requests.memory: 0/1Gi   limits.cpu: 0/4\n',
    );
  });

  it('blocks the 4th pod with the upstream message, and describe shows usage', () => {
    const c = setup();
    for (const n of ['a', 'b', 'c']) {
      c.writeFile(`${n}.yaml`, podYaml(n));
      expect(c.run(`kubectl apply -f ${n}.yaml`).exitCode).toBe(0);
    }
    c.writeFile('d.yaml', podYaml('d'));
    const r = c.run('kubectl apply -f d.yaml');
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "d.yaml": pods "d" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=1800m, limited: requests.cpu=2\n',
    );
    expect(r.exitCode).toBe(1);
    expect(c.run('kubectl describe quota compute').stdout).toBe(
      [
        'Name:            compute',
        'Namespace:       default',
        'Resource         Used   Hard',
        '--------         ----   ----',
        'limits.cpu       1800m  4',
        'pods             3      10',
        'requests.cpu     1800m  2',
        'requests.memory  300Mi  1Gi',
        '',
      ].join('\n'),
    );
  });

  it('replenishes when pods go away', () => {
    const c = setup();
    c.writeFile('a.yaml', podYaml('a'));
    c.run('kubectl apply -f a.yaml');
    c.run('kubectl delete pod a');
    c.runUntilIdle();
    expect((c.get('resourcequota', 'compute')?.status as { used: Record<string, string> }).used).toEqual({
      'limits.cpu': '0',
      pods: '0',
      'requests.cpu': '0',
      'requests.memory': '0',
    });
  });

  it('recalculates when spec.hard changes', () => {
    const c = setup();
    c.writeFile('a.yaml', podYaml('a'));
    c.run('kubectl apply -f a.yaml');
    c.run('kubectl create configmap cfg --from-literal=a=b');
    c.writeFile('q.yaml', quotaYaml.replace('    limits.cpu: "4"\n', '    count/configmaps: "5"\n'));
    c.run('kubectl apply -f q.yaml');
    // cfg and kube-root-ca.crt.
    expect((c.get('resourcequota', 'compute')?.status as { used: Record<string, string> }).used).toEqual({
      'count/configmaps': '2',
      pods: '1',
      'requests.cpu': '600m',
      'requests.memory': '100Mi',
    });
  });

  it('a Deployment rejected by quota reports FailedCreate and ReplicaFailure on its ReplicaSet', () => {
    const c = createCluster();
    c.writeFile('q.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pods\nspec:\n  hard:\n    pods: "2"\n');
    c.run('kubectl apply -f q.yaml');
    expect(c.run('kubectl create deployment web --image=nginx --replicas=3').exitCode).toBe(0);
    c.advance(5000);
    const rs = c.list('replicaset', 'default')[0];
    const conds = (rs.status as { conditions?: Array<{ type: string; reason: string; message: string }> }).conditions ?? [];
    expect(conds.find((x) => x.type === 'ReplicaFailure')?.reason).toBe('FailedCreate');
    expect(conds.find((x) => x.type === 'ReplicaFailure')?.message).toMatch(/^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2$/);
    const events = c.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').stdout;
    expect(events).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2/);
    expect(c.list('pod', 'default').length).toBe(2);
  });
});
