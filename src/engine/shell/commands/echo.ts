import { registerShellCommand } from './registry.ts';

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Interpret `echo -e` escapes. Returns the text and whether `\c` asked to stop all further output. */
export function interpretEscapes(s: string): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[i + 1];
    if (n === 'c') return { text, stop: true };
    if (n in ESCAPES) {
      text += ESCAPES[n];
      i++;
    } else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 2))![0];
      text += String.fromCharCode(parseInt(m || '0', 8));
      i += 1 + m.length;
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))![0];
      text += String.fromCharCode(parseInt(m, 16));
      i += 1 + m.length;
    } else text += c;
  }
  return { text, stop: false };
}

registerShellCommand({
  name: 'echo',
  synopsis: 'echo [-neE] [arg ...]',
  run: (ctx) => {
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    // Like bash's builtin: leading words made only of n, e, E after a dash are options; anything else is text.
    while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
      for (const f of args.shift()!.slice(1)) {
        if (f === 'n') newline = false;
        else escapes = f === 'e';
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const r = interpretEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    ctx.out(newline ? text + '\n' : text);
    return 0;
  },
});
