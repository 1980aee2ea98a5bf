import type { Word, WordPart } from '../../shell/ast.ts';
import { splitFields } from '../../shell/fields.ts';
import { parse } from '../../shell/parser.ts';
import { arith } from './arith.ts';
import { runProgram } from './interp.ts';
import type { Effect, ShIO, ShState } from './run.ts';

/** The value of `$name` in a container's `sh`: special parameters, `${VAR:-default}`, unset variables empty. */
export function lookupVar(st: ShState, name: string): string {
  if (name === '?') return String(st.status);
  if (name === '$') return '1';
  if (name === '#') return '0';
  if (name === 'HOSTNAME') return st.m.vars.get('HOSTNAME') ?? st.m.hostname;
  const dflt = /^([A-Za-z_][A-Za-z0-9_]*):?-(.*)$/.exec(name);
  if (dflt) return st.m.vars.get(dflt[1]) || dflt[2];
  return st.m.vars.get(name) ?? '';
}

function* partValue(st: ShState, p: WordPart): Generator<Effect, string, void> {
  switch (p.kind) {
    case 'lit':
      return p.text;
    case 'tilde':
      return st.m.vars.get('HOME') ?? '~';
    case 'var':
      return lookupVar(st, p.name);
    case 'arith':
      return String(arith(st.m.vars, p.expr));
    case 'cmd': {
      let out = '';
      const io: ShIO = { out: (t) => (out += t), err: () => {}, stdin: '' };
      yield* runProgram(st, p.program ?? parse(p.source, 'ash').program, io);
      return out.replace(/\n+$/, '');
    }
  }
}

/** The fields a word expands to (unquoted `$var` and `$(...)` results split on whitespace; no globbing). */
export function* expandWord(st: ShState, w: Word): Generator<Effect, string[], void> {
  const values: string[] = [];
  for (const p of w.parts) values.push(yield* partValue(st, p));
  return splitFields(w.parts, values);
}

/** Parts expanded into one string, unsplit (heredoc bodies). */
export function* expandString(st: ShState, parts: readonly WordPart[]): Generator<Effect, string, void> {
  let text = '';
  for (const p of parts) text += yield* partValue(st, p);
  return text;
}
