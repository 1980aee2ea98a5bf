import type { AndOr, Assignment, Command, Pipeline, Program, Redirect, Word } from './ast.ts';
import { lex, type Incomplete, type Token } from './lexer.ts';

/** A syntax error, with the text bash prints after `sh: `. */
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

function tokenText(tok: Token | undefined): string {
  if (!tok) return 'newline';
  if (tok.t === 'word') return tok.word.raw;
  if (tok.t === 'op') return tok.op === '\n' ? 'newline' : tok.op;
  return tok.fd >= 0 && tok.fd !== (tok.op.startsWith('<') ? 0 : 1) ? `${tok.fd}${tok.op}` : tok.op;
}

function incompleteMessage(why: Incomplete): string {
  if (why.kind === 'quote') return `unexpected EOF while looking for matching \`${why.quote}'`;
  if (why.kind === 'paren') return "unexpected EOF while looking for matching `)'";
  return 'syntax error: unexpected end of file';
}

const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=/;

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.t === 'op' && t.op === op;
  }

  private fail(): never {
    const tok = this.peek();
    if (!tok) throw new ShellSyntaxError('syntax error: unexpected end of file', true);
    throw new ShellSyntaxError(`syntax error near unexpected token \`${tokenText(tok)}'`, false);
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.i++;
  }

  /** program := and_or ((';' | '&' | newline) and_or)* — stops at `)` or end. */
  program(nested: boolean): Program {
    const out: Program = [];
    this.skipNewlines();
    while (this.peek() && !(nested && this.isOp(')'))) {
      out.push(this.andOr());
      const t = this.peek();
      if (!t) break;
      if (t.t === 'op' && (t.op === ';' || t.op === '&' || t.op === '\n')) {
        this.i++;
        this.skipNewlines();
        continue;
      }
      if (nested && this.isOp(')')) break;
      this.fail();
    }
    return out;
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
    if (this.isOp('(')) {
      this.i++;
      const body = this.program(true);
      if (!this.isOp(')')) this.fail();
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
          assigns.push({ name: m[1], value: { parts, raw: t.word.raw.slice(m[0].length) } });
        } else words.push(t.word);
      } else break;
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0) this.fail();
    return { type: 'simple', assigns, words, redirects };
  }

  private redirect(): Redirect {
    const tok = this.tokens[this.i++];
    if (tok.t !== 'redir') this.fail();
    const target = this.peek();
    if (target?.t !== 'word') {
      if (!target) throw new ShellSyntaxError("syntax error near unexpected token `newline'", false);
      this.fail();
    }
    this.i++;
    if (tok.heredoc) return { fd: tok.fd, op: tok.op, heredoc: tok.heredoc };
    return { fd: tok.fd, op: tok.op, target: target.word };
  }
}

/** Parse shell input. Throws ShellSyntaxError with bash's message for bad or unfinished input. */
export function parse(src: string): ParseResult {
  const lexed = lex(src);
  const warnings: string[] = [];
  if (lexed.incomplete && lexed.incomplete.kind !== 'heredoc') {
    throw new ShellSyntaxError(incompleteMessage(lexed.incomplete), true);
  }
  const p = new Parser(lexed.tokens);
  const program = p.program(false);
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
    new Parser(lexed.tokens).program(false);
    return false;
  } catch (e) {
    return e instanceof ShellSyntaxError && e.atEnd;
  }
}
