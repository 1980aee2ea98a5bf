import { isDirectory, normalizePath, readFile, removeFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import { tryHelp } from './text.ts';

registerShellCommand({
  name: 'rm',
  synopsis: 'rm [-rf] FILE...',
  run: (ctx) => {
    let force = false;
    let recursive = false;
    const operands: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (/^-[rRfv]+$/.test(a)) {
        if (a.includes('f')) force = true;
        if (/[rR]/.test(a)) recursive = true;
      } else if (a === '--force') force = true;
      else if (a === '--recursive') recursive = true;
      else operands.push(a);
    }
    if (operands.length === 0) {
      if (force) return 0;
      ctx.err(`rm: missing operand\n${tryHelp('rm')}`);
      return 1;
    }
    let status = 0;
    for (const op of operands) {
      if (isDirectory(ctx.rt, op)) {
        if (!recursive) {
          ctx.err(`rm: cannot remove '${op}': Is a directory\n`);
          status = 1;
          continue;
        }
        const prefix = normalizePath(op) + '/';
        for (const f of [...ctx.rt.files.keys()]) if (f.startsWith(prefix)) ctx.rt.files.delete(f);
      } else if (readFile(ctx.rt, op) !== undefined) removeFile(ctx.rt, op);
      else if (!force) {
        ctx.err(`rm: cannot remove '${op}': No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
});
