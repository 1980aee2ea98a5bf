/**
 * The terminal's line editor, free of xterm and the DOM: it turns the bytes a terminal sends for keys and
 * pastes into edits of one input line and events (submit, interrupt, clear screen). `render` computes the
 * escape sequences that redraw the line, wrapped lines included.
 */
export type EditorEvent = { type: 'submit'; line: string } | { type: 'interrupt'; line: string } | { type: 'clearScreen' } | { type: 'changed' } | { type: 'complete' };

const KEYS: Array<[string, string]> = [
  ['\x1b[A', 'up'], ['\x1bOA', 'up'], ['\x1b[B', 'down'], ['\x1bOB', 'down'],
  ['\x1b[C', 'right'], ['\x1bOC', 'right'], ['\x1b[D', 'left'], ['\x1bOD', 'left'],
  ['\x1b[H', 'home'], ['\x1bOH', 'home'], ['\x1b[1~', 'home'], ['\x1b[F', 'end'], ['\x1bOF', 'end'], ['\x1b[4~', 'end'],
  ['\x1b[3~', 'delete'], ['\x1b[1;5C', 'wordRight'], ['\x1b[1;5D', 'wordLeft'], ['\x1bf', 'wordRight'], ['\x1bb', 'wordLeft'],
  ['\x1b[200~', 'ignore'], ['\x1b[201~', 'ignore'],
];

export class LineEditor {
  buffer = '';
  cursor = 0;
  private history: string[] = [];
  /** Position in history while browsing with up/down; history.length means "the line being typed". */
  private index = 0;
  private draft = '';
  /** Ctrl+R reverse search in progress: the query, the history index of the match, the line before searching. */
  private search: { query: string; index: number; saved: string; failed: boolean } | undefined;

  /** The prompt to show instead of the usual one while searching history (bash's wording). */
  get searchPrompt(): string | undefined {
    if (!this.search) return undefined;
    return `(${this.search.failed ? 'failed ' : ''}reverse-i-search)\`${this.search.query}': `;
  }

  /** Lines submitted so far (oldest first), for up/down recall. */
  get entries(): readonly string[] {
    return this.history;
  }

  feed(data: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    let changed = false;
    let i = 0;
    while (i < data.length) {
      const c = data[i];
      if (this.search) {
        const used = this.searchKey(data, i);
        if (used > 0) {
          i += used;
          changed = true;
          continue;
        }
        changed = true;
      }
      if (c === '\x1b') {
        const key = KEYS.find(([seq]) => data.startsWith(seq, i));
        if (key) {
          changed = this.key(key[1]) || changed;
          i += key[0].length;
        } else {
          // Unknown escape sequence: skip ESC [ params final-byte.
          // eslint-disable-next-line no-control-regex -- terminal escape sequences are control characters
          const m = /^\x1b\[?[0-9;]*[@-~]?/.exec(data.slice(i));
          i += m ? m[0].length : 1;
        }
        continue;
      }
      i++;
      if (c === '\r' || c === '\n') {
        if (c === '\n' && data[i - 2] === '\r') continue;
        if (changed) events.push({ type: 'changed' });
        changed = false;
        events.push({ type: 'submit', line: this.take(true) });
      } else if (c === '\x03') {
        if (changed) events.push({ type: 'changed' });
        changed = false;
        events.push({ type: 'interrupt', line: this.take(false) });
      } else if (c === '\x0c') events.push({ type: 'clearScreen' });
      else if (c === '\x7f' || c === '\b') changed = this.edit(this.cursor > 0, this.cursor - 1, this.cursor) || changed;
      else if (c === '\x04') changed = this.edit(this.cursor < this.buffer.length, this.cursor, this.cursor + 1) || changed;
      else if (c === '\x01') changed = this.key('home') || changed;
      else if (c === '\x05') changed = this.key('end') || changed;
      else if (c === '\x02') changed = this.key('left') || changed;
      else if (c === '\x06') changed = this.key('right') || changed;
      else if (c === '\x10') changed = this.key('up') || changed;
      else if (c === '\x0e') changed = this.key('down') || changed;
      else if (c === '\x0b') changed = this.edit(true, this.cursor, this.buffer.length) || changed;
      else if (c === '\x15') changed = this.edit(true, 0, this.cursor) || changed;
      else if (c === '\x17') changed = this.edit(true, this.wordStart(), this.cursor) || changed;
      else if (c === '\t') {
        // A lone Tab is a key press (complete); Tabs inside a paste are text.
        if (data.length === 1) events.push({ type: 'complete' });
        else changed = this.insert('  ') || changed;
      } else if (c === '\x12') {
        this.search = { query: '', index: this.history.length, saved: this.buffer, failed: false };
        changed = true;
      }
      else if (c >= ' ') changed = this.insert(c) || changed;
    }
    if (changed) events.push({ type: 'changed' });
    return events;
  }

  /** Replace the text from `from` to the cursor (tab completion). */
  replaceWord(from: number, text: string): void {
    this.buffer = this.buffer.slice(0, from) + text + this.buffer.slice(this.cursor);
    this.cursor = from + text.length;
  }

  /**
   * One key while searching: returns how many characters it used, or 0 when the search ends and the key
   * should be handled as usual (Enter runs the found line, arrows and Ctrl keys edit it, Ctrl+C interrupts).
   */
  private searchKey(data: string, i: number): number {
    const s = this.search!;
    const c = data[i];
    if (c === '\x12') {
      this.find(s.query, s.index - 1);
      return 1;
    }
    if (c === '\x07' || (c === '\x1b' && i + 1 === data.length)) {
      this.buffer = s.saved;
      this.cursor = this.buffer.length;
      this.search = undefined;
      return 1;
    }
    if (c === '\x7f' || c === '\b') {
      s.query = s.query.slice(0, -1);
      this.find(s.query, this.history.length - 1);
      return 1;
    }
    if (c >= ' ' && c !== '\x7f') {
      s.query += c;
      this.find(s.query, Math.min(s.index, this.history.length - 1));
      return 1;
    }
    this.search = undefined;
    this.index = this.history.length;
    return 0;
  }

  /** The newest history entry at or before `start` containing `query`; the line shows it, the cursor on the match. */
  private find(query: string, start: number): void {
    const s = this.search!;
    for (let k = start; k >= 0; k--) {
      const at = this.history[k].indexOf(query);
      if (at >= 0) {
        s.index = k;
        s.failed = false;
        this.buffer = this.history[k];
        this.cursor = at;
        return;
      }
    }
    s.failed = query !== '';
  }

  /** Record a line in history without typing it (for inputs run programmatically). */
  remember(line: string): void {
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.index = this.history.length;
  }

  private take(record: boolean): string {
    const line = this.buffer;
    if (record) this.remember(line);
    else this.index = this.history.length;
    this.buffer = '';
    this.cursor = 0;
    this.draft = '';
    return line;
  }

  private insert(text: string): boolean {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    return true;
  }

  private edit(ok: boolean, from: number, to: number): boolean {
    if (!ok || from === to) return false;
    this.buffer = this.buffer.slice(0, from) + this.buffer.slice(to);
    this.cursor = from;
    return true;
  }

  private wordStart(): number {
    let i = this.cursor;
    while (i > 0 && this.buffer[i - 1] === ' ') i--;
    while (i > 0 && this.buffer[i - 1] !== ' ') i--;
    return i;
  }

  private wordEnd(): number {
    let i = this.cursor;
    while (i < this.buffer.length && this.buffer[i] === ' ') i++;
    while (i < this.buffer.length && this.buffer[i] !== ' ') i++;
    return i;
  }

  private key(name: string): boolean {
    const before = this.cursor;
    switch (name) {
      case 'left':
        this.cursor = Math.max(0, this.cursor - 1);
        break;
      case 'right':
        this.cursor = Math.min(this.buffer.length, this.cursor + 1);
        break;
      case 'home':
        this.cursor = 0;
        break;
      case 'end':
        this.cursor = this.buffer.length;
        break;
      case 'wordLeft':
        this.cursor = this.wordStart();
        break;
      case 'wordRight':
        this.cursor = this.wordEnd();
        break;
      case 'delete':
        return this.edit(this.cursor < this.buffer.length, this.cursor, this.cursor + 1);
      case 'up':
      case 'down': {
        const next = this.index + (name === 'up' ? -1 : 1);
        if (next < 0 || next > this.history.length) return false;
        if (this.index === this.history.length) this.draft = this.buffer;
        this.index = next;
        this.buffer = next === this.history.length ? this.draft : this.history[next];
        this.cursor = this.buffer.length;
        return true;
      }
      default:
        return false;
    }
    return this.cursor !== before;
  }
}

/**
 * Escape sequences that redraw `prompt + buffer` and leave the cursor at `cursor`, given the terminal width
 * and the row (relative to the line's first row) the cursor is on now. Returns the new cursor row.
 * Characters are taken as one column wide.
 */
export function render(
  prompt: string,
  buffer: string,
  cursor: number,
  cols: number,
  cursorRow: number,
  /** The prompt as written (with colours); `prompt` gives its visible width. */
  styledPrompt: string = prompt,
): { out: string; cursorRow: number } {
  let out = cursorRow > 0 ? `\x1b[${cursorRow}A` : '';
  out += `\r\x1b[J${styledPrompt}${buffer}`;
  const total = prompt.length + buffer.length;
  // At an exact multiple of the width the terminal waits to wrap; force the wrap so the position is known.
  if (total > 0 && total % cols === 0) out += ' \b';
  const endRow = Math.floor(total / cols);
  const target = prompt.length + cursor;
  const row = Math.floor(target / cols);
  const col = target % cols;
  if (endRow > row) out += `\x1b[${endRow - row}A`;
  out += '\r' + (col > 0 ? `\x1b[${col}C` : '');
  return { out, cursorRow: row };
}
