import type { ClusterRuntime } from '../runtime.ts';
import type { ShellCommandSpec, ShellOverlay, ShellState } from '../shell/types.ts';
import type { NodeCommand } from './context.ts';
import { crictl } from './crictl.ts';
import { cat, ls } from './files.ts';
import { journalctl } from './journal.ts';
import { conntrack, ip, ipset, iptables, iptablesSave, ipvsadm } from './net.ts';
import { nsenter } from './podnetns.ts';

/** The commands a node's root shell has (`ssh NODE`), one implementation each. */
const nodeCommands: Record<string, NodeCommand> = {
  ip,
  iptables,
  'iptables-save': iptablesSave,
  ipvsadm,
  ipset,
  crictl,
  conntrack,
  journalctl,
  ls,
  cat,
  hostname: (c) => {
    c.out(`${c.node}\n`);
    return 0;
  },
  nsenter: nsenter((c) => runNodeCommand(c.rt, c.node, c.args, c.out, c.err)),
};

export function nodeExists(rt: ClusterRuntime, node: string): boolean {
  return !!rt.store.get('nodes', undefined, node);
}

/** Run one node command; unknown ones fail as bash does. */
export function runNodeCommand(rt: ClusterRuntime, node: string, argv: string[], out: (t: string) => void, err: (t: string) => void): number {
  const cmd = nodeCommands[argv[0]];
  if (!cmd) {
    err(`bash: ${argv[0]}: command not found\n`);
    return 127;
  }
  return cmd({ rt, node, args: argv.slice(1), out, err });
}

/** The overlay the lab shell wears after `ssh NODE`: node commands first, `exit` leaves. */
export function nodeShellOverlay(node: string, state: ShellState): ShellOverlay {
  const specs = new Map<string, ShellCommandSpec>();
  for (const name of Object.keys(nodeCommands)) {
    specs.set(name, { name, synopsis: name, run: (ctx) => runNodeCommand(ctx.rt, node, ctx.argv, ctx.out, ctx.err) });
  }
  specs.set('exit', {
    name: 'exit',
    synopsis: 'exit [n]',
    run: (ctx) => {
      state.overlay = undefined;
      ctx.out('logout\n');
      return Number(ctx.argv[1] ?? 0) || 0;
    },
  });
  for (const blocked of ['kubectl', 'lab', 'ssh']) {
    specs.set(blocked, { name: blocked, synopsis: blocked, run: (ctx) => (ctx.err(`bash: ${blocked}: command not found\n`), 127) });
  }
  return { prompt: `root@${node}:/# `, find: (name) => specs.get(name) };
}
