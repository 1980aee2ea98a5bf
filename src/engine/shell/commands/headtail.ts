import { isDirectory, readFile } from '../fs.ts';
import type { CommandContext } from '../types.ts';
import { joinLines, splitLines, tryHelp } from './text.ts';

/** `head`/`tail` share their options: `-n N`, `-nN`, `-N`, `--lines=N`; tail also takes `+N` (from line N). */
export function headTail(ctx: CommandContext, which: 'head' | 'tail'): number {
  let spec = '10';
  const files: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') {
      if (i + 1 >= args.length) {
        ctx.err(`${which}: option requires an argument -- 'n'\n${tryHelp(which)}`);
        return 1;
      }
      spec = args[++i];
    } else if (a.startsWith('-n')) spec = a.slice(2);
    else if (a.startsWith('--lines=')) spec = a.slice(8);
    else if (/^-\d+$/.test(a)) spec = a.slice(1);
    else files.push(a);
  }
  if (!/^[+-]?\d+$/.test(spec)) {
    ctx.err(`${which}: invalid number of lines: ‘${spec}’\n`);
    return 1;
  }
  const n = Math.abs(Number(spec));
  const pick = (lines: string[]): string[] => {
    if (which === 'head') return spec.startsWith('-') ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n);
    if (spec.startsWith('+')) return lines.slice(Math.max(0, n - 1));
    return n === 0 ? [] : lines.slice(-n);
  };
  if (files.length === 0) files.push('-');
  let status = 0;
  files.forEach((f, i) => {
    let text: string | undefined;
    if (f === '-') text = ctx.stdin;
    else if (isDirectory(ctx.rt, f)) {
      ctx.err(`${which}: error reading '${f}': Is a directory\n`);
      status = 1;
      return;
    } else text = readFile(ctx.rt, f);
    if (text === undefined) {
      ctx.err(`${which}: cannot open '${f}' for reading: No such file or directory\n`);
      status = 1;
      return;
    }
    if (files.length > 1) ctx.out(`${i > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    ctx.out(joinLines(pick(splitLines(text))));
  });
  return status;
}
