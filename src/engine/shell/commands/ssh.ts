import { nodeExists, nodeShellOverlay, runNodeCommand } from '../../nodeshell/index.ts';
import { registerShellCommand } from './registry.ts';

/** `ssh NODE` enters the node's root shell (prompt root@NODE:/#, `exit` returns); `ssh NODE -- CMD` runs one command. */
registerShellCommand({
  name: 'ssh',
  synopsis: 'ssh NODE [-- COMMAND [ARG]...]',
  run: (ctx) => {
    const args = ctx.argv.slice(1);
    const dd = args.indexOf('--');
    const host = (dd >= 0 ? args.slice(0, dd) : args.slice(0, 1))[0]?.replace(/^root@/, '');
    const cmd = dd >= 0 ? args.slice(dd + 1) : args.slice(1);
    if (!host) {
      ctx.err('usage: ssh NODE [-- COMMAND [ARG]...]\n');
      return 255;
    }
    if (!nodeExists(ctx.rt, host)) {
      ctx.err(`ssh: Could not resolve hostname ${host}: Name or service not known\n`);
      return 255;
    }
    if (cmd.length > 0) return runNodeCommand(ctx.rt, host, cmd, ctx.out, ctx.err);
    ctx.shell.overlay = nodeShellOverlay(host, ctx.shell);
    return 0;
  },
});
