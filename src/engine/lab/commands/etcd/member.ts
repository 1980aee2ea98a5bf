import type { CommandSpec } from '../../../kubectl/command.ts';
import { registerEtcdSubcommand } from './registry.ts';
import { controlPlane, etcdTable, groupHelp } from './shared.ts';

/** `lab etcd member list`: as `etcdctl member list -w table`. */
const memberList: CommandSpec = {
  name: 'list',
  short: 'List the etcd members (etcdctl member list -w table)',
  help: 'List the members of the stacked etcd cluster, one per control-plane node, as `etcdctl member list -w table`.\n\nUsage:\n  lab etcd member list\n',
  run(ctx) {
    const rows = controlPlane(ctx)
      .members()
      .map((m) => [m.id, 'started', m.name, m.peerURL, m.clientURL, 'false']);
    ctx.out(etcdTable(['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'], rows));
    return 0;
  },
};

const memberHelp = groupHelp('Membership of the etcd cluster.', [memberList], 'lab etcd member list');

registerEtcdSubcommand({
  name: 'member',
  short: 'etcd membership (member list)',
  help: memberHelp,
  subcommands: [memberList],
  run(ctx, args) {
    if (args.positional.length === 0) {
      ctx.out(memberHelp);
      return 0;
    }
    ctx.err(`Error: unknown command "${args.positional[0]}" for "lab etcd member"\n`);
    return 1;
  },
});
