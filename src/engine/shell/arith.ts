/**
 * Shell arithmetic, `$(( expr ))`, as bash evaluates it: 64-bit-ish integers (JavaScript numbers truncated),
 * decimal, 0x hex and leading-0 octal constants, variables by name (unset or empty is 0, a value that is an
 * expression is evaluated), `+ - * / % **`, comparisons, `&& || !`, bitwise `& | ^ ~ << >>`, `?:`, and the
 * assignments `= += -= *= /= %=`. Errors carry bash's message (`division by 0 (error token is "0")`).
 */
export class ArithError extends Error {}

type Vars = { get(name: string): string | undefined; set(name: string, value: string): void };

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[+\-*/%]=|[-+*/%()<>!~&|^?:=])/y;

export function evalArith(expr: string, vars: Vars, depth = 0): number {
  const toks: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  const src = expr.trimEnd();
  while (pos < src.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new ArithError(`${expr.trim()}: syntax error: invalid arithmetic operator (error token is "${src.slice(pos).trim()}")`);
    toks.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  const rest = () => toks.slice(i).join(' ');
  const fail = (): never => {
    throw new ArithError(`${expr.trim()}: syntax error: operand expected (error token is "${rest() || toks[toks.length - 1] || ''}")`);
  };
  const varValue = (name: string): number => {
    const v = vars.get(name) ?? '';
    if (v.trim() === '') return 0;
    if (/^\s*-?\d+\s*$/.test(v)) return parseInt(v, 10);
    if (depth > 10) throw new ArithError(`${v}: expression recursion level exceeded`);
    return evalArith(v, vars, depth + 1);
  };
  const constant = (t: string): number => {
    if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
    if (/^0\d/.test(t)) {
      if (/[89]/.test(t)) throw new ArithError(`${t}: value too great for base (error token is "${t}")`);
      return parseInt(t, 8);
    }
    return parseInt(t, 10);
  };
  const primary = (): number => {
    const t = toks[i];
    if (t === undefined) return fail();
    if (t === '(') {
      i++;
      const v = assign();
      if (toks[i] !== ')') throw new ArithError(`${expr.trim()}: missing \`)' (error token is "${rest()}")`);
      i++;
      return v;
    }
    if (t === '-' || t === '+') {
      i++;
      const v = unary();
      return t === '-' ? -v : v;
    }
    if (/^\d/.test(t)) {
      i++;
      return constant(t);
    }
    if (/^[A-Za-z_]/.test(t)) {
      i++;
      return varValue(t);
    }
    return fail();
  };
  const unary = (): number => {
    const t = toks[i];
    if (t === '!') {
      i++;
      return unary() === 0 ? 1 : 0;
    }
    if (t === '~') {
      i++;
      return ~unary();
    }
    return primary();
  };
  const power = (): number => {
    const base = unary();
    if (toks[i] === '**') {
      i++;
      const e = power();
      if (e < 0) throw new ArithError(`${expr.trim()}: exponent less than 0 (error token is "${e}")`);
      return Math.trunc(base ** e);
    }
    return base;
  };
  const binary = (ops: string[], next: () => number, apply: (op: string, a: number, b: number) => number) => (): number => {
    let v = next();
    while (toks[i] !== undefined && ops.includes(toks[i])) {
      const op = toks[i++];
      v = apply(op, v, next());
    }
    return v;
  };
  const divide = (op: string, a: number, b: number): number => {
    if (b === 0) throw new ArithError(`${expr.trim()}: division by 0 (error token is "${toks[i - 1] ?? '0'}")`);
    return op === '/' ? Math.trunc(a / b) : a % b;
  };
  const mul = binary(['*', '/', '%'], power, (op, a, b) => (op === '*' ? a * b : divide(op, a, b)));
  const add = binary(['+', '-'], mul, (op, a, b) => (op === '+' ? a + b : a - b));
  const shift = binary(['<<', '>>'], add, (op, a, b) => (op === '<<' ? a << b : a >> b));
  const rel = binary(['<', '<=', '>', '>='], shift, (op, a, b) => Number(op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b));
  const eq = binary(['==', '!='], rel, (op, a, b) => Number(op === '==' ? a === b : a !== b));
  const band = binary(['&'], eq, (_, a, b) => a & b);
  const bxor = binary(['^'], band, (_, a, b) => a ^ b);
  const bor = binary(['|'], bxor, (_, a, b) => a | b);
  const land = binary(['&&'], bor, (_, a, b) => Number(a !== 0 && b !== 0));
  const lor = binary(['||'], land, (_, a, b) => Number(a !== 0 || b !== 0));
  const cond = (): number => {
    const c = lor();
    if (toks[i] !== '?') return c;
    i++;
    const a = assign();
    if (toks[i] !== ':') return fail();
    i++;
    const b = cond();
    return c !== 0 ? a : b;
  };
  function assign(): number {
    const t = toks[i];
    const op = toks[i + 1];
    if (t !== undefined && /^[A-Za-z_]/.test(t) && op !== undefined && /^[+\-*/%]?=$/.test(op)) {
      i += 2;
      const r = assign();
      const v = op === '=' ? r : op === '+=' ? varValue(t) + r : op === '-=' ? varValue(t) - r : op === '*=' ? varValue(t) * r : divide(op[0], varValue(t), r);
      vars.set(t, String(v));
      return v;
    }
    return cond();
  }
  if (toks.length === 0) return 0;
  const v = assign();
  if (i < toks.length) fail();
  return v;
}
