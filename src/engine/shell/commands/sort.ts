import { sort } from '../text/sort.ts';
import { registerShellCommand } from './registry.ts';
import { runTextTool } from './texttool.ts';

registerShellCommand({ name: 'sort', synopsis: 'sort [-nrufb] [-k KEYDEF] [-t SEP] [FILE]...', run: runTextTool(sort) });
