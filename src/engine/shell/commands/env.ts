import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'env',
  synopsis: 'env',
  run: (ctx) => {
    if (ctx.argv.length > 1) {
      ctx.err(`env: running commands is not supported in Kubelab\n`);
      return 125;
    }
    for (const name of [...ctx.shell.exported].sort()) {
      const v = ctx.shell.vars.get(name);
      if (v !== undefined) ctx.out(`${name}=${v}\n`);
    }
    return 0;
  },
});
