/**
 * The shell's syntax tree. A program is a list of and-or lists; an and-or list chains pipelines with `&&`
 * and `||`; a pipeline connects commands with `|`; a command is a simple command, a `( ... )` or `{ ...; }`
 * group, a `for`/`while`/`until` loop or an `if`.
 */

/** A piece of a word. `quoted` parts are neither field-split nor glob-expanded. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  /** `$(...)` or backquotes; `program` is the parsed body where the dialect parses it with its command line. */
  | { kind: 'cmd'; source: string; quoted: boolean; program?: Program }
  /** `$(( expr ))`: the expression as written (variables and `$(...)` inside expand before evaluation). */
  | { kind: 'arith'; expr: string; quoted: boolean }
  | { kind: 'tilde' };

export interface Word {
  parts: WordPart[];
  /** The word as written, for error messages. */
  raw: string;
}

export interface HereDoc {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines and the terminator. */
  stripTabs: boolean;
  /** False when any part of the delimiter was quoted (`<<'EOF'`): the body is taken literally. */
  expand: boolean;
  /** The body (every line ends with a newline). Filled in by the lexer when it reaches the body. */
  body: string;
  /** Set when the input ended before the terminator line. */
  unterminated: boolean;
}

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** The file descriptor redirected (0 for `<`, 1 for `>`), or -1 for `&>` (both 1 and 2). */
  fd: number;
  op: RedirectOp;
  /** The file (or the fd number for `>&`/`<&`); absent for heredocs. */
  target?: Word;
  heredoc?: HereDoc;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Group {
  type: 'group';
  body: Program;
  redirects: Redirect[];
}

/** `for NAME [in WORDS]; do BODY; done` (without `in`, the positional parameters: none in the lab). */
export interface ForLoop {
  type: 'for';
  name: string;
  words: Word[];
  body: Program;
  redirects: Redirect[];
}

/** `while COND; do BODY; done`, or `until` (runs while COND fails). */
export interface WhileLoop {
  type: 'while';
  until: boolean;
  cond: Program;
  body: Program;
  redirects: Redirect[];
}

export interface IfCommand {
  type: 'if';
  /** `if` and each `elif`: a condition and its branch. */
  branches: Array<{ cond: Program; then: Program }>;
  otherwise?: Program;
  redirects: Redirect[];
}

/** `{ LIST; }`: runs in the current shell (variables set inside survive it). */
export interface BraceGroup {
  type: 'brace';
  body: Program;
  redirects: Redirect[];
}

export type Command = SimpleCommand | Group | ForLoop | WhileLoop | IfCommand | BraceGroup;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

export type Program = AndOr[];
