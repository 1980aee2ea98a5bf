import { describe, expect, it } from 'vitest';
import { LineEditor, render } from './lineEditor.ts';

describe('LineEditor', () => {
  const cases: Array<{ name: string; keys: string[]; buffer: string; cursor: number }> = [
    { name: 'typing', keys: ['kubectl'], buffer: 'kubectl', cursor: 7 },
    { name: 'backspace', keys: ['abc', '\x7f'], buffer: 'ab', cursor: 2 },
    { name: 'backspace at start does nothing', keys: ['\x7f'], buffer: '', cursor: 0 },
    { name: 'left then insert', keys: ['ac', '\x1b[D', 'b'], buffer: 'abc', cursor: 2 },
    { name: 'home and end', keys: ['bc', '\x1b[H', 'a', '\x1b[F', 'd'], buffer: 'abcd', cursor: 4 },
    { name: 'ctrl-a, ctrl-e', keys: ['bc', '\x01', 'a', '\x05', 'd'], buffer: 'abcd', cursor: 4 },
    { name: 'delete key', keys: ['abc', '\x1b[D', '\x1b[D', '\x1b[3~'], buffer: 'ac', cursor: 1 },
    { name: 'ctrl-u kills to start', keys: ['get pods', '\x1b[D', '\x1b[D', '\x1b[D', '\x1b[D', '\x15'], buffer: 'pods', cursor: 0 },
    { name: 'ctrl-k kills to end', keys: ['get pods', '\x01', '\x1b[C', '\x1b[C', '\x1b[C', '\x0b'], buffer: 'get', cursor: 3 },
    { name: 'ctrl-w deletes a word', keys: ['kubectl get pods', '\x17'], buffer: 'kubectl get ', cursor: 12 },
    { name: 'word motion', keys: ['kubectl get pods', '\x1b[1;5D', '\x1b[1;5D', 'x'], buffer: 'kubectl xget pods', cursor: 9 },
    { name: 'right stops at end', keys: ['a', '\x1b[C', '\x1b[C'], buffer: 'a', cursor: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ed = new LineEditor();
      for (const k of c.keys) ed.feed(k);
      expect([ed.buffer, ed.cursor]).toEqual([c.buffer, c.cursor]);
    });
  }

  it('submits on enter and remembers history', () => {
    const ed = new LineEditor();
    expect(ed.feed('ls\r')).toEqual([{ type: 'changed' }, { type: 'submit', line: 'ls' }]);
    ed.feed('pwd\r');
    ed.feed('half');
    ed.feed('\x1b[A');
    expect(ed.buffer).toBe('pwd');
    ed.feed('\x1b[A');
    expect(ed.buffer).toBe('ls');
    ed.feed('\x1b[A');
    expect(ed.buffer).toBe('ls');
    ed.feed('\x1b[B\x1b[B');
    expect(ed.buffer).toBe('half');
  });

  it('does not record blank lines or immediate repeats', () => {
    const ed = new LineEditor();
    ed.feed('a\r\r  \ra\r');
    expect(ed.entries).toEqual(['a']);
  });

  it('splits a multi-line paste into submits in order', () => {
    const ed = new LineEditor();
    const events = ed.feed('cat <<EOF\rkind: Pod\rEOF\rtail');
    expect(events.filter((e) => e.type === 'submit')).toEqual([
      { type: 'submit', line: 'cat <<EOF' },
      { type: 'submit', line: 'kind: Pod' },
      { type: 'submit', line: 'EOF' },
    ]);
    expect(ed.buffer).toBe('tail');
  });

  it('treats CRLF as one line end', () => {
    const ed = new LineEditor();
    expect(ed.feed('a\r\nb\r\n').filter((e) => e.type === 'submit').length).toBe(2);
  });

  it('ctrl-c abandons the line; ctrl-l asks for a clear screen', () => {
    const ed = new LineEditor();
    expect(ed.feed('abc\x03')).toEqual([{ type: 'changed' }, { type: 'interrupt', line: 'abc' }]);
    expect(ed.buffer).toBe('');
    expect(ed.feed('\x0c')).toEqual([{ type: 'clearScreen' }]);
  });
});

describe('render', () => {
  const cases: Array<{ name: string; args: [string, string, number, number, number]; want: { out: string; cursorRow: number } }> = [
    { name: 'short line, cursor at end', args: ['$ ', 'ls', 2, 80, 0], want: { out: '\r\x1b[J$ ls\r\x1b[4C', cursorRow: 0 } },
    { name: 'cursor in the middle', args: ['$ ', 'abc', 1, 80, 0], want: { out: '\r\x1b[J$ abc\r\x1b[3C', cursorRow: 0 } },
    { name: 'wrapped line, cursor on first row', args: ['$ ', 'abcdefgh', 0, 4, 0], want: { out: '\r\x1b[J$ abcdefgh\x1b[2A\r\x1b[2C', cursorRow: 0 } },
    { name: 'moves up from the previous cursor row', args: ['$ ', 'abcdef', 6, 4, 1], want: { out: '\x1b[1A\r\x1b[J$ abcdef \b\r', cursorRow: 2 } },
  ];
  for (const c of cases) it(c.name, () => expect(render(...c.args)).toEqual(c.want));
});

describe('LineEditor: Tab and Ctrl+R', () => {
  const typed = (ed: LineEditor, ...keys: string[]) => keys.flatMap((k) => ed.feed(k));
  it('a lone Tab asks for completion; Tabs inside a paste stay text', () => {
    const ed = new LineEditor();
    expect(ed.feed('\t')).toEqual([{ type: 'complete' }]);
    ed.feed('a\tb');
    expect(ed.buffer).toBe('a  b');
  });

  // bash's reverse-i-search: the newest matching entry first, Ctrl+R again for older ones, Enter runs it,
  // Ctrl+G restores the line, another key ends the search and edits the match.
  const history = ['kubectl get pods', 'kubectl get nodes', 'echo hi', 'kubectl get pods -o wide'];
  const cases: Array<{ name: string; keys: string[]; buffer: string; prompt?: string; events?: unknown[] }> = [
    { name: 'finds the newest match', keys: ['\x12', 'g', 'e', 't'], buffer: 'kubectl get pods -o wide', prompt: "(reverse-i-search)`get': " },
    { name: 'Ctrl+R again goes older', keys: ['\x12', 'get', '\x12'], buffer: 'kubectl get nodes' },
    { name: 'no match says failed', keys: ['\x12', 'zzz'], buffer: '', prompt: "(failed reverse-i-search)`zzz': " },
    { name: 'Ctrl+G restores the line', keys: ['draft', '\x12', 'echo', '\x07'], buffer: 'draft' },
    { name: 'Enter runs the match', keys: ['\x12', 'echo', '\r'], buffer: '', events: [{ type: 'submit', line: 'echo hi' }] },
    { name: 'an arrow ends the search, keeping the match', keys: ['\x12', 'nodes', '\x1b[F'], buffer: 'kubectl get nodes' },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const ed = new LineEditor();
      for (const h of history) ed.remember(h);
      const evs = typed(ed, ...tc.keys);
      expect(ed.buffer).toBe(tc.buffer);
      if (tc.prompt) expect(ed.searchPrompt).toBe(tc.prompt);
      if (tc.events) expect(evs.filter((e) => e.type === 'submit')).toEqual(tc.events);
    });
  }
});
