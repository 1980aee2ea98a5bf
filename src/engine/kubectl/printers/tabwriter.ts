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
 * of joined text), and `flush` hands the sink one string built by a single join.
 */
export interface TabWriterOptions {
  minwidth?: number;
  padding?: number;
  rememberWidths?: boolean;
}

/** Display width of a cell: Go counts runes (UTF-8 code points); a UTF-16 surrogate pair is one. */
function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
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
    if (this.cur !== '' || text.includes('\t') || text.includes('\n')) this.write(text + '\t');
    else this.push(text);
  }

  /** End a line with its trailing text (not part of any column): the same as `write(text + '\n')`. */
  endLine(text: string): void {
    if (this.cur !== '' || text.includes('\t') || text.includes('\n')) {
      this.write(text + '\n');
      return;
    }
    this.push(text);
    this.lineEnds.push(this.cells.length);
  }

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
    const out: string[] = [];
    this.format(0, this.lineEnds.length, [], out);
    if (!open) out.push('\n');
    this.cells = [];
    this.cellWidths = [];
    this.lineEnds = [];
    this.sink(out.join(''));
  }

  /** Number of cells of line `t` (a line's last cell is its trailing text). */
  private count(t: number): number {
    return this.lineEnds[t] - (t === 0 ? 0 : this.lineEnds[t - 1]);
  }

  private format(line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= this.count(t) - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(start, t, widths, out);
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
      this.format(start, t, widths, out);
      widths.pop();
      start = t;
      t--; // the outer loop's t++ revisits line t, which ended the block
    }
    this.writeLines(start, line1, widths, out);
  }

  /** Lines `from`..`to`, each but the very last followed by a newline (flush adds the last one's). */
  private writeLines(from: number, to: number, widths: number[], out: string[]): void {
    const { cells, cellWidths, lineEnds } = this;
    const last = lineEnds.length - 1;
    for (let i = from; i < to; i++) {
      const s = i === 0 ? 0 : lineEnds[i - 1];
      const n = lineEnds[i] - s;
      const padded = Math.min(widths.length, n - 1);
      for (let j = 0; j < n; j++) {
        out.push(cells[s + j]);
        if (j < padded) out.push(pad(widths[j] - cellWidths[s + j]));
      }
      if (i < last) out.push('\n');
    }
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
