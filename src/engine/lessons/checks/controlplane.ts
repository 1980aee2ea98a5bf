import { CONTROL_PLANE_SERVICE, type ControlPlaneService } from '../../controlplane/api.ts';
import { registerPredicate, type CheckResult } from './registry.ts';

registerPredicate({
  name: 'etcd',
  summary: 'the etcd cluster has quorum (or has lost it), this many healthy members, a saved snapshot of this name',
  args: { quorum: { type: 'boolean' }, healthy: { type: 'number' }, snapshot: { type: 'string' } },
  validate: (a) => (a.quorum === undefined && a.healthy === undefined && a.snapshot === undefined ? 'give quorum, healthy or snapshot' : undefined),
  evaluate(ctx, a): CheckResult {
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
