import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'unset',
  synopsis: 'unset [name ...]',
  run: (ctx) => {
    for (const a of ctx.argv.slice(1)) {
      if (a.startsWith('-')) continue;
      ctx.shell.vars.delete(a);
      ctx.shell.exported.delete(a);
    }
    return 0;
  },
});
