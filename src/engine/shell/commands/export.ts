import { registerShellCommand } from './registry.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

registerShellCommand({
  name: 'export',
  synopsis: 'export [name[=value] ...]',
  run: (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => a !== '-n');
    if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
      for (const name of [...ctx.shell.exported].sort()) {
        const v = ctx.shell.vars.get(name);
        ctx.out(v === undefined ? `declare -x ${name}\n` : `declare -x ${name}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME.test(name)) {
        ctx.err(`sh: export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (eq >= 0) ctx.shell.vars.set(name, a.slice(eq + 1));
      ctx.shell.exported.add(name);
    }
    return status;
  },
});
