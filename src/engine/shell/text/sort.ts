import { linesOf, tryHelpText, type TextTool } from './tool.ts';

interface SortKey {
  start: number;
  end?: number;
  numeric: boolean;
  reverse: boolean;
}

/** The leading number of a string as `sort -n` reads it (blanks, sign, digits, one dot); none is 0. */
function numericValue(s: string): number {
  const m = /^\s*(-?(\d+\.?\d*|\.\d+))/.exec(s);
  return m ? Number(m[1]) : 0;
}

function fields(line: string, sep: string | undefined): string[] {
  if (sep !== undefined) return line.split(sep);
  // Without -t a field is a run of blanks followed by non-blanks (the leading blanks belong to it).
  return line.match(/\s*\S+/g) ?? [''];
}

function keyText(line: string, k: SortKey, sep: string | undefined): string {
  const f = fields(line, sep);
  return f.slice(k.start - 1, k.end ?? f.length).join(sep ?? '');
}

/**
 * GNU sort over stdin or files, comparing bytes (the C locale): `-n`, `-r`, `-u`, `-f`, `-k N[,M][n][r]`,
 * `-t SEP`. Lines equal by their keys fall back to a whole-line byte comparison (reversed by -r), as GNU does.
 */
export const sort: TextTool = (io) => {
  let numeric = false;
  let reverse = false;
  let unique = false;
  let fold = false;
  let sep: string | undefined;
  const keys: SortKey[] = [];
  const files: string[] = [];
  const args = io.argv.slice(1);
  const addKey = (spec: string): boolean => {
    const m = /^(\d+)(?:\.\d+)?([a-zA-Z]*)(?:,(\d+)(?:\.\d+)?([a-zA-Z]*))?$/.exec(spec);
    if (!m || m[1] === '0') {
      io.err(`sort: invalid number at field start: invalid count at start of ‘${spec}’\n`);
      return false;
    }
    const opts = (m[2] ?? '') + (m[4] ?? '');
    keys.push({ start: Number(m[1]), end: m[3] ? Number(m[3]) : undefined, numeric: opts.includes('n'), reverse: opts.includes('r') });
    return true;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--numeric-sort') numeric = true;
    else if (a === '--reverse') reverse = true;
    else if (a === '--unique') unique = true;
    else if (a.startsWith('--key=')) {
      if (!addKey(a.slice(6))) return 2;
    } else if (a.startsWith('--field-separator=')) sep = a.slice(18);
    else if (a.startsWith('--')) {
      io.err(`sort: unrecognized option '${a}'\n${tryHelpText('sort')}`);
      return 2;
    } else if (a.startsWith('-') && a.length > 1) {
      const letters = a.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const l = letters[k];
        if (l === 'k' || l === 't') {
          const v = k + 1 < letters.length ? letters.slice(k + 1) : args[++i];
          if (v === undefined) {
            io.err(`sort: option requires an argument -- '${l}'\n${tryHelpText('sort')}`);
            return 2;
          }
          if (l === 't') sep = v;
          else if (!addKey(v)) return 2;
          break;
        }
        if (l === 'n') numeric = true;
        else if (l === 'r') reverse = true;
        else if (l === 'u') unique = true;
        else if (l === 'f') fold = true;
        else if (l === 'b' || l === 's') continue;
        else {
          io.err(`sort: invalid option -- '${l}'\n${tryHelpText('sort')}`);
          return 2;
        }
      }
    } else files.push(a);
  }
  let lines: string[] = [];
  for (const f of files.length > 0 ? files : ['-']) {
    const content = f === '-' ? io.stdin : io.read(f);
    if (content === undefined || content === 'dir') {
      io.err(content === 'dir' ? `sort: read failed: ${f}: Is a directory\n` : `sort: cannot read: ${f}: No such file or directory\n`);
      return 2;
    }
    lines = lines.concat(linesOf(content));
  }
  const byteCmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const textCmp = (x: string, y: string) => (fold ? byteCmp(x.toUpperCase(), y.toUpperCase()) : byteCmp(x, y));
  const allKeys: SortKey[] = keys.length > 0 ? keys : [{ start: 1, numeric: false, reverse: false }];
  const keyCmp = (x: string, y: string): number => {
    for (const k of allKeys) {
      const kx = keys.length > 0 ? keyText(x, k, sep) : x;
      const ky = keys.length > 0 ? keyText(y, k, sep) : y;
      const c = k.numeric || numeric ? numericValue(kx) - numericValue(ky) : textCmp(kx, ky);
      if (c !== 0) return (k.reverse !== reverse ? -1 : 1) * Math.sign(c);
    }
    return 0;
  };
  const sorted = [...lines].sort((x, y) => keyCmp(x, y) || (unique ? 0 : (reverse ? -1 : 1) * byteCmp(x, y)));
  const out = unique ? sorted.filter((l, i) => i === 0 || keyCmp(sorted[i - 1], l) !== 0) : sorted;
  io.out(out.map((l) => l + '\n').join(''));
  return 0;
};
