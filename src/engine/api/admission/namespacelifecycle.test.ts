import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

describe('NamespaceLifecycle admission', () => {
  const cases = [
    { name: 'default may not be deleted', ns: 'default', wantErr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n' },
    { name: 'kube-system may not be deleted', ns: 'kube-system', wantErr: 'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n' },
    { name: 'kube-public may not be deleted', ns: 'kube-public', wantErr: 'Error from server (Forbidden): namespaces "kube-public" is forbidden: this namespace may not be deleted\n' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster();
      const r = c.run(`kubectl delete namespace ${tc.ns}`);
      expect(r.stderr).toBe(tc.wantErr);
      expect(r.exitCode).toBe(1);
      expect(c.get('namespace', tc.ns)?.metadata.deletionTimestamp).toBeUndefined();
    });
  }
  it('other namespaces may be deleted', () => {
    const c = createCluster();
    expect(c.run('kubectl create namespace dev').exitCode).toBe(0);
    expect(c.run('kubectl delete namespace dev --wait=false').exitCode).toBe(0);
  });
});
