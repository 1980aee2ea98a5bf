import { isDirectory, listDirectory, normalizePath, readFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import { tryHelp } from './text.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `ls -l` date column (`Jan  1 00:03`) for a virtual instant given as Unix ms. */
function lsDate(unixMs: number): string {
  const d = new Date(unixMs);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hh}:${mm}`;
}

registerShellCommand({
  name: 'ls',
  synopsis: 'ls [-1al] [FILE]...',
  run: (ctx) => {
    let long = false;
    let onePerLine = !ctx.isTTY;
    const operands: string[] = [];
    for (const a of ctx.argv.slice(1)) {
      if (/^-[1alh]+$/.test(a)) {
        if (a.includes('l')) long = true;
        if (a.includes('1')) onePerLine = true;
      } else if (a.startsWith('-') && a !== '-') {
        ctx.err(`ls: invalid option -- '${a.replace(/^-+/, '')[0]}'\n${tryHelp('ls')}`);
        return 2;
      } else operands.push(a);
    }
    if (operands.length === 0) operands.push('.');
    let status = 0;
    const now = lsDate(ctx.rt.clock.nowUnixMs());
    const fileLine = (name: string, path: string) => {
      if (!long) return name;
      const size = readFile(ctx.rt, path)?.length ?? 0;
      return `-rw-r--r-- 1 root root ${String(size).padStart(4)} ${now} ${name}`;
    };
    const print = (names: string[]) => {
      if (names.length === 0) return;
      ctx.out(long || onePerLine ? names.map((n) => n + '\n').join('') : names.join('  ') + '\n');
    };
    const files: string[] = [];
    const dirs: string[] = [];
    for (const op of operands) {
      if (isDirectory(ctx.rt, op) || normalizePath(op) === '') dirs.push(op);
      else if (readFile(ctx.rt, op) !== undefined) files.push(op);
      else {
        ctx.err(`ls: cannot access '${op}': No such file or directory\n`);
        status = 2;
      }
    }
    print(files.map((f) => fileLine(f, f)));
    dirs.forEach((d, i) => {
      if (operands.length > 1) ctx.out(`${files.length > 0 || i > 0 ? '\n' : ''}${d}:\n`);
      const names = listDirectory(ctx.rt, d);
      const base = normalizePath(d);
      if (long) ctx.out(`total ${names.length * 4}\n`);
      print(
        names.map((n) => {
          const path = base === '' ? n : `${base === '/' ? '' : base}/${n}`;
          if (long && isDirectory(ctx.rt, path)) return `drwxr-xr-x 2 root root 4096 ${now} ${n}`;
          return fileLine(n, path);
        }),
      );
    });
    return status;
  },
});
