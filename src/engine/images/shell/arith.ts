/** An error `sh` reports while running a script (arithmetic): printed as `sh: MESSAGE`, status 2. */
export class ShSyntaxError extends Error {}

/** `$(( ))`: integers with + - * / % and parentheses, variables by name (`vars`). */
export function arith(vars: ReadonlyMap<string, string>, expr: string): number {
  const src = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_, v: string) => String(parseInt(vars.get(v) ?? '0', 10) || 0));
  if (!/^[\d\s+\-*/%()]*$/.test(src)) throw new ShSyntaxError(`arithmetic syntax error`);
  let i = 0;
  const s = src.replace(/\s+/g, '');
  const num = (): number => {
    if (s[i] === '(') {
      i++;
      const v = sum();
      i++;
      return v;
    }
    if (s[i] === '-') {
      i++;
      return -num();
    }
    const m = /^\d+/.exec(s.slice(i));
    if (!m) throw new ShSyntaxError('arithmetic syntax error');
    i += m[0].length;
    return parseInt(m[0], 10);
  };
  const prod = (): number => {
    let v = num();
    while (s[i] === '*' || s[i] === '/' || s[i] === '%') {
      const op = s[i++];
      const r = num();
      if (op !== '*' && r === 0) throw new ShSyntaxError('divide by zero');
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = prod();
    while (s[i] === '+' || s[i] === '-') {
      const op = s[i++];
      const r = prod();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  return s ? sum() : 0;
}
