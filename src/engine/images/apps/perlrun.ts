/**
 * Running a parsed Perl program (see perlscript.ts): values, numeric and string conversions with perl's
 * warnings under -w, printing with `$\` (-l), `bpi` from bignum (π computed exactly, taking CPU time), and the
 * runtime errors perl dies with (exit 255).
 */
import type { Gen } from '../shell/run.ts';
import { piDigits } from './pi.ts';
import type { Expr, PerlValue, Stmt } from './perlscript.ts';

export interface PerlEnv {
  /** Program name in messages: `-e` or the script path. */
  name: string;
  warn: boolean;
  /** `$\`: appended after every print (-l sets it to "\n"). */
  ors: string;
  /** Functions imported by `use`/-M (`bpi` from bignum). */
  imports: Set<string>;
  /** Modules loaded (for `Math::BigFloat->bpi`). */
  modules: Set<string>;
  /** perl version as `5.34.0`. */
  version: string;
  out(text: string): void;
  err(text: string): void;
  /** Time passes (ms) while perl computes; a no-op under `kubectl exec`. */
  cpu(ms: number): Gen;
  vars: Map<string, PerlValue>;
}

/** A runtime die: message and exit code 255. */
export class PerlDie extends Error {}
export class PerlExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const opNames: Record<string, string> = {
  '+': 'addition (+)',
  '-': 'subtraction (-)',
  '*': 'multiplication (*)',
  '/': 'division (/)',
  '%': 'modulus (%)',
  '**': 'exponentiation (**)',
  x: 'repeat (x)',
  neg: 'negation (-)',
};

/** Perl's default number format (%.15g). */
export function perlNum(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  let s = n.toPrecision(15);
  if (s.includes('e')) {
    const [m, e] = s.split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const exp = parseInt(e, 10);
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

function numify(env: PerlEnv, v: PerlValue, line: number, op: string, what: string): number {
  if (typeof v === 'number') return v;
  if (v === undefined) {
    if (env.warn) env.err(`Use of uninitialized value${what ? ` ${what}` : ''} in ${opNames[op] ?? op} at ${env.name} line ${line}.\n`);
    return 0;
  }
  const m = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(v);
  if (!m || m[0].length !== v.trimEnd().length) {
    if (env.warn) env.err(`Argument "${v}" isn't numeric in ${opNames[op] ?? op} at ${env.name} line ${line}.\n`);
  }
  return m ? parseFloat(m[0]) : 0;
}

function stringify(env: PerlEnv, v: PerlValue, line: number, context: string, what: string): string {
  if (v === undefined) {
    if (env.warn) env.err(`Use of uninitialized value${what ? ` ${what}` : ''} in ${context} at ${env.name} line ${line}.\n`);
    return '';
  }
  return typeof v === 'number' ? perlNum(v) : v;
}

const varLabel = (e: Expr): string => (e.k === 'var' ? e.name : '');

function* callFn(env: PerlEnv, name: string, args: Expr[], line: number): Generator<import('../shell/run.ts').Effect, PerlValue, void> {
  const vals: PerlValue[] = [];
  for (const a of args) vals.push(yield* evaluate(env, a, line));
  const s = (i: number) => stringify(env, vals[i], line, name, varLabel(args[i] ?? { k: 'lit', v: '' }));
  switch (name) {
    case 'length': return vals[0] === undefined ? undefined : s(0).length;
    case 'uc': return s(0).toUpperCase();
    case 'lc': return s(0).toLowerCase();
    case 'ucfirst': return s(0).charAt(0).toUpperCase() + s(0).slice(1);
    case 'lcfirst': return s(0).charAt(0).toLowerCase() + s(0).slice(1);
    case 'abs': return Math.abs(numify(env, vals[0], line, 'abs', ''));
    case 'int': return Math.trunc(numify(env, vals[0], line, 'int', ''));
    case 'sqrt': {
      const n = numify(env, vals[0], line, 'sqrt', '');
      if (n < 0) throw new PerlDie(`Can't take sqrt of ${perlNum(n)} at ${env.name} line ${line}.`);
      return Math.sqrt(n);
    }
  }
  if (name === 'bpi' && env.imports.has('bpi')) return yield* bpi(env, vals[0], line);
  throw new PerlDie(`Undefined subroutine &main::${name} called at ${env.name} line ${line}.`);
}

/** bignum's bpi(N): π to N significant digits (40 by default), after the CPU time the pure-Perl Math::BigFloat needs. */
function* bpi(env: PerlEnv, arg: PerlValue, line: number): Generator<import('../shell/run.ts').Effect, PerlValue, void> {
  const n = arg === undefined ? 40 : Math.trunc(numify(env, arg, line, 'bpi', ''));
  yield* env.cpu(20 + Math.round((n * n) / 1100));
  // Math::BigInt::Calc in perl 5.36.0 dies on large bpi() (the Job example needed perl:5.34.0 then).
  if (env.version.startsWith('5.36.') && n > 1000) {
    throw new PerlDie(`Can't use an undefined value as an ARRAY reference at /usr/local/lib/perl5/${env.version}/Math/BigInt/Calc.pm line 1049.`);
  }
  return piDigits(n);
}

export function* evaluate(env: PerlEnv, e: Expr, line: number): Generator<import('../shell/run.ts').Effect, PerlValue, void> {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'var':
      return e.name === '$0' ? env.name : env.vars.get(e.name);
    case 'interp': {
      let out = '';
      for (const p of e.parts) {
        if (typeof p === 'string') out += p;
        else if ('scalar' in p) out += stringify(env, env.vars.get(`$${p.scalar}`), line, 'concatenation (.) or string', `$${p.scalar}`);
      }
      return out;
    }
    case 'neg': {
      const v = yield* evaluate(env, e.a, line);
      return typeof v === 'string' && /^[A-Za-z_]/.test(v) ? `-${v}` : -numify(env, v, line, 'neg', varLabel(e.a));
    }
    case 'bin': {
      const a = yield* evaluate(env, e.a, line);
      const b = yield* evaluate(env, e.b, line);
      if (e.op === '.') return stringify(env, a, line, 'concatenation (.) or string', varLabel(e.a)) + stringify(env, b, line, 'concatenation (.) or string', varLabel(e.b));
      if (e.op === 'x') {
        const n = Math.max(0, Math.trunc(numify(env, b, line, 'x', varLabel(e.b))));
        return stringify(env, a, line, 'repeat (x)', varLabel(e.a)).repeat(Math.min(n, 1_000_000));
      }
      const x = numify(env, a, line, e.op, varLabel(e.a));
      const y = numify(env, b, line, e.op, varLabel(e.b));
      switch (e.op) {
        case '+': return x + y;
        case '-': return x - y;
        case '*': return x * y;
        case '**': return x ** y;
        case '/':
          if (y === 0) throw new PerlDie(`Illegal division by zero at ${env.name} line ${line}.`);
          return x / y;
        case '%': {
          const yi = Math.trunc(y);
          if (yi === 0) throw new PerlDie(`Illegal modulus zero at ${env.name} line ${line}.`);
          const r = Math.trunc(x) % yi;
          return r !== 0 && (r < 0) !== (yi < 0) ? r + yi : r;
        }
      }
      throw new PerlDie(`syntax error at ${env.name} line ${line}`);
    }
    case 'call':
      return yield* callFn(env, e.name, e.args, line);
    case 'method': {
      if (e.pkg === 'Math::BigFloat' && e.name === 'bpi' && env.modules.has('Math::BigFloat')) {
        const vals: PerlValue[] = [];
        for (const a of e.args) vals.push(yield* evaluate(env, a, line));
        return yield* bpi(env, vals[0], line);
      }
      throw new PerlDie(`Can't locate object method "${e.name}" via package "${e.pkg}" (perhaps you forgot to load "${e.pkg}"?) at ${env.name} line ${line}.`);
    }
  }
}

/** sprintf for the conversions one-liners use: %s %d %i %f %e %g %x %X %o %c %%, with flags, width and precision. */
export function perlSprintf(fmt: string, args: string[]): string {
  let i = 0;
  return fmt.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdifeEgGxXoc%])/g, (_all, flags: string, width: string, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const arg = args[i++] ?? '';
    const n = parseFloat(arg) || 0;
    let s: string;
    switch (conv) {
      case 's': s = prec !== undefined ? arg.slice(0, parseInt(prec, 10)) : arg; break;
      case 'd': case 'i': s = String(Math.trunc(n)); break;
      case 'f': s = n.toFixed(prec !== undefined ? parseInt(prec, 10) : 6); break;
      case 'e': case 'E': s = n.toExponential(prec !== undefined ? parseInt(prec, 10) : 6).replace(/e([+-])(\d)$/, 'e$10$2'); break;
      case 'g': case 'G': s = perlNum(Number(n.toPrecision(prec !== undefined ? Math.max(1, parseInt(prec, 10)) : 6))); break;
      case 'x': s = Math.trunc(n).toString(16); break;
      case 'X': s = Math.trunc(n).toString(16).toUpperCase(); break;
      case 'o': s = Math.trunc(n).toString(8); break;
      default: s = String.fromCharCode(Math.trunc(n));
    }
    if (conv === 'E' || conv === 'G') s = s.toUpperCase();
    if (flags.includes('+') && n >= 0 && 'dife'.includes(conv)) s = `+${s}`;
    const w = parseInt(width || '0', 10);
    if (s.length >= w) return s;
    if (flags.includes('-')) return s.padEnd(w);
    if (flags.includes('0') && conv !== 's') return s.startsWith('-') ? `-${s.slice(1).padStart(w - 1, '0')}` : s.padStart(w, '0');
    return s.padStart(w);
  });
}

/** Run statements in order; returns the exit status. */
export function* runPerl(env: PerlEnv, stmts: Stmt[]): Generator<import('../shell/run.ts').Effect, number, void> {
  for (const st of stmts) {
    switch (st.k) {
      case 'use':
        break;
      case 'assign':
        env.vars.set(st.name, yield* evaluate(env, st.value, st.line));
        break;
      case 'exit': {
        const v = st.code ? yield* evaluate(env, st.code, st.line) : 0;
        return Math.trunc(numify(env, v, st.line, 'exit', '')) & 255;
      }
      case 'expr':
        yield* evaluate(env, st.e, st.line);
        break;
      case 'print': {
        const vals: string[] = [];
        for (const a of st.args) vals.push(stringify(env, yield* evaluate(env, a, st.line), st.line, st.fn, varLabel(a)));
        if (st.args.length === 0 && st.fn !== 'printf') vals.push(stringify(env, env.vars.get('$_'), st.line, st.fn, '$_'));
        const write = st.fh === 'STDOUT' ? env.out : st.fh === 'STDERR' ? env.err : undefined;
        if (!write) {
          if (env.warn) env.err(`${st.fn}() on unopened filehandle ${st.fh} at ${env.name} line ${st.line}.\n`);
          break;
        }
        if (st.fn === 'printf') write(perlSprintf(vals[0] ?? '', vals.slice(1)));
        else if (st.fn === 'say') write(vals.join('') + '\n');
        else write(vals.join('') + env.ors);
        break;
      }
    }
  }
  return 0;
}
