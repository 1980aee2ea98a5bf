// `cut -f LIST [-d DELIM] [-s]` and `cut -c LIST` (GNU coreutils): fields or characters of each line.
import { readFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import type { CommandContext } from '../types.ts';

type Range = [number, number];

/** A LIST (`1,3-5,7-`) as 1-based inclusive ranges; undefined when malformed. */
function parseList(list: string): Range[] | undefined {
  const out: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)-?(\d*)$/.exec(part);
    if (!m || part === '' || part === '-') return undefined;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = part.includes('-') ? (m[2] ? Number(m[2]) : Infinity) : lo;
    if (lo < 1) return undefined;
    out.push([lo, hi]);
  }
  return out;
}

const selected = (ranges: Range[], i: number) => ranges.some(([lo, hi]) => i >= lo && i <= hi);

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let fields: string | undefined;
  let chars: string | undefined;
  let delim = '\t';
  let onlyDelimited = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => (a.length > 2 ? a.slice(2) : args[++i]);
    if (a.startsWith('-f')) fields = value();
    else if (a.startsWith('-c') || a.startsWith('-b')) chars = value();
    else if (a.startsWith('-d')) delim = value() ?? '';
    else if (a === '-s') onlyDelimited = true;
    else if (a.startsWith('--fields=')) fields = a.slice(9);
    else if (a.startsWith('--delimiter=')) delim = a.slice(12);
    else if (a.startsWith('-') && a !== '-') {
      ctx.err(`cut: invalid option -- '${a.slice(1, 2)}'\nTry 'cut --help' for more information.\n`);
      return 1;
    } else files.push(a);
  }
  if (fields === undefined && chars === undefined) {
    ctx.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  if (delim.length !== 1) {
    ctx.err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const ranges = parseList((fields ?? chars)!);
  if (!ranges) {
    ctx.err(`cut: invalid field range\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  let code = 0;
  for (const f of files.length ? files : ['-']) {
    const text = f === '-' ? ctx.stdin : readFile(ctx.rt, f);
    if (text === undefined) {
      ctx.err(`cut: ${f}: No such file or directory\n`);
      code = 1;
      continue;
    }
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text === '' ? [] : text.split('\n');
    for (const line of lines) {
      if (chars !== undefined) {
        ctx.out(`${[...line].filter((_, i) => selected(ranges, i + 1)).join('')}\n`);
        continue;
      }
      if (!line.includes(delim)) {
        if (!onlyDelimited) ctx.out(`${line}\n`);
        continue;
      }
      ctx.out(`${line.split(delim).filter((_, i) => selected(ranges, i + 1)).join(delim)}\n`);
    }
  }
  return code;
}

registerShellCommand({ name: 'cut', synopsis: 'cut -f LIST [-d DELIM] [-s] | -c LIST [FILE]...', run });
