import { HOME } from '../fs.ts';
import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'pwd',
  synopsis: 'pwd',
  run: (ctx) => {
    ctx.out(`${ctx.shell.vars.get('PWD') ?? HOME}\n`);
    return 0;
  },
});
