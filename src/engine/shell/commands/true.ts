import { registerShellCommand } from './registry.ts';

registerShellCommand({ name: 'true', synopsis: 'true', run: () => 0 });
