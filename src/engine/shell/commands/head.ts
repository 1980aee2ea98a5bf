import { headTail } from './headtail.ts';
import { registerShellCommand } from './registry.ts';

registerShellCommand({ name: 'head', synopsis: 'head [-n [-]N] [FILE]...', run: (ctx) => headTail(ctx, 'head') });
