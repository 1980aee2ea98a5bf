import { registerShellCommand } from './registry.ts';

registerShellCommand({ name: 'false', synopsis: 'false', run: () => 1 });
