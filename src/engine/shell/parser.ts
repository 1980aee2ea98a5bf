import type { AndOr, Assignment, Command, Pipeline, Program, Redirect, Word } from './ast.ts';
import { DIALECTS, type Dialect, type DialectRules } from './dialect.ts';
import { lex, type Token } from './lexer.ts';

export type { Dialect } from './dialect.ts';

/** A syntax error, with the text the shell prints after `sh: `. */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    /** True when more input could complete the program (unexpected end of file). */
    readonly atEnd: boolean,
  ) {
    super(message);
  }
}

export interface ParseResult {
  program: Program;
  /** Warnings bash prints but still runs (a heredoc ended by end of input). */
  warnings: string[];
}

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Reserved words that cannot start a command (bash: syntax error near unexpected token). */
const RESERVED_ALONE = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', '}']);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly dialect: Dialect = 'bash',
  ) {}

  private get rules(): DialectRules {
    return DIALECTS[this.dialect];
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.op === op;
  }

  /** A syntax error at the next token; `expecting` is the reserved word the grammar wanted there. */
  private fail(expecting?: string): never {
    const tok = this.peek();
    throw new ShellSyntaxError(this.rules.unexpected(tok, expecting), !tok);
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.i++;
  }

  /** True when the next token is the unquoted reserved word `w` (`do`, `done`, `fi`, `}`...). */
  private isReserved(w: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.word.raw === w;
  }

  private expectReserved(w: string): void {
    if (!this.isReserved(w)) this.fail(w);
    this.i++;
  }

  /**
   * program := and_or ((';' | '&' | newline) and_or)* — stops at `)` (when nested), at a reserved word that
   * ends a list (`do`, `done`, `then`, `elif`, `else`, `fi`, `}`) in command position, or at the end.
   */
  program(nested: boolean): Program {
    const out: Program = [];
    // A reserved word that ends a list (`done`, `fi`, `}`...) ends this one too: the construct that opened
    // it reports the error, with the word it was expecting there (ash: `unexpected "done" (expecting "do")`).
    const stopped = () => (nested && this.isOp(')')) || this.atListEnd();
    this.skipNewlines();
    while (this.peek() && !stopped()) {
      out.push(this.andOr());
      const t = this.peek();
      if (!t) break;
      if (t.t === 'op' && (t.op === ';' || t.op === '&' || t.op === '\n')) {
        this.i++;
        this.skipNewlines();
        continue;
      }
      if (stopped()) break;
      this.fail();
    }
    return out;
  }

  private atListEnd(): boolean {
    const t = this.peek();
    return t?.t === 'word' && RESERVED_ALONE.has(t.word.raw);
  }

  /** The whole input: a program with nothing after it. */
  all(): Program {
    const program = this.program(false);
    if (this.peek()) this.fail();
    return program;
  }

  /** A compound command's list, up to the reserved word that ends it; it may not be empty (bash's grammar). */
  private compoundList(): Program {
    const body = this.program(false);
    if (body.length === 0) this.fail();
    return body;
  }

  private trailingRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    while (this.peek()?.t === 'redir') redirects.push(this.redirect());
    return redirects;
  }

  /** `for NAME [in WORD...] ; do LIST ; done` */
  private forLoop(): Command {
    this.i++;
    const nameTok = this.peek();
    if (nameTok?.t !== 'word' || !IDENTIFIER.test(nameTok.word.raw)) {
      const message = this.rules.badForName(nameTok?.t === 'word' ? nameTok.word.raw : undefined);
      if (message) throw new ShellSyntaxError(message, false);
      this.fail();
    }
    this.i++;
    const words: Word[] = [];
    this.skipNewlines();
    if (this.isReserved('in')) {
      this.i++;
      for (let t = this.peek(); t?.t === 'word'; t = this.peek()) {
        words.push(this.word(t.word));
        this.i++;
      }
      const sep = this.peek();
      if (!sep) this.fail();
      if (sep.t !== 'op' || (sep.op !== ';' && sep.op !== '\n')) this.fail();
      this.i++;
    } else if (this.isOp(';')) this.i++;
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.compoundList();
    this.expectReserved('done');
    return { type: 'for', name: nameTok.word.raw, words, body, redirects: this.trailingRedirects() };
  }

  private whileLoop(until: boolean): Command {
    this.i++;
    const cond = this.compoundList();
    this.expectReserved('do');
    const body = this.compoundList();
    this.expectReserved('done');
    return { type: 'while', until, cond, body, redirects: this.trailingRedirects() };
  }

  private ifCommand(): Command {
    this.i++;
    const branches: Array<{ cond: Program; then: Program }> = [];
    let cond = this.compoundList();
    for (;;) {
      this.expectReserved('then');
      branches.push({ cond, then: this.compoundList() });
      if (!this.isReserved('elif')) break;
      this.i++;
      cond = this.compoundList();
    }
    let otherwise: Program | undefined;
    if (this.isReserved('else')) {
      this.i++;
      otherwise = this.compoundList();
    }
    this.expectReserved('fi');
    return { type: 'if', branches, otherwise, redirects: this.trailingRedirects() };
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t?.t !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.i++;
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let negate = false;
    const t = this.peek();
    if (t?.t === 'word' && t.word.raw === '!') {
      negate = true;
      this.i++;
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const head = this.peek();
    if (head?.t === 'word') {
      const w = head.word.raw;
      if (w === 'for') return this.forLoop();
      if (w === 'while' || w === 'until') return this.whileLoop(w === 'until');
      if (w === 'if') return this.ifCommand();
      if (w === '{') {
        this.i++;
        const body = this.compoundList();
        this.expectReserved('}');
        return { type: 'brace', body, redirects: this.trailingRedirects() };
      }
      if (RESERVED_ALONE.has(w)) this.fail();
    }
    if (this.isOp('(')) {
      this.i++;
      const body = this.program(true);
      if (!this.isOp(')')) this.fail(')');
      if (body.length === 0) {
        this.fail();
      }
      this.i++;
      const redirects: Redirect[] = [];
      while (this.peek()?.t === 'redir') redirects.push(this.redirect());
      return { type: 'group', body, redirects };
    }
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.t === 'redir') redirects.push(this.redirect());
      else if (t?.t === 'word') {
        this.i++;
        const first = t.word.parts[0];
        const m = words.length === 0 && first?.kind === 'lit' && !first.quoted ? ASSIGN.exec(first.text) : null;
        if (m) {
          const rest = first.kind === 'lit' ? first.text.slice(m[0].length) : '';
          const parts = [...(rest ? [{ ...first, text: rest }] : []), ...t.word.parts.slice(1)];
          assigns.push({ name: m[1], value: this.word({ parts, raw: t.word.raw.slice(m[0].length) }) });
        } else words.push(this.word(t.word));
      } else break;
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0) this.fail();
    return { type: 'simple', assigns, words, redirects };
  }

  private redirect(): Redirect {
    const tok = this.tokens[this.i++];
    if (tok.t !== 'redir') this.fail();
    const target = this.peek();
    if (target?.t !== 'word') throw new ShellSyntaxError(this.rules.missingTarget(target), false);
    this.i++;
    if (tok.heredoc) return { fd: tok.fd, op: tok.op, heredoc: tok.heredoc };
    return { fd: tok.fd, op: tok.op, target: this.word(target.word) };
  }

  /** A word the program keeps; where the dialect says so, its `$(...)` bodies are parsed now. */
  private word(w: Word): Word {
    if (!this.rules.eagerSubstitutions) return w;
    for (const p of w.parts) if (p.kind === 'cmd') p.program = parse(p.source, this.dialect).program;
    return w;
  }
}

/**
 * Parse shell input. Throws ShellSyntaxError with the dialect's message (bash's unless told) for bad or
 * unfinished input.
 */
export function parse(src: string, dialect: Dialect = 'bash'): ParseResult {
  const rules = DIALECTS[dialect];
  const lexed = lex(src, { script: rules.script });
  const warnings: string[] = [];
  if (lexed.incomplete && lexed.incomplete.kind !== 'heredoc') {
    throw new ShellSyntaxError(rules.incomplete(lexed.incomplete), true);
  }
  const p = new Parser(lexed.tokens, dialect);
  const program = p.all();
  for (const doc of lexed.unterminated) {
    warnings.push(`warning: here-document delimited by end-of-file (wanted \`${doc.delimiter}')`);
  }
  return { program, warnings };
}

/**
 * True when `text` is an unfinished command the terminal should continue on another line (with the `> `
 * prompt): an open quote or `$(`, a heredoc without its terminator, a trailing `|`, `&&`, `||` or `\`.
 */
export function needsMoreInput(text: string): boolean {
  const lexed = lex(text);
  if (lexed.incomplete) return true;
  try {
    new Parser(lexed.tokens).all();
    return false;
  } catch (e) {
    return e instanceof ShellSyntaxError && e.atEnd;
  }
}
