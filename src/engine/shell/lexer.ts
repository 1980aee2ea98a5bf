import type { HereDoc, RedirectOp, Word } from './ast.ts';
import { IncompleteInput, readWord, type Incomplete } from './words.ts';

export type { Incomplete } from './words.ts';

export type OpToken = ';' | '&&' | '||' | '|' | '&' | '\n' | '(' | ')';

export type Token =
  | { t: 'word'; word: Word }
  | { t: 'op'; op: OpToken }
  | { t: 'redir'; fd: number; op: RedirectOp; heredoc?: HereDoc };

export interface LexResult {
  tokens: Token[];
  incomplete?: Incomplete;
  /** Heredocs whose terminator line never came (bash warns and uses what it read). */
  unterminated: HereDoc[];
}

export interface LexOptions {
  /**
   * The input is a whole script (`sh -c`, a container command): nothing more can follow, so a backslash at
   * its very end stands for itself instead of asking for another line.
   */
  script?: boolean;
}

/** The operators, longest first so `<<-` wins over `<<` and `<`. */
const OPERATORS: Array<[string, { op?: OpToken; redir?: RedirectOp; fd?: number }]> = [
  ['<<<', { redir: '<<<', fd: 0 }],
  ['<<-', { redir: '<<-', fd: 0 }],
  ['&>>', { redir: '&>>', fd: -1 }],
  ['<<', { redir: '<<', fd: 0 }],
  ['>>', { redir: '>>', fd: 1 }],
  ['>&', { redir: '>&', fd: 1 }],
  ['<&', { redir: '<&', fd: 0 }],
  ['>|', { redir: '>', fd: 1 }],
  ['&>', { redir: '&>', fd: -1 }],
  ['&&', { op: '&&' }],
  ['||', { op: '||' }],
  [';;', { op: ';' }],
  ['>', { redir: '>', fd: 1 }],
  ['<', { redir: '<', fd: 0 }],
  ['|', { op: '|' }],
  ['&', { op: '&' }],
  [';', { op: ';' }],
  ['\n', { op: '\n' }],
  ['(', { op: '(' }],
  [')', { op: ')' }],
];


/**
 * Splits shell input into words, operators and redirections, reading heredoc bodies from the lines after
 * the command that opens them. It never throws for user input: input that stops inside a quote, a `$(`,
 * or a heredoc is reported through `incomplete`.
 */
export function lex(src: string, options: LexOptions = {}): LexResult {
  const tokens: Token[] = [];
  const pending: HereDoc[] = [];
  const unterminated: HereDoc[] = [];
  let pos = 0;
  let expectDelimiter: HereDoc | undefined;

  const readBodies = () => {
    for (const doc of pending.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (pos >= src.length) {
          doc.unterminated = true;
          unterminated.push(doc);
          break;
        }
        const nl = src.indexOf('\n', pos);
        let line = nl < 0 ? src.slice(pos) : src.slice(pos, nl);
        pos = nl < 0 ? src.length : nl + 1;
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) break;
        lines.push(line + '\n');
      }
      doc.body = lines.join('');
    }
  };

  try {
    while (pos < src.length) {
      const c = src[pos];
      if (c === ' ' || c === '\t') {
        pos++;
        continue;
      }
      if (c === '\\' && src[pos + 1] === '\n') {
        pos += 2;
        continue;
      }
      if (c === '#') {
        while (pos < src.length && src[pos] !== '\n') pos++;
        continue;
      }
      const fdMatch = /^(\d+)(?=[<>])/.exec(src.slice(pos, pos + 12));
      let fd: number | undefined;
      if (fdMatch) {
        fd = Number(fdMatch[1]);
        pos += fdMatch[1].length;
      }
      const op = OPERATORS.find(([s]) => src.startsWith(s, pos));
      if (op) {
        const [text, info] = op;
        pos += text.length;
        if (info.redir) {
          const tok: Token = { t: 'redir', fd: fd ?? info.fd!, op: info.redir };
          if (info.redir === '<<' || info.redir === '<<-') {
            tok.heredoc = { delimiter: '', stripTabs: info.redir === '<<-', expand: true, body: '', unterminated: false };
            expectDelimiter = tok.heredoc;
          }
          tokens.push(tok);
        } else {
          tokens.push({ t: 'op', op: info.op! });
          if (info.op === '\n') readBodies();
        }
        continue;
      }
      const r = readWord(src, pos, options);
      pos = r.end;
      if (expectDelimiter) {
        expectDelimiter.delimiter = r.word.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'tilde' ? '~' : '')).join('');
        expectDelimiter.expand = !r.word.parts.some((p) => p.kind === 'lit' && p.quoted);
        if (r.word.parts.some((p) => p.kind !== 'lit')) expectDelimiter.delimiter = r.word.raw;
        pending.push(expectDelimiter);
        expectDelimiter = undefined;
      }
      tokens.push({ t: 'word', word: r.word });
    }
    // Input that ends right after a command line still has to read the bodies it announced.
    if (pending.length > 0) readBodies();
  } catch (e) {
    if (e instanceof IncompleteInput) return { tokens, incomplete: e.why, unterminated };
    throw e;
  }
  const open = unterminated[0];
  return open ? { tokens, unterminated, incomplete: { kind: 'heredoc', delimiter: open.delimiter } } : { tokens, unterminated };
}
