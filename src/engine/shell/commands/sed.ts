// `sed` for the lab: `s/RE/REPLACEMENT/[g][i]` scripts (several with -e or `;`), `-i` to edit files in place,
// `-n` with `p`. Enough for one-line edits and non-interactive editors (`EDITOR="sed -i s/a/b/" kubectl edit`).
import { readFile, writeFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import type { CommandContext } from '../types.ts';

interface Subst {
  re: RegExp;
  replacement: string;
  print: boolean;
}

/** POSIX basic regular expression → JavaScript: `\(` `\)` `\{` `\}` `\+` `\?` `\|` are the operators. */
function breToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      out += '(){}+?|'.includes(n) ? n : `\\${n}`;
    } else out += '(){}+?|'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

function parseScript(script: string, extended: boolean): Subst[] | string {
  const out: Subst[] = [];
  let i = 0;
  while (i < script.length) {
    while (script[i] === ';' || script[i] === ' ' || script[i] === '\n') i++;
    if (i >= script.length) break;
    if (script[i] !== 's') return `unknown command: \`${script[i]}'`;
    const delim = script[i + 1];
    if (!delim) return 'unterminated `s\' command';
    const parts: string[] = [];
    let cur = '';
    let j = i + 2;
    for (; j < script.length && parts.length < 2; j++) {
      const c = script[j];
      if (c === '\\' && script[j + 1] === delim) {
        cur += delim;
        j++;
      } else if (c === delim) {
        parts.push(cur);
        cur = '';
      } else cur += c;
    }
    if (parts.length < 2) return 'unterminated `s\' command';
    let flags = '';
    while (j < script.length && /[gpiI0-9]/.test(script[j])) flags += script[j++];
    i = j;
    const js = extended ? parts[0] : breToJs(parts[0]);
    const replacement = parts[1].replace(/\\(\d)/g, '$$$1').replace(/(^|[^\\])&/g, '$1$$&').replace(/\\&/g, '&').replace(/\\n/g, '\n');
    try {
      out.push({ re: new RegExp(js, (flags.includes('g') ? 'g' : '') + (/[iI]/.test(flags) ? 'i' : '')), replacement, print: flags.includes('p') });
    } catch {
      return `-e expression #1, char ${j}: Invalid preceding regular expression`;
    }
  }
  return out;
}

function apply(text: string, subs: Subst[], quiet: boolean): string {
  const trailing = text.endsWith('\n');
  const lines = (trailing ? text.slice(0, -1) : text).split('\n');
  let out = '';
  if (text === '') return '';
  for (let line of lines) {
    for (const s of subs) {
      s.re.lastIndex = 0;
      if (s.re.test(line)) {
        s.re.lastIndex = 0;
        line = line.replace(s.re, s.replacement);
        if (s.print) out += `${line}\n`;
      }
    }
    if (!quiet) out += `${line}\n`;
  }
  return trailing ? out : out.replace(/\n$/, '');
}

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let inPlace = false;
  let quiet = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-i' || a === '--in-place') inPlace = true;
    else if (a === '-n' || a === '--quiet') quiet = true;
    else if (a === '-E' || a === '-r') extended = true;
    else if (a === '-e') scripts.push(args[++i] ?? '');
    else if (a.startsWith('-') && a.length > 1) {
      ctx.err(`sed: invalid option -- '${a.slice(1)}'\n`);
      return 1;
    } else files.push(a);
  }
  if (scripts.length === 0) {
    const s = files.shift();
    if (s === undefined) {
      ctx.err('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
      return 1;
    }
    scripts.push(s);
  }
  const subs = parseScript(scripts.join('\n'), extended);
  if (typeof subs === 'string') {
    ctx.err(`sed: -e expression #1, char ${scripts.join('\n').length}: ${subs}\n`);
    return 1;
  }
  if (files.length === 0) {
    if (inPlace) {
      ctx.err('sed: no input files\n');
      return 1;
    }
    ctx.out(apply(ctx.stdin, subs, quiet));
    return 0;
  }
  let code = 0;
  for (const f of files) {
    const text = readFile(ctx.rt, f);
    if (text === undefined) {
      ctx.err(`sed: can't read ${f}: No such file or directory\n`);
      code = 2;
      continue;
    }
    const out = apply(text, subs, quiet);
    if (inPlace) writeFile(ctx.rt, f, out);
    else ctx.out(out);
  }
  return code;
}

registerShellCommand({ name: 'sed', synopsis: 'sed [-n] [-i] [-E] [-e SCRIPT]... [SCRIPT] [FILE]...', run });
