/**
 * A small POSIX-sh subset for container commands (`sh -c "..."`) and `kubectl exec`: lists with `;`, `&&`,
 * `||`, pipes, `while`/`until`/`for`/`if`, `{ }`, assignments, redirections, quoting, `$VAR`, `${VAR}`,
 * `$(cmd)` and `$((arith))`. Not a full shell: it covers the shapes container specs and tutorials use.
 */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'cmd'; script: ShNode; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type ShNode =
  | { kind: 'list'; items: Array<{ node: ShNode; op: ';' | '&&' | '||' }> }
  | { kind: 'pipe'; cmds: ShNode[] }
  | { kind: 'simple'; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirects: Redirect[] }
  | { kind: 'while'; until: boolean; cond: ShNode; body: ShNode }
  | { kind: 'for'; name: string; items: Word[] | undefined; body: ShNode }
  | { kind: 'if'; cond: ShNode; then: ShNode; elifs: Array<{ cond: ShNode; then: ShNode }>; else?: ShNode }
  | { kind: 'group'; body: ShNode; subshell: boolean };

export class ShSyntaxError extends Error {}

type Tok = { t: 'word'; w: Word; raw: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const reserved = new Set(['while', 'until', 'do', 'done', 'for', 'in', 'if', 'then', 'elif', 'else', 'fi', '{', '}', '!']);

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'nl' });
      i++;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (['2>&', '1>&'].includes(three)) {
      toks.push({ t: 'op', v: three[0] + '>&' });
      i += 3;
      continue;
    }
    if (['&&', '||', ';;', '>>', '2>'].includes(two)) {
      toks.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('|;&()<>'.includes(c)) {
      toks.push({ t: 'op', v: c });
      i++;
      continue;
    }
    // A word: read until an unquoted metacharacter.
    const parts: Word = [];
    let raw = '';
    let lit = '';
    const flush = (quoted: boolean) => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted });
      lit = '';
    };
    const readDollar = (quoted: boolean) => {
      // at src[i] === '$'
      if (src.startsWith('$((', i)) {
        let depth = 0;
        let j = i + 1;
        for (; j < n; j++) {
          if (src[j] === '(') depth++;
          else if (src[j] === ')') {
            depth--;
            if (depth === 0) break;
          }
        }
        const expr = src.slice(i + 3, j - 1);
        parts.push({ kind: 'arith', expr, quoted });
        raw += src.slice(i, j + 1);
        i = j + 1;
        return;
      }
      if (src[i + 1] === '(') {
        let depth = 0;
        let j = i + 1;
        let q: string | undefined;
        for (; j < n; j++) {
          const d = src[j];
          if (q) {
            if (d === q) q = undefined;
            continue;
          }
          if (d === "'" || d === '"') q = d;
          else if (d === '(') depth++;
          else if (d === ')') {
            depth--;
            if (depth === 0) break;
          }
        }
        if (j >= n) throw new ShSyntaxError("syntax error: unterminated $(");
        parts.push({ kind: 'cmd', script: parseScript(src.slice(i + 2, j)), quoted });
        raw += src.slice(i, j + 1);
        i = j + 1;
        return;
      }
      if (src[i + 1] === '{') {
        const j = src.indexOf('}', i);
        if (j < 0) throw new ShSyntaxError('syntax error: bad substitution');
        parts.push({ kind: 'var', name: src.slice(i + 2, j), quoted });
        raw += src.slice(i, j + 1);
        i = j + 1;
        return;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^[?$#0-9@*]/.exec(src.slice(i + 1));
      if (m) {
        parts.push({ kind: 'var', name: m[0], quoted });
        raw += '$' + m[0];
        i += 1 + m[0].length;
        return;
      }
      lit += '$';
      raw += '$';
      i++;
    };
    while (i < n) {
      const d = src[i];
      if (' \t\n|;&()<>'.includes(d)) break;
      if (d === "'") {
        flush(false);
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShSyntaxError('syntax error: unterminated quoted string');
        parts.push({ kind: 'lit', text: src.slice(i + 1, j), quoted: true });
        raw += src.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (d === '"') {
        flush(false);
        i++;
        raw += '"';
        for (;;) {
          if (i >= n) throw new ShSyntaxError('syntax error: unterminated quoted string');
          const e = src[i];
          if (e === '"') {
            i++;
            raw += '"';
            break;
          }
          if (e === '\\' && i + 1 < n && '"\\$`'.includes(src[i + 1])) {
            lit += src[i + 1];
            raw += src.slice(i, i + 2);
            i += 2;
            continue;
          }
          if (e === '$') {
            flush(true);
            readDollar(true);
            continue;
          }
          lit += e;
          raw += e;
          i++;
        }
        // An empty "" still makes a (quoted, empty) word part.
        parts.push({ kind: 'lit', text: lit, quoted: true });
        lit = '';
        continue;
      }
      if (d === '\\') {
        lit += src[i + 1] ?? '';
        raw += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (d === '$') {
        flush(false);
        readDollar(false);
        continue;
      }
      lit += d;
      raw += d;
      i++;
    }
    flush(false);
    toks.push({ t: 'word', w: parts, raw });
  }
  toks.push({ t: 'eof' });
  return toks;
}

class Parser {
  private i = 0;
  constructor(private toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i];
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.raw === v;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private skipNl(): void {
    while (this.peek().t === 'nl' || this.isOp(';')) this.i++;
  }
  private expectWord(v: string): void {
    this.skipNl();
    if (!this.isWord(v)) throw new ShSyntaxError(`syntax error: unexpected ${this.describe()} (expecting "${v}")`);
    this.i++;
  }
  private describe(): string {
    const t = this.peek();
    if (t.t === 'eof') return 'end of file';
    if (t.t === 'nl') return 'newline';
    if (t.t === 'op') return `"${t.v}"`;
    return `word "${t.raw}"`;
  }

  list(stop: string[] = []): ShNode {
    const items: Array<{ node: ShNode; op: ';' | '&&' | '||' }> = [];
    let op: ';' | '&&' | '||' = ';';
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.t === 'eof' || (t.t === 'word' && stop.includes(t.raw)) || (t.t === 'op' && (t.v === ')' || stop.includes(t.v)))) break;
      items.push({ node: this.pipeline(), op });
      const nx = this.peek();
      if (nx.t === 'op' && (nx.v === '&&' || nx.v === '||')) {
        op = nx.v;
        this.i++;
        while (this.peek().t === 'nl') this.i++;
        continue;
      }
      if (nx.t === 'op' && (nx.v === ';' || nx.v === '&')) this.i++;
      op = ';';
    }
    return { kind: 'list', items };
  }

  private pipeline(): ShNode {
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      while (this.peek().t === 'nl') this.i++;
      cmds.push(this.command());
    }
    return cmds.length === 1 ? cmds[0] : { kind: 'pipe', cmds };
  }

  private command(): ShNode {
    const t = this.peek();
    if (t.t === 'word' && t.raw === 'while') return this.loop(false);
    if (t.t === 'word' && t.raw === 'until') return this.loop(true);
    if (t.t === 'word' && t.raw === 'for') return this.forLoop();
    if (t.t === 'word' && t.raw === 'if') return this.ifCmd();
    if (t.t === 'word' && t.raw === '{') {
      this.i++;
      const body = this.list(['}']);
      this.expectWord('}');
      return { kind: 'group', body, subshell: false };
    }
    if (t.t === 'op' && t.v === '(') {
      this.i++;
      const body = this.list([')']);
      if (!this.isOp(')')) throw new ShSyntaxError(`syntax error: unexpected ${this.describe()} (expecting ")")`);
      this.i++;
      return { kind: 'group', body, subshell: true };
    }
    return this.simple();
  }

  private loop(until: boolean): ShNode {
    this.i++;
    const cond = this.list(['do']);
    this.expectWord('do');
    const body = this.list(['done']);
    this.expectWord('done');
    return { kind: 'while', until, cond, body };
  }

  private forLoop(): ShNode {
    this.i++;
    const nameTok = this.peek();
    if (nameTok.t !== 'word') throw new ShSyntaxError(`syntax error: bad for loop variable`);
    this.i++;
    let items: Word[] | undefined;
    while (this.peek().t === 'nl') this.i++;
    if (this.isWord('in')) {
      this.i++;
      items = [];
      for (;;) {
        const w = this.peek();
        if (w.t !== 'word') break;
        items.push(w.w);
        this.i++;
      }
    }
    this.expectWord('do');
    const body = this.list(['done']);
    this.expectWord('done');
    return { kind: 'for', name: nameTok.raw, items, body };
  }

  private ifCmd(): ShNode {
    this.i++;
    const cond = this.list(['then']);
    this.expectWord('then');
    const then = this.list(['elif', 'else', 'fi']);
    const elifs: Array<{ cond: ShNode; then: ShNode }> = [];
    let otherwise: ShNode | undefined;
    for (;;) {
      this.skipNl();
      if (this.isWord('elif')) {
        this.i++;
        const c = this.list(['then']);
        this.expectWord('then');
        elifs.push({ cond: c, then: this.list(['elif', 'else', 'fi']) });
        continue;
      }
      if (this.isWord('else')) {
        this.i++;
        otherwise = this.list(['fi']);
      }
      break;
    }
    this.expectWord('fi');
    return { kind: 'if', cond, then, elifs, else: otherwise };
  }

  private simple(): ShNode {
    const assigns: Array<{ name: string; value: Word }> = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && ['>', '>>', '<', '2>', '2>&', '1>&'].includes(t.v)) {
        this.i++;
        const target = this.peek();
        if (target.t !== 'word') throw new ShSyntaxError(`syntax error: unexpected ${this.describe()}`);
        this.i++;
        const fd = t.v.startsWith('2') ? 2 : t.v === '<' ? 0 : 1;
        const op = t.v.endsWith('>&') ? '>&' : t.v === '2>' ? '>' : (t.v as '>' | '>>' | '<');
        redirects.push({ fd, op, target: target.w });
        continue;
      }
      if (t.t !== 'word') break;
      if (words.length === 0 && reserved.has(t.raw) && !['{', '}', '!'].includes(t.raw)) break;
      if (words.length === 0 && (t.raw === '}' )) break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw);
      if (words.length === 0 && m && t.w[0]?.kind === 'lit' && !t.w[0].quoted && t.w[0].text.startsWith(m[0])) {
        const first = t.w[0];
        const rest: Word = [{ kind: 'lit', text: first.text.slice(m[0].length), quoted: false }, ...t.w.slice(1)];
        assigns.push({ name: m[1], value: rest });
        this.i++;
        continue;
      }
      words.push(t.w);
      this.i++;
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      throw new ShSyntaxError(`syntax error: unexpected ${this.describe()}`);
    }
    return { kind: 'simple', assigns, words, redirects };
  }
}

/** Parse a script; throws ShSyntaxError with a dash/busybox-like message. */
export function parseScript(src: string): ShNode {
  const p = new Parser(lex(src));
  const node = p.list();
  return node;
}
