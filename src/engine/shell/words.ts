import type { Word, WordPart } from './ast.ts';

/**
 * Reading one word of shell input: quoting (`'…'`, `"…"`, backslashes), `$name`, `${…}`, `$(…)`, `$((…))`,
 * backquotes and a leading `~`, into the parts expansion works on; and the parts of an unquoted heredoc body.
 */

/**
 * Why the input stops in the middle of a construct (the terminal then asks for another line); `heredoc` is
 * the lexer's: a body whose terminator line never came.
 */
export type Incomplete =
  | { kind: 'quote'; quote: "'" | '"' | '`' }
  /** An open `$(` or `$((`; `brace` an open `${`. */
  | { kind: 'paren'; brace?: boolean }
  | { kind: 'heredoc'; delimiter: string }
  | { kind: 'backslash' };

/** Thrown inside the word reader; the lexer turns it into `LexResult.incomplete`. */
export class IncompleteInput {
  constructor(readonly why: Incomplete) {}
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** `$?`, `$$`, `$#`, `$!`, `$@`, `$*` and the positional parameters `$0`…`$9`. */
const SPECIAL_PARAMS = new Set(['?', '$', '#', '!', '@', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

function pushLit(parts: WordPart[], text: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
  else parts.push({ kind: 'lit', text, quoted });
}

/** Index just after the `)` closing a `$(` whose body starts at `start`. */
function matchParen(src: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) break;
      i = j + 1;
    } else if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
    } else {
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new IncompleteInput({ kind: 'paren' });
}

/** Reads a `$...` expansion at `pos` (which holds `$`). Returns the part (or a literal `$`) and the end. */
function readDollar(src: string, pos: number, quoted: boolean): { part: WordPart; end: number } {
  const next = src[pos + 1];
  if (next === '(' && src[pos + 2] === '(') {
    const end = matchParen(src, pos + 2);
    if (src[end - 2] === ')') return { part: { kind: 'arith', expr: src.slice(pos + 3, end - 2), quoted }, end };
  }
  if (next === '(') {
    const end = matchParen(src, pos + 2);
    return { part: { kind: 'cmd', source: src.slice(pos + 2, end - 1), quoted }, end };
  }
  if (next === '{') {
    const close = src.indexOf('}', pos + 2);
    if (close < 0) throw new IncompleteInput({ kind: 'paren', brace: true });
    return { part: { kind: 'var', name: src.slice(pos + 2, close), quoted }, end: close + 1 };
  }
  if (next !== undefined && SPECIAL_PARAMS.has(next)) return { part: { kind: 'var', name: next, quoted }, end: pos + 2 };
  const m = NAME.exec(src.slice(pos + 1, pos + 200));
  if (m) return { part: { kind: 'var', name: m[0], quoted }, end: pos + 1 + m[0].length };
  return { part: { kind: 'lit', text: '$', quoted }, end: pos + 1 };
}

/** Reads the word starting at `start` (not a metacharacter). */
export function readWord(src: string, start: number, options: { script?: boolean }): { word: Word; end: number } {
  const parts: WordPart[] = [];
  let pos = start;
  if (src[pos] === '~' && (pos + 1 >= src.length || src[pos + 1] === '/' || META.has(src[pos + 1]))) {
    parts.push({ kind: 'tilde' });
    pos++;
  }
  while (pos < src.length && !META.has(src[pos])) {
    const c = src[pos];
    if (c === '\\') {
      if (src[pos + 1] === '\n') pos += 2;
      else if (pos + 1 >= src.length) {
        if (!options.script) throw new IncompleteInput({ kind: 'backslash' });
        pushLit(parts, '\\', true);
        pos++;
      } else {
        pushLit(parts, src[pos + 1], true);
        pos += 2;
      }
    } else if (c === "'") {
      const close = src.indexOf("'", pos + 1);
      if (close < 0) throw new IncompleteInput({ kind: 'quote', quote: "'" });
      pushLit(parts, src.slice(pos + 1, close), true);
      pos = close + 1;
    } else if (c === '"') {
      pos = readDouble(src, pos + 1, parts);
    } else if (c === '$') {
      const r = readDollar(src, pos, false);
      if (r.part.kind === 'lit') pushLit(parts, '$', false);
      else parts.push(r.part);
      pos = r.end;
    } else if (c === '`') {
      const close = src.indexOf('`', pos + 1);
      if (close < 0) throw new IncompleteInput({ kind: 'quote', quote: '`' });
      parts.push({ kind: 'cmd', source: src.slice(pos + 1, close), quoted: false });
      pos = close + 1;
    } else {
      pushLit(parts, c, false);
      pos++;
    }
  }
  // An empty quoted word ('' or "") is still a word.
  if (parts.length === 0) parts.push({ kind: 'lit', text: '', quoted: true });
  return { word: { parts, raw: src.slice(start, pos) }, end: pos };
}

/** Reads a double-quoted string whose body starts at `pos`; returns the index after the closing quote. */
function readDouble(src: string, pos: number, parts: WordPart[]): number {
  pushLit(parts, '', true);
  while (pos < src.length) {
    const c = src[pos];
    if (c === '"') return pos + 1;
    if (c === '\\' && pos + 1 < src.length && '$`"\\\n'.includes(src[pos + 1])) {
      if (src[pos + 1] !== '\n') pushLit(parts, src[pos + 1], true);
      pos += 2;
    } else if (c === '$') {
      const r = readDollar(src, pos, true);
      if (r.part.kind === 'lit') pushLit(parts, '$', true);
      else parts.push(r.part);
      pos = r.end;
    } else if (c === '`') {
      const close = src.indexOf('`', pos + 1);
      if (close < 0) throw new IncompleteInput({ kind: 'quote', quote: '`' });
      parts.push({ kind: 'cmd', source: src.slice(pos + 1, close), quoted: true });
      pos = close + 1;
    } else {
      pushLit(parts, c, true);
      pos++;
    }
  }
  throw new IncompleteInput({ kind: 'quote', quote: '"' });
}

/**
 * The parts of an unquoted heredoc body: `$VAR`, `${VAR}` and `$(...)` expand; a backslash escapes only
 * `$`, `` ` ``, `\` and a newline, as in double quotes (but `"` stays literal).
 */
export function heredocParts(body: string): WordPart[] {
  const parts: WordPart[] = [];
  let pos = 0;
  try {
    while (pos < body.length) {
      const c = body[pos];
      if (c === '\\' && pos + 1 < body.length && '$`\\\n'.includes(body[pos + 1])) {
        if (body[pos + 1] !== '\n') pushLit(parts, body[pos + 1], true);
        pos += 2;
      } else if (c === '$') {
        const r = readDollar(body, pos, true);
        if (r.part.kind === 'lit') pushLit(parts, '$', true);
        else parts.push(r.part);
        pos = r.end;
      } else {
        pushLit(parts, c, true);
        pos++;
      }
    }
  } catch {
    // An unclosed `$(` in a body is taken literally from there on.
    pushLit(parts, body.slice(pos), true);
  }
  return parts;
}
