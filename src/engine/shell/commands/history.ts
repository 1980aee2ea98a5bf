import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'history',
  synopsis: 'history [-c] [n]',
  run: (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '-c') {
      ctx.shell.history.length = 0;
      return 0;
    }
    let start = 0;
    if (args.length > 0) {
      if (!/^\d+$/.test(args[0])) {
        ctx.err(`sh: history: ${args[0]}: numeric argument required\n`);
        return 1;
      }
      start = Math.max(0, ctx.history.length - Number(args[0]));
    }
    for (let i = start; i < ctx.history.length; i++) ctx.out(`${String(i + 1).padStart(5)}  ${ctx.history[i]}\n`);
    return 0;
  },
});
