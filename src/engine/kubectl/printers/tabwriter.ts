/**
 * Go's text/tabwriter as kubectl configures it (printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3,
 * pad char ' ', flags RememberWidths from github.com/liggitt/tabwriter).
 *
 * Text is buffered until `flush()`. Cells are tab-terminated; the text after the last tab of a line is not
 * part of any column. A column block is a run of consecutive lines that all have a cell in that column; an
 * empty line (or a line with fewer cells) ends the block, exactly as in Go. With RememberWidths, a column
 * never shrinks between flushes (so watch rows stay aligned with the header printed earlier).
 *
 * Tables of thousands of rows go through here, so the buffer is kept as cells rather than text: one flat
 * array of cell texts with their widths and the index where each line ends (no array per line, no splitting
 * of joined text), and `flush` hands the sink one string.
 */
export interface TabWriterOptions {
  minwidth?: number;
  padding?: number;
  rememberWidths?: boolean;
}

/**
 * Display width of a cell: Go counts runes (UTF-8 code points); a UTF-16 surrogate pair is one. -1 when the
 * text holds a tab or a newline (it is more than one cell).
 */
function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10) return -1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const pads: string[] = [];
function pad(n: number): string {
  if (n <= 0) return '';
  if (n > 256) return ' '.repeat(n);
  return (pads[n] ??= ' '.repeat(n));
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly padding: number;
  private readonly remember: boolean;
  private maxwidths: number[] = [];
  /** Every buffered cell's text and width, lines one after another. */
  private cells: string[] = [];
  private cellWidths: number[] = [];
  /** For each complete line, the index in `cells` just past its last cell. */
  private lineEnds: number[] = [];
  /** Text of the cell being written (neither a tab nor a newline has ended it yet). */
  private cur = '';
  /** The text `flush` is producing. */
  private out = '';

  constructor(
    private readonly sink: (text: string) => void,
    opts: TabWriterOptions = {},
  ) {
    this.minwidth = opts.minwidth ?? 6;
    this.padding = opts.padding ?? 3;
    this.remember = opts.rememberWidths ?? true;
  }

  write(text: string): void {
    let from = 0;
    let tab = text.indexOf('\t');
    let nl = text.indexOf('\n');
    while (tab >= 0 || nl >= 0) {
      const atTab = tab >= 0 && (nl < 0 || tab < nl);
      const end = atTab ? tab : nl;
      this.push(this.cur + text.slice(from, end));
      this.cur = '';
      from = end + 1;
      if (atTab) tab = text.indexOf('\t', from);
      else {
        this.lineEnds.push(this.cells.length);
        nl = text.indexOf('\n', from);
      }
    }
    if (from < text.length) this.cur += from === 0 ? text : text.slice(from);
  }

  /** Write one tab-terminated cell: the same as `write(text + '\t')`. */
  cell(text: string): void {
    const w = this.cur === '' ? runeWidth(text) : -1;
    if (w < 0) {
      this.write(text + '\t');
      return;
    }
    this.cells.push(text);
    this.cellWidths.push(w);
  }

  /** End a line with its trailing text (not part of any column): the same as `write(text + '\n')`. */
  endLine(text: string): void {
    const w = this.cur === '' ? runeWidth(text) : -1;
    if (w < 0) {
      this.write(text + '\n');
      return;
    }
    this.cells.push(text);
    this.cellWidths.push(w);
    this.lineEnds.push(this.cells.length);
  }

  /** A cell cut out of written text (it holds no tab or newline). */
  private push(text: string): void {
    this.cells.push(text);
    this.cellWidths.push(runeWidth(text));
  }

  /** Forget remembered column widths (kubectl does this when it starts a new resource type's table). */
  setRememberedWidths(widths: number[] | null): void {
    this.maxwidths = widths ? [...widths] : [];
  }

  flush(): void {
    const lastEnd = this.lineEnds.length > 0 ? this.lineEnds[this.lineEnds.length - 1] : 0;
    const open = this.cur !== '' || this.cells.length > lastEnd;
    if (!open && this.lineEnds.length === 0) return;
    // Text after the last newline is a last line without one.
    if (open) {
      this.push(this.cur);
      this.cur = '';
      this.lineEnds.push(this.cells.length);
    }
    this.out = '';
    this.format(0, this.lineEnds.length, []);
    const text = open ? this.out : this.out + '\n';
    this.out = '';
    this.cells = [];
    this.cellWidths = [];
    this.lineEnds = [];
    this.sink(text);
  }

  /** Number of cells of line `t` (a line's last cell is its trailing text). */
  private count(t: number): number {
    return this.lineEnds[t] - (t === 0 ? 0 : this.lineEnds[t - 1]);
  }

  private format(line0: number, line1: number, widths: number[]): void {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= this.count(t) - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(start, t, widths);
      start = t;
      let width = this.minwidth;
      for (; t < line1; t++) {
        if (column >= this.count(t) - 1) break;
        const w = this.cellWidths[(t === 0 ? 0 : this.lineEnds[t - 1]) + column] + this.padding;
        if (w > width) width = w;
      }
      if (this.remember) {
        if (this.maxwidths.length < widths.length) this.maxwidths.push(...widths.slice(this.maxwidths.length));
        if (this.maxwidths.length === widths.length) this.maxwidths.push(width);
        else if (this.maxwidths[widths.length] > width) width = this.maxwidths[widths.length];
        else this.maxwidths[widths.length] = width;
      }
      widths.push(width);
      this.format(start, t, widths);
      widths.pop();
      start = t;
      t--; // the outer loop's t++ revisits line t, which ended the block
    }
    this.writeLines(start, line1, widths);
  }

  /** Append lines `from`..`to`, each but the very last followed by a newline (flush adds the last one's). */
  private writeLines(from: number, to: number, widths: number[]): void {
    const { cells, cellWidths, lineEnds } = this;
    const last = lineEnds.length - 1;
    // Appended piece by piece: V8 keeps the text as a rope and copies it once, when the sink reads it.
    let out = this.out;
    for (let i = from; i < to; i++) {
      const s = i === 0 ? 0 : lineEnds[i - 1];
      const n = lineEnds[i] - s;
      const padded = Math.min(widths.length, n - 1);
      for (let j = 0; j < n; j++) {
        out += cells[s + j];
        if (j < padded) out += pad(widths[j] - cellWidths[s + j]);
      }
      if (i < last) out += '\n';
    }
    this.out = out;
  }
}

/** Format complete text through a fresh tab writer (convenience for one-shot tables). */
export function tabulate(text: string, opts?: TabWriterOptions): string {
  let out = '';
  const w = new TabWriter((t) => (out += t), opts);
  w.write(text);
  w.flush();
  return out;
}
