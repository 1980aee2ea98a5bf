import type { CommandSpec } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import { controlPlane } from './shared.ts';

/**
 * `lab etcd snapshot restore NAME`: put the whole store back as the snapshot holds it (objects and revision),
 * as restoring a snapshot into every member's data directory and restarting the control plane does. The
 * components then reconcile from the restored state: controllers recreate what is missing, kubelets kill the
 * containers of pods etcd no longer knows.
 */
export const snapshotRestore: CommandSpec = {
  name: 'restore',
  short: 'Restore the cluster state from a snapshot',
  help:
    'Restore the cluster from a snapshot saved with `lab etcd snapshot save`: every object goes back to what it was\n' +
    'at the snapshot\'s revision. Controllers, the scheduler and kubelets then reconcile: objects created since are gone\n' +
    '(kubelets stop their pods), objects deleted since are back.\n\nUsage:\n  lab etcd snapshot restore NAME\n',
  run(ctx, args) {
    if (args.positional.length !== 1) throw new KubectlError('Error: snapshot restore requires exactly one argument\n', 1, true);
    const name = args.positional[0];
    const cp = controlPlane(ctx);
    if (!cp.snapshots().some((s) => s.name === name)) throw new KubectlError(`Error: stat ${name}: no such file or directory\n`, 1, true);
    const s = cp.snapshotRestore(name);
    ctx.rt.settle();
    ctx.out(`Snapshot ${name} restored: the cluster is back at revision ${s.revision}\n`);
    return 0;
  },
};
