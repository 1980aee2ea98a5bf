import { runKubectl } from '../../kubectl/run.ts';
import { findShellCommand, registerShellCommand } from './registry.ts';
import type { CommandContext } from '../types.ts';

/** Run another shell command from kubectl (`kubectl edit` runs $EDITOR this way). */
function runCommand(ctx: CommandContext, argv: string[]): number {
  const spec = findShellCommand(argv[0]);
  if (!spec) {
    ctx.err(`sh: 1: ${argv[0]}: not found\n`);
    return 127;
  }
  return spec.run({ ...ctx, argv, stdin: '', isTTY: false });
}

registerShellCommand({
  name: 'kubectl',
  synopsis: 'kubectl [command] [flags]',
  run: (ctx) =>
    runKubectl(ctx.rt, ctx.argv.slice(1), {
      stdin: ctx.stdin,
      out: ctx.out,
      err: ctx.err,
      env: (name) => ctx.shell.vars.get(name),
      runCommand: (argv) => runCommand(ctx, argv),
    }),
});
