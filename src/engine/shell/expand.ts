import type { ClusterRuntime } from '../runtime.ts';
import type { Word, WordPart } from './ast.ts';
import { evalArith } from './arith.ts';
import { splitFields } from './fields.ts';
import { HOME, listDirectory } from './fs.ts';
import type { ShellState } from './types.ts';

/** What expansion needs from the shell: variables and a way to run `$(...)` capturing its stdout. */
export interface ExpandEnv {
  rt: ClusterRuntime;
  state: ShellState;
  substitute(source: string): string;
}

/** The value of `$name` (special parameters included); unset variables are empty. */
export function lookupVar(env: ExpandEnv, name: string): string {
  if (name === '?') return String(env.state.lastStatus);
  if (name === '$') return '1';
  if (name === '#') return '0';
  if (name === '0') return 'sh';
  if (name === '!') return '';
  // `${VAR:-default}` and `${VAR-default}`: the one parameter form worth having.
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?-)(.*)$/.exec(name);
  if (m) {
    const v = env.state.vars.get(m[1]);
    return v === undefined || (m[2] === ':-' && v === '') ? m[3] : v;
  }
  return env.state.vars.get(name) ?? '';
}

function partValue(env: ExpandEnv, p: WordPart): string {
  switch (p.kind) {
    case 'lit':
      return p.text;
    case 'tilde':
      return env.state.vars.get('HOME') ?? HOME;
    case 'var':
      return lookupVar(env, p.name);
    case 'cmd':
      return env.substitute(p.source).replace(/\n+$/, '');
    case 'arith': {
      // Parameters expand first (`$((i + $n))`), then the expression is evaluated; `i=…` assigns.
      const expr = p.expr.replace(/\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|[?$#!0])/g, (_, a: string | undefined, b: string | undefined) => lookupVar(env, a ?? b ?? ''));
      return String(evalArith(expr, env.state.vars));
    }
  }
}

/** Expand parts into one string with no field splitting or globbing (assignments, heredocs, redirect targets). */
export function expandToString(env: ExpandEnv, parts: WordPart[]): string {
  return parts.map((p) => partValue(env, p)).join('');
}

const GLOB = /[*?]/;

function globToRegExp(pattern: string): RegExp {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${re}$`);
}

/** Match a pattern against the files of one directory of the virtual filesystem. */
function glob(env: ExpandEnv, pattern: string): string[] {
  const slash = pattern.lastIndexOf('/');
  const dir = slash < 0 ? '' : pattern.slice(0, slash) || '/';
  const prefix = slash < 0 ? '' : pattern.slice(0, slash + 1);
  const re = globToRegExp(pattern.slice(slash + 1));
  return listDirectory(env.rt, dir)
    .filter((n) => re.test(n) && !(n.startsWith('.') && !pattern.slice(slash + 1).startsWith('.')))
    .map((n) => prefix + n);
}

/**
 * Expand a word into fields, as bash does: tilde, parameter and command substitution, then field splitting
 * of unquoted substitution results on whitespace, then pathname expansion of unquoted `*` and `?` (a pattern
 * that matches nothing stays as written).
 */
export function expandWord(env: ExpandEnv, word: Word): string[] {
  const fields = splitFields(word.parts, word.parts.map((p) => partValue(env, p)));
  if (!word.parts.some((p) => p.kind === 'lit' && !p.quoted && GLOB.test(p.text))) return fields;
  return fields.flatMap((f) => {
    if (!GLOB.test(f)) return [f];
    const matches = glob(env, f);
    return matches.length > 0 ? matches : [f];
  });
}
