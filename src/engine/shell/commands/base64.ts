// `base64 [-d] [-i] [-w COLS] [FILE]` (GNU coreutils): encode to, or decode from, base64 — for reading Secrets'
// data (`kubectl get secret s -o jsonpath='{.data.password}' | base64 -d`).
import { readFile } from '../fs.ts';
import { registerShellCommand } from './registry.ts';
import type { CommandContext } from '../types.ts';

const ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

function encode(text: string, wrap: number): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  if (b64 === '') return '';
  if (wrap <= 0) return b64; // -w 0: one line, and GNU base64 adds no newline then
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += wrap) lines.push(b64.slice(i, i + wrap));
  return `${lines.join('\n')}\n`;
}

/** The decoded text and whether the input was valid; on invalid input GNU base64 still writes what decoded. */
function decode(text: string, ignoreGarbage: boolean): { out: string; ok: boolean } {
  let body = text.replace(/\n/g, '');
  if (ignoreGarbage) body = body.replace(/[^A-Za-z0-9+/=]/g, '');
  let ok = ALPHABET.test(body) && body.length % 4 === 0;
  if (!ok) {
    // Decode the longest valid prefix made of whole quanta, as coreutils does before reporting.
    const m = /^[A-Za-z0-9+/]*/.exec(body)![0];
    body = m.slice(0, m.length - (m.length % 4));
  }
  let bin: string;
  try {
    bin = atob(body);
  } catch {
    bin = '';
    ok = false;
  }
  const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  return { out: new TextDecoder().decode(bytes), ok };
}

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let decodeMode = false;
  let ignoreGarbage = false;
  let wrap = 76;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d' || a === '--decode') decodeMode = true;
    else if (a === '-i' || a === '--ignore-garbage') ignoreGarbage = true;
    else if (a === '-di' || a === '-id') decodeMode = ignoreGarbage = true;
    else if (a === '-w' || a.startsWith('-w') || a.startsWith('--wrap=')) {
      const v = a === '-w' ? args[++i] : a.startsWith('--wrap=') ? a.slice(7) : a.slice(2);
      if (v === undefined || !/^\d+$/.test(v)) {
        ctx.err(v === undefined ? "base64: option requires an argument -- 'w'\nTry 'base64 --help' for more information.\n" : `base64: invalid wrap size: '${v}'\n`);
        return 1;
      }
      wrap = Number(v);
    } else if (a.startsWith('-') && a !== '-') {
      ctx.err(`base64: invalid option -- '${a.replace(/^-+/, '').slice(0, 1)}'\nTry 'base64 --help' for more information.\n`);
      return 1;
    } else files.push(a);
  }
  if (files.length > 1) {
    ctx.err(`base64: extra operand '${files[1]}'\nTry 'base64 --help' for more information.\n`);
    return 1;
  }
  const f = files[0] ?? '-';
  const text = f === '-' ? ctx.stdin : readFile(ctx.rt, f);
  if (text === undefined) {
    ctx.err(`base64: ${f}: No such file or directory\n`);
    return 1;
  }
  if (!decodeMode) {
    ctx.out(encode(text, wrap));
    return 0;
  }
  const { out, ok } = decode(text, ignoreGarbage);
  ctx.out(out);
  if (ok) return 0;
  ctx.err('base64: invalid input\n');
  return 1;
}

registerShellCommand({ name: 'base64', synopsis: 'base64 [-d] [-i] [-w COLS] [FILE]', run });
