// `lab etcd`: each subcommand registers itself from its own file (registry.ts); import it here.
import { registerLabCommand } from '../../command.ts';
import { etcdSubcommands } from './registry.ts';
import { groupHelp } from './shared.ts';
import './get.ts';
import './member.ts';
import './snapshot.ts';
import './status.ts';

const help = () => groupHelp("Inspect the cluster's etcd: members, status, snapshots.", etcdSubcommands(), 'lab etcd SUBCOMMAND [options]');

registerLabCommand({
  name: 'etcd',
  short: "Inspect the cluster's etcd (member list, status, snapshot save|restore|list)",
  get help() {
    return help();
  },
  get subcommands() {
    return etcdSubcommands();
  },
  run(ctx, args) {
    if (args.positional.length === 0) {
      ctx.out(help());
      return 0;
    }
    ctx.err(`Error: unknown command "${args.positional[0]}" for "lab etcd"\n`);
    return 1;
  },
});
