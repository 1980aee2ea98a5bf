import { headTail } from './headtail.ts';
import { registerShellCommand } from './registry.ts';

registerShellCommand({ name: 'tail', synopsis: 'tail [-n [+]N] [FILE]...', run: (ctx) => headTail(ctx, 'tail') });
