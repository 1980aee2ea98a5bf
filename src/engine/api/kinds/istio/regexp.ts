/**
 * Go's regexp.Compile (RE2 syntax) error for a pattern, or undefined when it compiles: the messages Istio's
 * validation quotes ("error parsing regexp: missing closing ): `(abc`"). Covers RE2's common syntax errors:
 * unbalanced parentheses and brackets, repetition without an operand, nested repetition, bad escapes and
 * Perl syntax RE2 does not support (lookaround, backreferences).
 */
export function re2Error(re: string): string | undefined {
  const err = (code: string, arg: string) => `error parsing regexp: ${code}: \`${arg}\``;
  const depth: number[] = [];
  // lastAtom: whether a repeatable operand precedes; lastRep: whether the previous token was a repetition.
  let lastAtom = false;
  let lastRep = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      const n = re[i + 1];
      if (n === undefined) return err('trailing backslash at end of expression', '');
      if (/[1-9]/.test(n) || !/[dDwWsSbBAzpPQEafntrvx0-7]|[^a-zA-Z0-9]/.test(n)) return err('invalid escape sequence', `\\${n}`);
      i++;
      lastAtom = true;
      lastRep = false;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (re[j] === '^') j++;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j += re[j] === '\\' ? 2 : 1;
      if (j >= re.length) return err('missing closing ]', re.slice(i));
      const body = re.slice(i + 1, j).replace(/^\^/, '');
      const range = /(.)-(.)/g;
      for (let m = range.exec(body); m; m = range.exec(body)) if (m[1] > m[2] && m[1] !== '\\') return err('invalid character class range', `${m[1]}-${m[2]}`);
      i = j;
      lastAtom = true;
      lastRep = false;
      continue;
    }
    if (c === '(') {
      if (re[i + 1] === '?') {
        const rest = re.slice(i + 2);
        const ok = /^(?:[imsU-]*:|[imsU-]+\)|P<[A-Za-z_][A-Za-z0-9_]*>|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(rest);
        if (!ok) {
          const bad = /^P?<?[=!]?/.exec(rest)?.[0] ?? '';
          return err('invalid or unsupported Perl syntax', `(?${bad || rest[0] || ''}`);
        }
        if (ok[0].endsWith(')')) {
          i += 1 + ok[0].length;
          continue;
        }
      }
      depth.push(i);
      lastAtom = false;
      lastRep = false;
      continue;
    }
    if (c === ')') {
      if (depth.length === 0) return err('unexpected )', re);
      depth.pop();
      lastAtom = true;
      lastRep = false;
      continue;
    }
    if (c === '|') {
      lastAtom = false;
      lastRep = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(re.slice(i)))) {
      const op = c === '{' ? /^\{\d+(,\d*)?\}/.exec(re.slice(i))![0] : c;
      if (lastRep) {
        if (c === '?' && re[i - 1] !== '?') {
          lastRep = true;
          continue;
        }
        return err('invalid nested repetition operator', re.slice(i - 1, i + op.length).replace(/^\?/, re.slice(i - 2, i)));
      }
      if (!lastAtom) return err('missing argument to repetition operator', op);
      lastRep = true;
      i += op.length - 1;
      continue;
    }
    lastAtom = true;
    lastRep = false;
  }
  if (depth.length > 0) return err('missing closing )', re);
  return undefined;
}
