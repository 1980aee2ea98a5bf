import { runLab } from '../../lab/run.ts';
import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'lab',
  synopsis: 'lab [command] [flags]',
  run: (ctx) => runLab(ctx.rt, ctx.argv.slice(1), ctx),
});
