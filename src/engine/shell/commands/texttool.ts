import { isDirectory, readFile } from '../fs.ts';
import type { TextTool } from '../text/tool.ts';
import type { CommandContext } from '../types.ts';

/** Run a shared text tool (text/*.ts) as a lab shell command, over the lab's filesystem. */
export const runTextTool = (tool: TextTool) => (ctx: CommandContext) => tool({ ...ctx, read: (f) => (isDirectory(ctx.rt, f) ? 'dir' : readFile(ctx.rt, f)) });
