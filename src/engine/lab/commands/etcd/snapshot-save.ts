import type { CommandSpec } from '../../../kubectl/command.ts';
import { KubectlError } from '../../../kubectl/errors.ts';
import { controlPlane } from './shared.ts';

/** `lab etcd snapshot save NAME`: as `etcdctl snapshot save NAME` (the whole keyspace at the current revision). */
export const snapshotSave: CommandSpec = {
  name: 'save',
  short: 'Save the whole etcd keyspace to a snapshot (etcdctl snapshot save)',
  help:
    'Save a snapshot of etcd: every object of the cluster at the current revision, as `etcdctl snapshot save`.\n' +
    'Restore it later with `lab etcd snapshot restore NAME`.\n\nUsage:\n  lab etcd snapshot save NAME\n',
  run(ctx, args) {
    if (args.positional.length !== 1) throw new KubectlError('Error: snapshot save expects one argument\n', 1, true);
    const cp = controlPlane(ctx);
    if (!cp.members().some((m) => m.healthy)) throw new KubectlError('Error: context deadline exceeded\n', 1, true);
    const name = args.positional[0];
    cp.snapshotSave(name);
    ctx.out(`Snapshot saved at ${name}\n`);
    return 0;
  },
};
