import { isDirectory, readFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import { splitLines, tryHelp } from './text.ts';

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

function usage(): string {
  return `Usage: grep [OPTION]... PATTERNS [FILE]...\n${tryHelp('grep')}`;
}

registerShellCommand({
  name: 'grep',
  synopsis: 'grep [-icvEFnqwol] [-e PATTERN] PATTERN [FILE]...',
  run: (ctx) => {
    const o: GrepOptions = { ignoreCase: false, invert: false, count: false, extended: false, fixed: false, lineNumbers: false, quiet: false, word: false, onlyMatching: false, filesWithMatches: false };
    const patterns: string[] = [];
    const operands: string[] = [];
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
      } else if (a.startsWith('-') && a.length > 1) {
        for (const l of a.slice(1)) {
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
    const prefixNames = files.length > 1;
    let matched = false;
    let error = false;
    for (const f of files) {
      const name = f === '-' ? '(standard input)' : f;
      let text: string | undefined;
      if (f === '-') text = ctx.stdin;
      else if (isDirectory(ctx.rt, f)) {
        ctx.err(`grep: ${f}: Is a directory\n`);
        error = true;
        continue;
      } else text = readFile(ctx.rt, f);
      if (text === undefined) {
        ctx.err(`grep: ${f}: No such file or directory\n`);
        error = true;
        continue;
      }
      let count = 0;
      const prefix = (n: number) => `${prefixNames ? name + ':' : ''}${o.lineNumbers ? n + ':' : ''}`;
      splitLines(text).forEach((line, idx) => {
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
  },
});
