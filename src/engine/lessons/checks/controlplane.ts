import { CONTROL_PLANE_SERVICE, type ControlPlaneService } from '../../controlplane/api.ts';
import type { AuthService } from '../../auth/service.ts';
import { registerPredicate, type CheckResult } from './registry.ts';

registerPredicate({
  name: 'etcd',
  summary: 'the etcd cluster has quorum (or has lost it), this many healthy members, a saved snapshot of this name; the value at key is stored encrypted with a provider',
  args: { quorum: { type: 'boolean' }, healthy: { type: 'number' }, snapshot: { type: 'string' }, key: { type: 'string' }, encryptedWith: { type: 'string' } },
  validate(a) {
    if ((a.key === undefined) !== (a.encryptedWith === undefined)) return 'key and encryptedWith go together';
    if (a.encryptedWith !== undefined && !['none', 'aescbc', 'aesgcm', 'secretbox'].includes(a.encryptedWith as string)) return 'encryptedWith must be none, aescbc, aesgcm or secretbox';
    return a.quorum === undefined && a.healthy === undefined && a.snapshot === undefined && a.key === undefined ? 'give quorum, healthy, snapshot or key' : undefined;
  },
  evaluate(ctx, a): CheckResult {
    if (a.key !== undefined) {
      // The value's provider, as kube-apiserver's storage transformer wrote it (k8s:enc:<provider>:v1:...).
      const key = a.key as string;
      const p = ctx.rt.service<AuthService>('auth')?.encryption.writtenWith(key)?.type ?? 'none';
      if (p !== a.encryptedWith) return { pass: false, detail: `etcd key ${key} is stored ${p === 'none' ? 'in plaintext' : `encrypted with ${p}`}` };
      if (a.quorum === undefined && a.healthy === undefined && a.snapshot === undefined) return { pass: true, detail: `etcd key ${key} is stored ${p === 'none' ? 'in plaintext' : `encrypted with ${p}`}` };
    }
    const cp = ctx.rt.service<ControlPlaneService>(CONTROL_PLANE_SERVICE);
    if (!cp) return { pass: false, detail: 'this cluster has no control-plane model' };
    const members = cp.members();
    const healthy = members.filter((m) => m.healthy).length;
    const quorum = cp.hasQuorum();
    const snaps = cp.snapshots().map((s) => s.name);
    const seen = `etcd: ${healthy}/${members.length} members healthy, quorum ${quorum ? 'ok' : 'lost'}, snapshots [${snaps.join(', ')}]`;
    const pass =
      (a.quorum === undefined || a.quorum === quorum) &&
      (a.healthy === undefined || a.healthy === healthy) &&
      (a.snapshot === undefined || snaps.includes(a.snapshot as string));
    return { pass, detail: seen };
  },
});
