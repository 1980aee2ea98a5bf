import { seq } from '../text/seq.ts';
import { registerShellCommand } from './registry.ts';
import { runTextTool } from './texttool.ts';

registerShellCommand({ name: 'seq', synopsis: 'seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST', run: runTextTool(seq) });
