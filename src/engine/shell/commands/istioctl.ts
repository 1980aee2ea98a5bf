import { runIstioctl } from '../../istioctl/run.ts';
import { registerShellCommand } from './registry.ts';

registerShellCommand({
  name: 'istioctl',
  synopsis: 'istioctl [command] [flags]',
  run: (ctx) => runIstioctl(ctx.rt, ctx.argv.slice(1), ctx),
});
