// `kubectl auth reconcile`, after pkg/registry/rbac/reconciliation/reconcile_role_test.go (TestComputeReconciledRole:
// missing rules are added, extra ones kept unless removeExtraPermissions, protected roles are computed but not
// written), reconcile_rolebindings_test.go (subjects likewise; a changed roleRef recreates) and the printing of
// staging/src/k8s.io/kubectl/pkg/cmd/auth/reconcile.go (name lines on stdout, `\treconciliation required ...` and
// Go %+v rules and subjects on stderr).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { reconcileBinding, reconcileRole } from '../../auth/rbac/reconcile.ts';
import { createCluster } from '../../index.ts';

const role = (rules: object[], annotations?: Record<string, string>) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', ...(annotations ? { annotations } : {}) }, rules }) as unknown as KubeObject;
const rule = (verbs: string[], resources: string[]) => ({ apiGroups: [''], resources, verbs });
const binding = (subjects: string[], roleName = 'r') =>
  ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects: subjects.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })) }) as unknown as KubeObject;

describe('reconcileRole (reconcile_role_test.go)', () => {
  const cases = [
    { name: 'empty', existing: role([]), expected: role([]), remove: false, op: 'none', rules: [] },
    { name: 'match without union', existing: role([rule(['get'], ['pods'])]), expected: role([rule(['get'], ['pods'])]), remove: false, op: 'none', rules: [rule(['get'], ['pods'])] },
    { name: 'different rules with union', existing: role([rule(['get'], ['pods'])]), expected: role([rule(['list'], ['pods'])]), remove: false, op: 'update', rules: [rule(['get'], ['pods']), rule(['list'], ['pods'])] },
    { name: 'different rules without union', existing: role([rule(['get'], ['pods'])]), expected: role([rule(['list'], ['pods'])]), remove: true, op: 'update', rules: [rule(['list'], ['pods'])] },
    { name: 'extra rules kept', existing: role([rule(['get', 'list'], ['pods'])]), expected: role([rule(['get'], ['pods'])]), remove: false, op: 'none', rules: [rule(['get', 'list'], ['pods'])] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = reconcileRole(tc.existing, tc.expected, tc.remove);
      expect(r.operation).toBe(tc.op);
      expect((r.role as unknown as { rules: object[] }).rules).toEqual(tc.rules);
    });
  }
  it('protected roles are computed but flagged', () => {
    const r = reconcileRole(role([], { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }), role([rule(['get'], ['pods'])]), false);
    expect([r.operation, r.protected]).toEqual(['update', true]);
  });
});

describe('reconcileBinding (reconcile_rolebindings_test.go)', () => {
  const cases = [
    { name: 'match', existing: binding(['a']), expected: binding(['a']), remove: false, op: 'none', subjects: ['a'] },
    { name: 'add missing subjects', existing: binding(['a']), expected: binding(['b']), remove: false, op: 'update', subjects: ['a', 'b'] },
    { name: 'remove extra subjects', existing: binding(['a', 'b']), expected: binding(['b']), remove: true, op: 'update', subjects: ['b'] },
    { name: 'changed roleRef recreates', existing: binding(['a']), expected: binding(['a'], 'other'), remove: false, op: 'recreate', subjects: ['a'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = reconcileBinding(tc.existing, tc.expected, tc.remove);
      expect(r.operation).toBe(tc.op);
      expect((r.binding as unknown as { subjects: Array<{ name: string }> }).subjects.map((s) => s.name)).toEqual(tc.subjects);
    });
  }
});

describe('kubectl auth reconcile', () => {
  const manifest = `cat > rbac.yaml <<EOF
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: team
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: team
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: skipped
EOF`;
  const c = createCluster({ seed: 1, nodes: 1 });
  c.run(manifest);
  const names = 'role.rbac.authorization.k8s.io/pod-reader reconciled\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled\n';
  it('creates the namespace, the role and the binding', () => {
    const r = c.run('kubectl auth reconcile -f rbac.yaml');
    expect(r.stdout).toBe(names);
    expect(r.stderr).toBe(
      '\treconciliation required create\n\tmissing rules added:\n\t\t{Verbs:[get list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n' +
        '\treconciliation required create\n\tmissing subjects added:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n',
    );
    expect(c.get('namespaces', 'team')).toBeDefined();
    expect(c.get('configmaps', 'skipped', 'default')).toBeUndefined();
    expect(c.run('kubectl auth can-i list pods -n team --as jane').stdout).toBe('yes\n');
  });
  it('a second run changes nothing', () => {
    const r = c.run('kubectl auth reconcile -f rbac.yaml');
    expect([r.stdout, r.stderr]).toEqual([names, '']);
  });
  it('extra permissions stay unless --remove-extra-permissions', () => {
    c.run(`kubectl patch role pod-reader -n team --type=json -p '[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}}]'`);
    expect(c.run('kubectl auth reconcile -f rbac.yaml').stderr).toBe('');
    const r = c.run('kubectl auth reconcile -f rbac.yaml --remove-extra-permissions');
    expect(r.stderr).toBe('\treconciliation required update\n\textra rules removed:\n\t\t{Verbs:[get] APIGroups:[] Resources:[secrets] ResourceNames:[] NonResourceURLs:[]}\n');
    expect(c.run('kubectl auth can-i get secrets -n team --as jane').stdout).toBe('no\n');
  });
  it('extra subjects stay unless --remove-extra-subjects', () => {
    c.run(`kubectl patch rolebinding read-pods -n team --type=json -p '[{"op":"add","path":"/subjects/-","value":{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"bob"}}]'`);
    expect(c.run('kubectl auth reconcile -f rbac.yaml').stderr).toBe('');
    const r = c.run('kubectl auth reconcile -f rbac.yaml --remove-extra-subjects');
    expect(r.stderr).toBe('\treconciliation required update\n\textra subjects removed:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}\n');
  });
  it('--dry-run reports without writing', () => {
    const d = createCluster({ seed: 1, nodes: 1 });
    d.run(manifest);
    const r = d.run('kubectl auth reconcile -f rbac.yaml --dry-run=client');
    expect(r.stdout).toBe('role.rbac.authorization.k8s.io/pod-reader reconciled (dry run)\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled (dry run)\n');
    expect(d.get('namespaces', 'team')).toBeUndefined();
  });
  it('needs -f and takes no arguments (kubectl 1.32 messages)', () => {
    expect(c.run('kubectl auth reconcile').stderr).toBe('error: must specify one of -f and -k\n');
    expect(c.run('kubectl auth reconcile -f rbac.yaml x').stderr).toBe('error: no arguments are allowed\n');
  });
});
