// The tab writer keeps cells instead of text; it must print exactly what Go's text/tabwriter algorithm
// prints (format/writeLines in text/tabwriter, with liggitt/tabwriter's RememberWidths). `reference` below
// is that algorithm over joined text, transcribed directly; random tables, ragged lines, tabs and newlines
// inside cells, runes outside the BMP, partial writes and several flushes must give the same output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TabWriter, tabulate } from './tabwriter.ts';

function reference(chunks: string[][], minwidth = 6, padding = 3, remember = true): string[] {
  const maxwidths: number[] = [];
  const runes = (s: string) => [...s].length;
  const results: string[] = [];
  for (const parts of chunks) {
    const text = parts.join('');
    if (text === '') continue;
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    const out: string[] = [];
    const writeLines = (from: number, to: number, widths: number[]) => {
      for (let i = from; i < to; i++) {
        let s = '';
        lines[i].forEach((c, j) => {
          s += c;
          if (j < widths.length && j < lines[i].length - 1) s += ' '.repeat(Math.max(0, widths[j] - runes(c)));
        });
        out.push(s);
      }
    };
    const format = (line0: number, line1: number, widths: number[]) => {
      const column = widths.length;
      let start = line0;
      for (let t = line0; t < line1; t++) {
        if (column >= lines[t].length - 1) continue;
        writeLines(start, t, widths);
        start = t;
        let width = minwidth;
        for (; t < line1 && column < lines[t].length - 1; t++) width = Math.max(width, runes(lines[t][column]) + padding);
        if (remember) {
          if (maxwidths.length < widths.length) maxwidths.push(...widths.slice(maxwidths.length));
          if (maxwidths.length === widths.length) maxwidths.push(width);
          else if (maxwidths[widths.length] > width) width = maxwidths[widths.length];
          else maxwidths[widths.length] = width;
        }
        format(start, t, [...widths, width]);
        start = t;
        t--;
      }
      writeLines(start, line1, widths);
    };
    format(0, lines.length, []);
    results.push(out.join('\n') + (endsWithNewline ? '\n' : ''));
  }
  return results;
}

/** Writes as a printer makes them: whole cells, line ends, or raw text. */
type Op = { cell: string } | { end: string } | { text: string };
const cellText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', 'a', 'NAME', 'web-7995b8d97d-22l7m', 'Running', '<none>', '10.244.1.2', '5 (46s ago)') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('x', 'é', '日', '\u{1F600}', ' ', '\t', '\n'), maxLength: 6 }) },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: cellText.map((cell) => ({ cell })) },
  { weight: 2, arbitrary: cellText.map((end) => ({ end })) },
  { weight: 1, arbitrary: cellText.map((text) => ({ text })) },
);
const asText = (o: Op) => ('cell' in o ? o.cell + '\t' : 'end' in o ? o.end + '\n' : o.text);

describe('TabWriter (cells) against text/tabwriter', () => {
  it('prints what the text algorithm prints, over random writes and flushes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 40 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (flushes, remember) => {
        const got: string[] = [];
        const w = new TabWriter((t) => got.push(t), { rememberWidths: remember });
        for (const ops of flushes) {
          for (const o of ops) {
            if ('cell' in o) w.cell(o.cell);
            else if ('end' in o) w.endLine(o.end);
            else w.write(o.text);
          }
          w.flush();
        }
        expect(got).toEqual(reference(flushes.map((ops) => ops.map(asText)), 6, 3, remember));
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it.each([
    ['a table', 'NAME\tREADY\tAGE\nweb-1\t1/1\t5s\nlonger-name\t0/1\t10m\n'],
    ['ragged lines and an empty line', 'a\tb\tc\nd\te\n\nf\tg\th\ti\n'],
    ['no final newline', 'a\tbb\nccc\tdddd'],
    ['only a newline', '\n'],
    ['a tab and nothing else', '\t'],
    ['runes beyond the BMP count once', 'x\u{1F600}\ty\nlong\tz\n'],
  ])('%s', (_n, text) => {
    expect(tabulate(text)).toBe(reference([[text]])[0] ?? '');
  });
});
