import { runKubectl } from '../../kubectl/run.ts';
import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'kubectl',
  synopsis: 'kubectl [command] [flags]',
  run: (ctx) => runKubectl(ctx.rt, ctx.argv.slice(1), ctx),
});
