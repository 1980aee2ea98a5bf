// visibleTail against what a terminal with a bounded buffer keeps (xterm.js: rows + scrollback lines, the
// oldest dropped first): writing the tail must leave exactly the lines writing the whole text leaves.
import { describe, expect, it } from 'vitest';
import { visibleTail } from './elide.ts';

/** The last `capacity` rows a terminal of unbounded width holds after `prior` then `text` (LF as CR LF). */
function kept(prior: string, text: string, capacity: number): string[] {
  const rows = (prior + text).split('\n');
  return rows.slice(Math.max(0, rows.length - capacity));
}

const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `pod-${from + i}   1/1   Running\n`).join('');

describe('visibleTail', () => {
  const cases: Array<{ name: string; text: string; capacity: number; cut: boolean }> = [
    { name: 'short output is written whole', text: lines(10), capacity: 50, cut: false },
    { name: 'exactly the capacity in lines is written whole', text: lines(50), capacity: 50, cut: false },
    { name: 'one line more than the capacity is cut', text: lines(52), capacity: 50, cut: true },
    { name: 'a long table keeps its last lines', text: lines(10_000), capacity: 5040, cut: true },
    { name: 'without a final newline the partial last line stays', text: lines(200) + 'tail-without-newline', capacity: 50, cut: true },
    { name: 'CR LF line ends', text: lines(200).replace(/\n/g, '\r\n'), capacity: 50, cut: true },
    { name: 'tabs in dropped lines change nothing later', text: lines(100).replace(/ {3}/g, '\t') + lines(100), capacity: 50, cut: true },
    { name: 'a colour in the dropped part is kept (it carries over)', text: '\x1b[31m' + lines(200), capacity: 50, cut: false },
    { name: 'a bell in the dropped part is kept', text: 'x\x07\n' + lines(200), capacity: 50, cut: false },
    { name: 'a C1 control in the dropped part is kept', text: '\x9b31m\n' + lines(200), capacity: 50, cut: false },
    { name: 'escapes inside the kept lines do not matter', text: lines(200) + '\x1b[1mbold\x1b[0m\n', capacity: 50, cut: true },
    { name: 'no capacity known', text: lines(200), capacity: 0, cut: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tail = visibleTail(c.text, c.capacity);
      expect(tail.length < c.text.length).toBe(c.cut);
      expect(c.text.endsWith(tail)).toBe(true);
      if (!c.cut || c.capacity <= 0) return;
      const plain = (s: string) => s.replace(/\r/g, '');
      // Whatever was on the terminal before, the rows it keeps are the same.
      for (const prior of ['', '$ kubectl get pods -A\n', lines(3000, 90_000)]) {
        expect(kept(prior, plain(tail), c.capacity)).toEqual(kept(prior, plain(c.text), c.capacity));
      }
    });
  }
});
