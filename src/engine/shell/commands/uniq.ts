import { uniq } from '../text/uniq.ts';
import { registerShellCommand } from './registry.ts';
import { runTextTool } from './texttool.ts';

registerShellCommand({ name: 'uniq', synopsis: 'uniq [-cdui] [INPUT]', run: runTextTool(uniq) });
