import { isDirectory, readFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import { splitLines } from './text.ts';

registerShellCommand({
  name: 'cat',
  synopsis: 'cat [-n] [FILE]...',
  run: (ctx) => {
    const args = ctx.argv.slice(1);
    let number = false;
    const files: string[] = [];
    for (const a of args) {
      if (a === '-n' || a === '--number') number = true;
      else files.push(a);
    }
    if (files.length === 0) files.push('-');
    let status = 0;
    let lineNo = 0;
    for (const f of files) {
      let content: string | undefined;
      if (f === '-') content = ctx.stdin;
      else if (isDirectory(ctx.rt, f)) {
        ctx.err(`cat: ${f}: Is a directory\n`);
        status = 1;
        continue;
      } else content = f === '/dev/null' ? '' : readFile(ctx.rt, f);
      if (content === undefined) {
        ctx.err(`cat: ${f}: No such file or directory\n`);
        status = 1;
        continue;
      }
      if (!number) ctx.out(content);
      else {
        const lines = splitLines(content);
        const tail = content.endsWith('\n') || content === '' ? '' : undefined;
        lines.forEach((l, i) => ctx.out(`${String(++lineNo).padStart(6)}\t${l}${i < lines.length - 1 || tail !== undefined ? '\n' : ''}`));
      }
    }
    return status;
  },
});
