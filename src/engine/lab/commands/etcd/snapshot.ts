import { registerEtcdSubcommand } from './registry.ts';
import { groupHelp } from './shared.ts';
import { snapshotList } from './snapshot-list.ts';
import { snapshotRestore } from './snapshot-restore.ts';
import { snapshotSave } from './snapshot-save.ts';

const subs = [snapshotList, snapshotRestore, snapshotSave];
const help = groupHelp('Save, list and restore etcd snapshots.', subs, 'lab etcd snapshot save|restore|list [NAME]');

/** `lab etcd snapshot save|restore|list`. */
registerEtcdSubcommand({
  name: 'snapshot',
  short: 'Save, list and restore etcd snapshots',
  help,
  subcommands: subs,
  run(ctx, args) {
    if (args.positional.length === 0) {
      ctx.out(help);
      return 0;
    }
    ctx.err(`Error: unknown command "${args.positional[0]}" for "lab etcd snapshot"\n`);
    return 1;
  },
});
