import type { Incomplete, Token } from './lexer.ts';

/**
 * The two shells that share one grammar (`parser.ts`): `bash` is the lab's terminal, `ash` is the `sh` inside
 * containers (busybox ash, dash). They parse the same language; they differ in how they word a syntax error,
 * in whether the input is a whole script, and in when a `$(...)` body is parsed.
 */
export type Dialect = 'bash' | 'ash';

export interface DialectRules {
  /** The input is all there is (`sh -c SCRIPT`): a trailing backslash is literal, nothing asks for more lines. */
  script: boolean;
  /** `$(...)` bodies are parsed with the command line that holds them, so an error inside stops it all (ash, dash). */
  eagerSubstitutions: boolean;
  /** The message for an unexpected token (`undefined`: the end of the input), and the reserved word wanted there. */
  unexpected(tok: Token | undefined, expecting?: string): string;
  /** A redirection operator with no word after it. */
  missingTarget(tok: Token | undefined): string;
  /** The message for input that stops inside a quote, a `$(`/`${`, or after a backslash. */
  incomplete(why: Incomplete): string;
  /** `for NAME` where NAME is not an identifier (`undefined`: not a word at all); undefined: a plain syntax error. */
  badForName(name: string | undefined): string | undefined;
}

/** The token as bash quotes it in `syntax error near unexpected token`. */
function tokenText(tok: Token): string {
  if (tok.t === 'word') return tok.word.raw;
  if (tok.t === 'op') return tok.op === '\n' ? 'newline' : tok.op;
  return tok.fd >= 0 && tok.fd !== (tok.op.startsWith('<') ? 0 : 1) ? `${tok.fd}${tok.op}` : tok.op;
}

const bash: DialectRules = {
  script: false,
  eagerSubstitutions: false,
  unexpected: (tok) => (tok ? `syntax error near unexpected token \`${tokenText(tok)}'` : 'syntax error: unexpected end of file'),
  missingTarget: (tok) => `syntax error near unexpected token \`${tok ? tokenText(tok) : 'newline'}'`,
  incomplete(why) {
    if (why.kind === 'quote') return `unexpected EOF while looking for matching \`${why.quote}'`;
    if (why.kind === 'paren') return "unexpected EOF while looking for matching `)'";
    return 'syntax error: unexpected end of file';
  },
  badForName: (name) => (name === undefined ? undefined : `\`${name}': not a valid identifier`),
};

/** ash's reserved words (busybox shell/ash.c `tokname_array`, the keywords after KWDOFFSET). */
const ASH_KEYWORDS = new Set(['!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while', '{', '}']);

/**
 * The token as busybox ash names it in `syntax error: unexpected …` (ash.c `tokname`): end of file, newline,
 * redirection and word bare; operators and reserved words in double quotes.
 */
function ashTokname(tok: Token | undefined): string {
  if (!tok) return 'end of file';
  if (tok.t === 'redir') return 'redirection';
  if (tok.t === 'word') return ASH_KEYWORDS.has(tok.word.raw) ? `"${tok.word.raw}"` : 'word';
  return tok.op === '\n' ? 'newline' : `"${tok.op}"`;
}

const ash: DialectRules = {
  script: true,
  eagerSubstitutions: true,
  unexpected: (tok, expecting) => `syntax error: unexpected ${ashTokname(tok)}${expecting ? ` (expecting "${expecting}")` : ''}`,
  missingTarget: (tok) => `syntax error: unexpected ${ashTokname(tok)}`,
  incomplete(why) {
    if (why.kind === 'quote') return 'syntax error: unterminated quoted string';
    if (why.kind === 'paren') return why.brace ? 'syntax error: bad substitution' : 'syntax error: unterminated $(';
    return 'syntax error: unexpected end of file';
  },
  badForName: () => 'syntax error: bad for loop variable',
};

export const DIALECTS: Record<Dialect, DialectRules> = { bash, ash };
