import { linesOf as splitLines, tryHelpText as tryHelp, type TextTool } from './tool.ts';

/**
 * Translate a POSIX basic regular expression to a JavaScript one: in a BRE `\(`, `\)`, `\{`, `\}`, `\|`,
 * `\+` and `\?` are the operators (GNU extensions included) and the bare characters are literal.
 */
export function basicToJs(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i];
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

interface GrepOptions {
  ignoreCase: boolean;
  invert: boolean;
  count: boolean;
  extended: boolean;
  fixed: boolean;
  lineNumbers: boolean;
  quiet: boolean;
  word: boolean;
  onlyMatching: boolean;
  filesWithMatches: boolean;
}

const FLAG_LETTERS: Record<string, keyof GrepOptions> = {
  i: 'ignoreCase', v: 'invert', c: 'count', E: 'extended', F: 'fixed', n: 'lineNumbers', q: 'quiet', w: 'word', o: 'onlyMatching', l: 'filesWithMatches',
};

function parseContext(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function usage(): string {
  return `Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`;
}

/**
 * GNU grep over stdin or files: BRE/ERE/fixed patterns, -i -v -c -n -q -w -o -l, -m N (stop after N
 * selected lines), -A/-B/-C context. Exit 0 when a line was selected, 1 when none, 2 on error.
 */
export const grep: TextTool = (ctx) => {
  const o: GrepOptions = { ignoreCase: false, invert: false, count: false, extended: false, fixed: false, lineNumbers: false, quiet: false, word: false, onlyMatching: false, filesWithMatches: false };
  const patterns: string[] = [];
  const operands: string[] = [];
  let after = 0;
  let before = 0;
  let withContext = false;
  let groupPrinted = false;
  let maxCount = Infinity;
  let names: boolean | undefined;
  const setMax = (text: string): boolean => {
    if (!/^\d+$/.test(text)) {
      ctx.err('grep: invalid max count\n');
      return false;
    }
    maxCount = Number(text);
    return true;
  };
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '-e') {
      if (i + 1 >= args.length) {
        ctx.err(`grep: option requires an argument -- 'e'\n${usage()}`);
        return 2;
      }
      patterns.push(args[++i]);
    } else if (/^--(after|before)?-?context=/.test(a)) {
      const n = parseContext(a.slice(a.indexOf('=') + 1));
      if (n === undefined) {
        ctx.err(`grep: ${a.slice(a.indexOf('=') + 1)}: invalid context length argument\n`);
        return 2;
      }
      if (!a.startsWith('--before')) after = n;
      if (!a.startsWith('--after')) before = n;
      withContext = true;
    } else if (a.startsWith('--max-count=')) {
      if (!setMax(a.slice(12))) return 2;
    } else if (a.startsWith('-') && a.length > 1) {
      const letters = a.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const l = letters[k];
        if (l === 'A' || l === 'B' || l === 'C') {
          // The length is the rest of this word, or the next argument.
          const text = k + 1 < letters.length ? letters.slice(k + 1) : args[++i];
          if (text === undefined) {
            ctx.err(`grep: option requires an argument -- '${l}'\n${usage()}`);
            return 2;
          }
          const n = parseContext(text);
          if (n === undefined) {
            ctx.err(`grep: ${text}: invalid context length argument\n`);
            return 2;
          }
          if (l !== 'B') after = n;
          if (l !== 'A') before = n;
          withContext = true;
          break;
        }
        if (l === 'm') {
          const text = k + 1 < letters.length ? letters.slice(k + 1) : args[++i];
          if (text === undefined) {
            ctx.err(`grep: option requires an argument -- 'm'\n${usage()}`);
            return 2;
          }
          if (!setMax(text)) return 2;
          break;
        }
        if (l === 'h' || l === 'H') {
          names = l === 'H';
          continue;
        }
        const key = FLAG_LETTERS[l];
        if (!key) {
          ctx.err(`grep: invalid option -- '${l}'\n${usage()}`);
          return 2;
        }
        o[key] = true;
      }
    } else operands.push(a);
  }
  if (patterns.length === 0) {
    if (operands.length === 0) {
      ctx.err(usage());
      return 2;
    }
    patterns.push(operands.shift()!);
  }
  let re: RegExp;
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => (o.fixed ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : o.extended ? p : basicToJs(p)));
    let src = sources.map((s) => `(?:${s})`).join('|');
    if (o.word) src = `(?<![\\w])(?:${src})(?![\\w])`;
    re = new RegExp(src, o.ignoreCase ? 'gi' : 'g');
  } catch {
    ctx.err('grep: Invalid regular expression\n');
    return 2;
  }
  const files = operands.length > 0 ? operands : ['-'];
  const prefixNames = names ?? files.length > 1;
  let matched = false;
  let error = false;
  for (const f of files) {
    const name = f === '-' ? '(standard input)' : f;
    const content = f === '-' ? ctx.stdin : ctx.read(f);
    if (content === 'dir') {
      ctx.err(`grep: ${f}: Is a directory\n`);
      error = true;
      continue;
    }
    const text = content;
    if (text === undefined) {
      ctx.err(`grep: ${f}: No such file or directory\n`);
      error = true;
      continue;
    }
    let count = 0;
    const prefix = (n: number, sep = ':') => `${prefixNames ? name + sep : ''}${o.lineNumbers ? n + sep : ''}`;
    const lines = splitLines(text);
    if (withContext && !o.quiet && !o.count && !o.filesWithMatches && !o.onlyMatching) {
      // GNU grep context: `-` after the name/number on context lines, `--` between separate groups.
      const hits = new Set<number>();
      lines.forEach((line, idx) => {
        re.lastIndex = 0;
        if (hits.size < maxCount && re.test(line) !== o.invert) hits.add(idx);
      });
      const shown = new Set<number>();
      for (const h of hits) for (let k = Math.max(0, h - before); k <= Math.min(lines.length - 1, h + after); k++) shown.add(k);
      let last = -1;
      for (const k of [...shown].sort((x, y) => x - y)) {
        if ((last >= 0 && k > last + 1) || (last < 0 && groupPrinted)) ctx.out('--\n');
        ctx.out(`${prefix(k + 1, hits.has(k) ? ':' : '-')}${lines[k]}\n`);
        last = k;
        groupPrinted = true;
      }
      if (hits.size > 0) matched = true;
      continue;
    }
    lines.forEach((line, idx) => {
      if (count >= maxCount) return;
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === o.invert) return;
      count++;
      matched = true;
      if (o.quiet || o.count || o.filesWithMatches) return;
      if (o.onlyMatching && !o.invert) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) ctx.out(`${prefix(idx + 1)}${m[0]}\n`);
      } else ctx.out(`${prefix(idx + 1)}${line}\n`);
    });
    if (o.quiet) continue;
    if (o.filesWithMatches && count > 0) ctx.out(`${name}\n`);
    else if (o.count) ctx.out(`${prefixNames ? name + ':' : ''}${count}\n`);
  }
  if (o.quiet && matched) return 0;
  return error ? 2 : matched ? 0 : 1;
  };
