/**
 * Go's text/tabwriter as kubectl configures it (printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3,
 * pad char ' ', flags RememberWidths from github.com/liggitt/tabwriter).
 *
 * Text is buffered until `flush()`. Cells are tab-terminated; the text after the last tab of a line is not
 * part of any column. A column block is a run of consecutive lines that all have a cell in that column; an
 * empty line (or a line with fewer cells) ends the block, exactly as in Go. With RememberWidths, a column
 * never shrinks between flushes (so watch rows stay aligned with the header printed earlier).
 */
export interface TabWriterOptions {
  minwidth?: number;
  padding?: number;
  rememberWidths?: boolean;
}

/** Display width of a cell: Go counts runes (UTF-8 code points). */
function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private buf = '';
  private readonly minwidth: number;
  private readonly padding: number;
  private readonly remember: boolean;
  private maxwidths: number[] = [];

  constructor(
    private readonly sink: (text: string) => void,
    opts: TabWriterOptions = {},
  ) {
    this.minwidth = opts.minwidth ?? 6;
    this.padding = opts.padding ?? 3;
    this.remember = opts.rememberWidths ?? true;
  }

  write(text: string): void {
    this.buf += text;
  }

  /** Forget remembered column widths (kubectl does this when it starts a new resource type's table). */
  setRememberedWidths(widths: number[] | null): void {
    this.maxwidths = widths ? [...widths] : [];
  }

  flush(): void {
    if (this.buf === '') return;
    const text = this.buf;
    this.buf = '';
    const endsWithNewline = text.endsWith('\n');
    const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
    const lines = rawLines.map((l) => l.split('\t'));
    const out: string[] = [];
    const widths: number[] = [];
    this.format(lines, 0, lines.length, widths, out);
    let result = '';
    for (let i = 0; i < out.length; i++) result += out[i] + (i < out.length - 1 || endsWithNewline ? '\n' : '');
    this.sink(result);
  }

  private format(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(lines, start, t, widths, out);
      start = t;
      let width = this.minwidth;
      for (; t < line1; t++) {
        if (column >= lines[t].length - 1) break;
        const w = runeWidth(lines[t][column]) + this.padding;
        if (w > width) width = w;
      }
      if (this.remember) {
        if (this.maxwidths.length < widths.length) this.maxwidths.push(...widths.slice(this.maxwidths.length));
        if (this.maxwidths.length === widths.length) this.maxwidths.push(width);
        else if (this.maxwidths[widths.length] > width) width = this.maxwidths[widths.length];
        else this.maxwidths[widths.length] = width;
      }
      widths.push(width);
      this.format(lines, start, t, widths, out);
      widths.pop();
      start = t;
      t--; // the outer loop's t++ revisits line t, which ended the block
    }
    this.writeLines(lines, start, line1, widths, out);
  }

  private writeLines(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(c)));
      }
      out.push(s);
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
