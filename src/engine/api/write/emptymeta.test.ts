import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

/**
 * Empty metadata maps and lists do not survive a write: the apiserver stores protobuf (empty = absent) and
 * Go's JSON omits them. `kubectl diff` of an object that was not created by apply sends its patch with
 * `annotations: {}` (kubectl's GetModifiedConfiguration sets the map after removing last-applied), and the
 * merged object the server returns has no annotations key.
 */
describe('empty metadata maps and lists are dropped on write', () => {
  const manifest = (meta: string) => `kubectl apply --server-side -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
${meta}
data:
  mode: slow
EOF`;
  const cases: Array<{ name: string; meta: string; absent: string[]; present?: string[] }> = [
    { name: 'empty annotations and labels', meta: '  annotations: {}\n  labels: {}', absent: ['annotations:', 'labels:'] },
    { name: 'empty finalizers and ownerReferences', meta: '  finalizers: []\n  ownerReferences: []', absent: ['finalizers:', 'ownerReferences:'] },
    { name: 'a non-empty map stays', meta: '  labels:\n    app: web', absent: ['annotations:'], present: ['labels:', 'app: web'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cl = createCluster({ seed: 1, boot: false });
      expect(cl.run(manifest(c.meta)).exitCode).toBe(0);
      const yaml = cl.run('kubectl get cm settings -o yaml --show-managed-fields=false').stdout;
      for (const a of c.absent) expect(yaml).not.toContain(a);
      for (const p of c.present ?? []) expect(yaml).toContain(p);
    });
  }

  it('kubectl diff of a created (not applied) object shows no annotations: {}', () => {
    const cl = createCluster({ seed: 1, boot: false });
    cl.run('kubectl create configmap settings --from-literal=mode=slow');
    const r = cl.run('kubectl diff -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\nEOF');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('+  mode: fast');
    expect(r.stdout).not.toContain('annotations');
  });
});
