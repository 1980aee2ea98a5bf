// Small pieces of Go behaviour the create generators depend on: strconv integer parsing and the panic an
// out-of-range slice index causes in kubectl's own code.
import type { KubectlContext } from '../command.ts';
import { FlagError } from '../flags.ts';

/**
 * A Go runtime panic inside kubectl: printed as `panic: runtime error: ...` followed by the goroutine
 * header and the panicking function, with exit code 2 (the rest of Go's stack trace is not reproduced).
 */
export class GoPanic extends Error {
  constructor(
    message: string,
    readonly func: string,
  ) {
    super(message);
  }

  text(): string {
    return `panic: runtime error: ${this.message}\n\ngoroutine 1 [running]:\nk8s.io/kubectl/pkg/cmd/create.${this.func}(...)\n`;
  }
}

/** `parts[i]` as Go indexes a slice: out of range panics. */
export function goIndex(parts: string[], i: number, func: string): string {
  if (i >= parts.length) throw new GoPanic(`index out of range [${i}] with length ${parts.length}`, func);
  return parts[i];
}

/** Run a command body, turning a GoPanic into kubectl's panic output and exit code 2. */
export function withPanics(ctx: KubectlContext, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (!(e instanceof GoPanic)) throw e;
    ctx.err(e.text());
    return 2;
  }
}

const int32Min = -(2 ** 31);
const int32Max = 2 ** 31 - 1;

/** intstr.Parse's strconv.ParseInt(s, 10, 32): the number, or undefined when it is a name. */
export function parseInt32Port(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n < int32Min || n > int32Max ? undefined : n;
}

/** Go's underscoreOK: underscores only between digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * pflag's Int32 flag: strconv.ParseInt(s, 0, 32) — base prefixes 0x, 0o, 0b and a leading 0 for octal,
 * underscores between digits. Throws pflag's FlagError text on bad input.
 */
export function parseInt32Flag(flag: string, s: string): number {
  const fail = (why: string) => new FlagError(`invalid argument "${s}" for "${flag}" flag: strconv.ParseInt: parsing "${s}": ${why}`);
  let rest = s;
  let neg = false;
  if (rest.startsWith('+') || rest.startsWith('-')) {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  let base = 10;
  if (rest.length > 1 && rest[0] === '0') {
    const p = rest[1].toLowerCase();
    if (p === 'x' || p === 'b' || p === 'o') {
      base = p === 'x' ? 16 : p === 'b' ? 2 : 8;
      rest = rest.slice(2);
    } else {
      base = 8;
      rest = rest.slice(1);
    }
  }
  const digits = rest.replace(/_/g, '');
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^\d+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (digits === '' || !valid.test(digits) || (rest.includes('_') && !underscoreOK(s))) throw fail('invalid syntax');
  let v = 0n;
  for (const c of digits) v = v * BigInt(base) + BigInt(parseInt(c, 16));
  if (neg) v = -v;
  if (v < BigInt(int32Min) || v > BigInt(int32Max)) throw fail('value out of range');
  return Number(v);
}
