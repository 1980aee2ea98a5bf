/**
 * The small part of Perl 5 the lab runs: one-liners made of `print`/`say`/`printf` (to STDOUT or STDERR),
 * scalar assignments, `exit`, `use MODULE`, string and number expressions (`.`, `x`, + - * / % **), double-
 * quoted interpolation of scalars, a few builtins and `bpi` from bignum. Parsing happens before anything
 * runs, as perl compiles first: a syntax error prints nothing else. Messages follow perl 5.34–5.40.
 */

export type PerlValue = string | number | undefined;

type Tok = (
  | { t: 'num'; v: number }
  | { t: 'str'; v: string; q: '"' | "'" }
  | { t: 'var'; v: string }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'eof' }
) & { at: number; end: number };

export type Expr =
  | { k: 'lit'; v: PerlValue }
  | { k: 'interp'; parts: Array<string | { scalar: string } | { array: string }> }
  | { k: 'var'; name: string }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'neg'; a: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'method'; name: string; pkg: string; args: Expr[] };

export type Stmt = (
  | { k: 'print'; fn: 'print' | 'say' | 'printf'; fh: string; args: Expr[] }
  | { k: 'assign'; name: string; value: Expr; my: boolean }
  | { k: 'exit'; code?: Expr }
  | { k: 'use'; module: string; args: string[] }
  | { k: 'expr'; e: Expr }
) & { line: number };

export class PerlCompileError extends Error {}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const OPS = ['**', '=>', '->', '==', '!=', '<=', '>=', '&&', '||', '(', ')', ',', ';', '.', '+', '-', '*', '/', '%', '='];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const at = i;
    if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      const m = /^(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i))!;
      i += m[0].length;
      out.push({ t: 'num', v: parseFloat(m[0].replace(/_/g, '')), at, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          v += src[j] + src[j + 1];
          j += 2;
        } else v += src[j++];
      }
      if (j >= src.length) throw new PerlCompileError(`Can't find string terminator '${c}' anywhere before EOF at -e line 1.`);
      i = j + 1;
      out.push({ t: 'str', v, q: c, at, end: i });
      continue;
    }
    if ((c === '$' || c === '@') && /[A-Za-z_0]/.test(src[i + 1] ?? '')) {
      const m = /^[A-Za-z_]\w*(?:::\w+)*|^0/.exec(src.slice(i + 1))!;
      i += 1 + m[0].length;
      out.push({ t: 'var', v: c + m[0], at, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*(?:::\w+)*/.exec(src.slice(i))!;
      i += m[0].length;
      out.push({ t: 'id', v: m[0], at, end: i });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? (/[!-~]/.test(c) ? c : undefined);
    if (!op) throw new PerlCompileError(`Unrecognized character ${JSON.stringify(c).slice(1, -1)}; marked by <-- HERE after ${src.slice(Math.max(0, i - 10), i)}<-- HERE near column ${i + 1} at -e line 1.`);
    i += op.length;
    out.push({ t: 'op', v: op, at, end: i });
  }
  out.push({ t: 'eof', at: src.length, end: src.length });
  return out;
}

/** Double-quoted string: escapes and interpolated `$scalar` / `@array` names. */
function interpolate(raw: string): Expr {
  const parts: Array<string | { scalar: string } | { array: string }> = [];
  let cur = '';
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', e: '\x1b', a: '\x07' };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const n = raw[++i] ?? '';
      cur += esc[n] ?? n;
      continue;
    }
    const m = (c === '$' || c === '@') && /^\{?([A-Za-z_]\w*)\}?/.exec(raw.slice(i + 1));
    if (m) {
      if (cur) parts.push(cur);
      cur = '';
      parts.push(c === '$' ? { scalar: m[1] } : { array: m[1] });
      i += m[0].length;
      continue;
    }
    cur += c;
  }
  if (cur || parts.length === 0) parts.push(cur);
  return parts.length === 1 && typeof parts[0] === 'string' ? { k: 'lit', v: parts[0] } : { k: 'interp', parts };
}

function single(raw: string): string {
  return raw.replace(/\\([\\'])/g, '$1');
}

/** Parse a program into statements; throws PerlCompileError with perl's message. */
export function parsePerl(src: string, features: { say: boolean }): Stmt[] {
  const toks = tokenize(src);
  let p = 0;
  const peek = (o = 0): Tok => toks[Math.min(p + o, toks.length - 1)];
  const isOp = (v: string, o = 0) => peek(o).t === 'op' && (peek(o) as { v: string }).v === v;
  /** perl's `near "..."`: from the token before the offending one to the end of it. */
  const nearText = (i: number): string => src.slice(toks[Math.max(0, i - 1)].at, toks[i].end);
  const lineOf = (at: number): number => src.slice(0, at).split('\n').length;
  const near = (i: number): string =>
    toks[i].t === 'eof' ? `syntax error at -e line ${lineOf(src.trimEnd().length)}, at EOF` : `syntax error at -e line ${lineOf(toks[i].at)}, near "${nearText(i)}"`;
  const fail = (_t: Tok): never => {
    throw new PerlCompileError(near(Math.min(p, toks.length - 1)));
  };

  const primary = (): Expr => {
    const t = peek();
    if (t.t === 'num') {
      p++;
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'str') {
      p++;
      return t.q === '"' ? interpolate(t.v) : { k: 'lit', v: single(t.v) };
    }
    if (t.t === 'var') {
      p++;
      return { k: 'var', name: t.v };
    }
    if (isOp('(')) {
      p++;
      const e = expr();
      if (!isOp(')')) fail(peek());
      p++;
      return e;
    }
    if (t.t === 'id') {
      p++;
      if (isOp('(')) {
        p++;
        const args: Expr[] = [];
        while (!isOp(')')) {
          args.push(expr());
          if (isOp(',')) p++;
          else if (!isOp(')')) fail(peek());
        }
        p++;
        return { k: 'call', name: t.v, args };
      }
      const nx = peek();
      if (isOp('->') && peek(1).t === 'id') {
        const m = peek(1) as { v: string };
        p += 2;
        const args = isOp('(') ? list() : [];
        return { k: 'method', name: m.v, pkg: t.v, args };
      }
      if (nx.t === 'id') {
        // Indirect object syntax: `foo bar baz` is bar->foo(baz).
        p++;
        return { k: 'method', name: t.v, pkg: nx.v, args: list() };
      }
      if (nx.t === 'num' || nx.t === 'str' || nx.t === 'var') return { k: 'call', name: t.v, args: [unary()] };
      return { k: 'lit', v: t.v };
    }
    return fail(t);
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      p++;
      return { k: 'neg', a: unary() };
    }
    const base = primary();
    if (isOp('**')) {
      p++;
      return { k: 'bin', op: '**', a: base, b: unary() };
    }
    return base;
  };
  const mul = (): Expr => {
    let a = unary();
    for (;;) {
      const t = peek();
      const op = t.t === 'op' && ['*', '/', '%'].includes(t.v) ? t.v : t.t === 'id' && t.v === 'x' ? 'x' : undefined;
      if (!op) return a;
      p++;
      a = { k: 'bin', op, a, b: unary() };
    }
  };
  const expr = (): Expr => {
    let a = mul();
    for (;;) {
      const t = peek();
      if (t.t !== 'op' || !['+', '-', '.'].includes(t.v)) break;
      p++;
      a = { k: 'bin', op: t.v, a, b: mul() };
    }
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 'var') {
      const what = t.t === 'num' ? 'Number' : t.t === 'str' ? 'String' : 'Scalar';
      throw new PerlCompileError(
        `${what} found where operator expected at -e line ${lineOf(t.at)}, near "${nearText(p)}"\n\t(Missing operator before  ${src.slice(t.at, t.end)}?)\n${near(p)}`,
      );
    }
    return a;
  };
  const list = (): Expr[] => {
    const args: Expr[] = [];
    const paren = isOp('(');
    if (paren) p++;
    while (!(paren ? isOp(')') : isOp(';') || peek().t === 'eof' || isOp('}'))) {
      args.push(expr());
      if (isOp(',') || isOp('=>')) p++;
      else break;
    }
    if (paren) {
      if (!isOp(')')) fail(peek());
      p++;
    }
    return args;
  };

  const stmts: Stmt[] = [];
  while (peek().t !== 'eof') {
    if (isOp(';')) {
      p++;
      continue;
    }
    const t = peek();
    const line = lineOf(t.at);
    const push = (st: DistributiveOmit<Stmt, 'line'>) => stmts.push({ ...st, line } as Stmt);
    if (t.t === 'id' && (t.v === 'print' || t.v === 'printf' || (t.v === 'say' && features.say))) {
      p++;
      let fh = 'STDOUT';
      const n = peek();
      const after = peek(1);
      if (n.t === 'id' && (after.t === 'str' || after.t === 'num' || after.t === 'var' || after.t === 'eof' || isOp(';', 1))) {
        fh = n.v;
        p++;
      }
      push({ k: 'print', fn: t.v, fh, args: list() });
    } else if (t.t === 'id' && t.v === 'say') {
      const s = peek(1);
      if (s.t === 'str') {
        const text = `say ${s.q}${s.v}${s.q}`;
        throw new PerlCompileError(`String found where operator expected at -e line ${line}, near "${text}"\n\t(Do you need to predeclare say?)\nsyntax error at -e line ${line}, near "${text}"`);
      }
      p++;
      push({ k: 'expr', e: { k: 'call', name: 'say', args: list() } });
    } else if (t.t === 'id' && (t.v === 'use' || t.v === 'no')) {
      p++;
      const m = peek();
      if (m.t === 'num') {
        p++;
        if (m.v >= 5.01) features.say = true;
        push({ k: 'use', module: 'VERSION', args: [] });
      } else {
        if (m.t !== 'id') fail(m);
        p++;
        const args: string[] = [];
        while (!isOp(';') && peek().t !== 'eof') {
          const a = peek();
          if (a.t === 'str') args.push(a.v);
          else if (a.t === 'id' && a.v.startsWith('qw')) args.push(a.v);
          p++;
        }
        if ((m as { v: string }).v === 'feature' && args.some((a) => /\bsay\b/.test(a))) features.say = true;
        push({ k: 'use', module: (m as { v: string }).v, args });
      }
    } else if (t.t === 'id' && t.v === 'exit') {
      p++;
      push({ k: 'exit', code: isOp(';') || peek().t === 'eof' ? undefined : expr() });
    } else if ((t.t === 'id' && (t.v === 'my' || t.v === 'our') && peek(1).t === 'var') || (t.t === 'var' && isOp('=', 1))) {
      const my = t.t === 'id' && t.v === 'my';
      if (t.t === 'id') p++;
      const v = peek() as { v: string };
      p++;
      if (!isOp('=')) {
        push({ k: 'assign', name: v.v, value: { k: 'lit', v: undefined }, my });
      } else {
        p++;
        push({ k: 'assign', name: v.v, value: expr(), my });
      }
    } else {
      push({ k: 'expr', e: expr() });
    }
    if (!isOp(';') && peek().t !== 'eof') fail(peek());
  }
  return stmts;
}
