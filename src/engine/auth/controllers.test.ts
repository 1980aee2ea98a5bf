// Controllers authorized as their own identities, after plugin/pkg/auth/authorizer/rbac/bootstrappolicy
// (testdata/controller-roles.yaml and controller-role-bindings.yaml: one `system:controller:<name>` ClusterRole
// per controller, bound to the kube-system ServiceAccount of that name) and kube-controller-manager's
// --use-service-account-credentials: without its binding the ReplicaSet controller's pod creates are refused
// and reported in a FailedCreate event.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { controllerAccounts } from './controllers.ts';
import { controllerRoles } from './controllerpolicy.ts';

describe('system:controller roles and bindings', () => {
  const c = createCluster({ seed: 1, nodes: 1 });
  it('every controller role exists with its binding to the kube-system ServiceAccount', () => {
    const names = c.run('kubectl get clusterroles -o name').stdout.split('\n').filter((n) => n.includes('system:controller:'));
    expect(names).toEqual(controllerRoles.map(([n]) => `clusterrole.rbac.authorization.k8s.io/system:controller:${n}`).sort());
    expect(c.run("kubectl get clusterrolebinding system:controller:replicaset-controller -o jsonpath='{.subjects[0]}'").stdout).toBe('{"kind":"ServiceAccount","name":"replicaset-controller","namespace":"kube-system"}');
  });
  it('the replicaset-controller role (controller_policy.go)', () => {
    const rules = JSON.parse(c.run('kubectl get clusterrole system:controller:replicaset-controller -o jsonpath={.rules}').stdout);
    expect(rules).toEqual([
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'update', 'watch'] },
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets/status'], verbs: ['update'] },
      { apiGroups: ['apps', 'extensions'], resources: ['replicasets/finalizers'], verbs: ['update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete', 'list', 'patch', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
    ]);
  });
  it('every mapped controller account has a role', () => {
    const roles = new Set(controllerRoles.map(([n]) => n));
    for (const sa of Object.values(controllerAccounts)) expect(roles.has(sa), sa).toBe(true);
  });
  it('can-i answers for a controller identity', () => {
    const as = '--as system:serviceaccount:kube-system:replicaset-controller';
    expect(c.run(`kubectl auth can-i create pods ${as}`).stdout).toBe('yes\n');
    expect(c.run(`kubectl auth can-i create deployments.apps ${as}`).stdout).toBe('no\n');
  });
});

describe('controllers act as their ServiceAccounts', () => {
  it('without its binding the ReplicaSet controller cannot create pods; restoring it heals', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run('kubectl create deployment web --image=nginx --replicas=1');
    c.advance(20_000);
    expect(c.list('pods', 'default')).toHaveLength(1);
    const saved = c.run('kubectl get clusterrolebinding system:controller:replicaset-controller -o yaml').stdout;
    expect(c.run('kubectl delete clusterrolebinding system:controller:replicaset-controller').exitCode).toBe(0);
    c.run('kubectl scale deployment web --replicas=3');
    c.advance(5_000);
    expect(c.list('pods', 'default')).toHaveLength(1);
    expect(c.run('kubectl get events --field-selector reason=FailedCreate -o jsonpath={.items[0].message}').stdout).toBe(
      'Error creating: pods is forbidden: User "system:serviceaccount:kube-system:replicaset-controller" cannot create resource "pods" in API group "" in the namespace "default"',
    );
    c.run(`kubectl apply -f - <<'EOF'\n${saved}EOF`);
    c.run('kubectl scale deployment web --replicas=2');
    c.advance(20_000);
    expect(c.list('pods', 'default')).toHaveLength(2);
  });
  it('other controllers keep working when one loses its role', () => {
    const c = createCluster({ seed: 1, nodes: 1 });
    c.run('kubectl delete clusterrole system:controller:deployment-controller');
    c.run('kubectl create deployment web --image=nginx');
    c.run('kubectl create job once --image=busybox -- true');
    c.advance(30_000);
    expect(c.list('replicasets', 'default')).toHaveLength(0);
    expect(c.list('pods', 'default').map((p) => p.metadata.labels?.['job-name'])).toEqual(['once']);
  });
});
