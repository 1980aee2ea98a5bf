import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../engine/shell/parser.ts';
import { TerminalSession, type ShellLike, type TermLike } from './session.ts';

/** A fake terminal that keeps only the visible text: strips escapes, applies \r and \n. */
function fakeTerm(cols = 80) {
  let lines: string[] = [''];
  let col = 0;
  const term: TermLike & { text(): string } = {
    cols,
    clear: () => {
      lines = [''];
      col = 0;
    },
    write: (data: string) => {
      // Only what these tests need: erase-below on redraw, carriage return, newline, cursor-forward.
      // eslint-disable-next-line no-control-regex -- terminal escape sequences are control characters
      const re = /\x1b\[([\d;]*)([A-Za-z])|\r|\n|\x08|[^\x1b\r\n\x08]+/g;
      for (const m of data.matchAll(re)) {
        const t = m[0];
        if (t === '\r') col = 0;
        else if (t === '\n') {
          lines.push('');
          col = 0;
        } else if (t === '\x08') col = Math.max(0, col - 1);
        else if (m[2] === 'J') lines[lines.length - 1] = lines[lines.length - 1].slice(0, col);
        else if (m[2] === 'C') col += Number(m[1] || 1);
        else if (m[2]) continue;
        else {
          const l = lines[lines.length - 1];
          lines[lines.length - 1] = l.slice(0, col).padEnd(col) + t + l.slice(col + t.length);
          col += t.length;
        }
      }
    },
    text: () => lines.join('\n'),
  };
  return term;
}

function fakeShell(): ShellLike & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    needsMoreInput,
    run: (input, onOutput) => {
      runs.push(input);
      if (input.startsWith('fail')) onOutput('stderr', 'boom\n');
      else if (input.startsWith('nonl')) onOutput('stdout', 'x');
      else onOutput('stdout', `ran: ${input.split('\n')[0]}\n`);
    },
  };
}

describe('TerminalSession', () => {
  it('runs a typed command and shows a new prompt', async () => {
    const term = fakeTerm();
    const sh = fakeShell();
    const s = new TerminalSession(term, sh);
    s.start();
    s.type('kubectl get pods\n');
    await s.idle();
    expect(sh.runs).toEqual(['kubectl get pods']);
    expect(term.text().split('\n').slice(-3)).toEqual(['$ kubectl get pods', 'ran: kubectl get pods', '$ ']);
  });

  it('continues unfinished input with the > prompt and runs it whole', async () => {
    const term = fakeTerm();
    const sh = fakeShell();
    const s = new TerminalSession(term, sh);
    s.start();
    s.type('cat <<EOF\nkind: Pod\nEOF\n');
    await s.idle();
    expect(sh.runs).toEqual(['cat <<EOF\nkind: Pod\nEOF']);
    expect(term.text().split('\n').slice(-5)).toEqual(['$ cat <<EOF', '> kind: Pod', '> EOF', 'ran: cat <<EOF', '$ ']);
  });

  it('ctrl-c abandons a continuation', async () => {
    const term = fakeTerm();
    const sh = fakeShell();
    const s = new TerminalSession(term, sh);
    s.start();
    s.type('echo "open\n');
    await s.idle();
    s.input('\x03');
    await s.idle();
    s.type('ls\n');
    await s.idle();
    expect(sh.runs).toEqual(['ls']);
    expect(term.text()).toContain('> ^C');
  });

  it('empty lines run nothing', async () => {
    const sh = fakeShell();
    const s = new TerminalSession(fakeTerm(), sh);
    s.start();
    s.type('\n   \n');
    await s.idle();
    expect(sh.runs).toEqual([]);
  });

  it('colours stderr and ends unterminated output with a newline', async () => {
    const writes: string[] = [];
    const term: TermLike = { cols: 80, clear: () => {}, write: (d) => writes.push(d) };
    const s = new TerminalSession(term, fakeShell());
    s.type('fail\n');
    await s.idle();
    expect(writes).toContain('\x1b[38;5;210mboom\r\n\x1b[0m');
    writes.length = 0;
    s.type('nonl\n');
    await s.idle();
    expect(writes.slice(writes.indexOf('x'), writes.indexOf('x') + 2)).toEqual(['x', '\r\n']);
  });

  it('recalls history with the up arrow', async () => {
    const term = fakeTerm();
    const sh = fakeShell();
    const s = new TerminalSession(term, sh);
    s.type('first\n');
    await s.idle();
    s.input('\x1b[A\r');
    await s.idle();
    expect(sh.runs).toEqual(['first', 'first']);
  });

  it('shows the prompt the shell asks for (ssh sessions)', async () => {
    const term = fakeTerm();
    let prompt = '$ ';
    const sh: ShellLike = {
      needsMoreInput,
      prompt: () => prompt,
      run: (input) => {
        if (input === 'ssh worker-1') prompt = 'root@worker-1:/# ';
        if (input === 'exit') prompt = '$ ';
      },
    };
    const s = new TerminalSession(term, sh);
    s.type('ssh worker-1\n');
    await s.idle();
    expect(term.text().split('\n').slice(-1)).toEqual(['root@worker-1:/# ']);
    s.type('exit\n');
    await s.idle();
    expect(term.text().split('\n').slice(-2)).toEqual(['root@worker-1:/# exit', '$ ']);
  });

  it('execute echoes a command at the prompt, returns its output and keeps the half-typed line', async () => {
    const term = fakeTerm();
    const sh = fakeShell();
    const s = new TerminalSession(term, {
      ...sh,
      run: (input, onOutput) => {
        sh.run(input, onOutput);
        return { exitCode: input.startsWith('fail') ? 1 : 0 };
      },
    });
    s.start();
    s.type('kubectl get');
    await s.idle();
    const r = await s.execute('fail apply -f web.yaml');
    expect(r).toEqual({ stdout: '', stderr: 'boom\n', exitCode: 1 });
    expect(term.text().split('\n').slice(-3)).toEqual(['$ fail apply -f web.yaml', 'boom', '$ kubectl get']);
    expect((await s.execute('kubectl apply -f web.yaml')).stdout).toBe('ran: kubectl apply -f web.yaml\n');
  });

  it('writes only the lines a bounded terminal keeps of a long output; the result has all of it', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `pod-${i}\n`).join('');
    const written: string[] = [];
    const bounded = (capacity?: number) => {
      const t = fakeTerm();
      const write = t.write;
      return Object.assign(t, { capacity, write: (d: string) => (written.push(d), write(d)) });
    };
    const shell = { ...fakeShell(), run: (_: string, onOutput: (s: 'stdout' | 'stderr', t: string) => void) => onOutput('stdout', rows) };
    const full = bounded(undefined);
    const kept = bounded(100);
    const a = new TerminalSession(full, shell);
    const b = new TerminalSession(kept, shell);
    a.start();
    b.start();
    written.length = 0;
    expect((await b.execute('kubectl get pods')).stdout).toBe(rows);
    const sent = written.join('');
    expect(sent).toContain('pod-299\r\n');
    expect(sent).toContain('pod-200\r\n');
    expect(sent).not.toContain('pod-199\r\n');
    await a.execute('kubectl get pods');
    // The last 100 lines the terminal keeps are the same either way.
    expect(kept.text().split('\n').slice(-100)).toEqual(full.text().split('\n').slice(-100));
  });
});

/** A shell whose `watch` input streams until cancelled (as `kubectl get -w` does through the lab's connection). */
function streamingShell() {
  const sh = fakeShell();
  let emit: ((t: string) => void) | undefined;
  let end: ((r: { exitCode: number }) => void) | undefined;
  const shell: ShellLike = {
    ...sh,
    stream: (input, onOutput) => {
      if (!input.startsWith('watch')) {
        sh.run(input, onOutput);
        return { cancel: () => {}, done: Promise.resolve({ exitCode: 0 }) };
      }
      sh.runs.push(input);
      onOutput('stdout', 'HEADER\n');
      emit = (t) => onOutput('stdout', t);
      return { cancel: () => end?.({ exitCode: 130 }), done: new Promise((r) => (end = r)) };
    },
  };
  return { shell, runs: sh.runs, emit: (t: string) => emit?.(t) };
}

describe('TerminalSession with a live command', () => {
  it('prints as the command streams; Ctrl+C prints ^C and the prompt comes back', async () => {
    const term = fakeTerm();
    const sh = streamingShell();
    const s = new TerminalSession(term, sh.shell);
    s.start();
    s.type('watch pods\n');
    await Promise.resolve();
    expect(s.running).toBe(true);
    sh.emit('row 1\n');
    sh.emit('row 2\n');
    s.input('\x03');
    await s.idle();
    expect(term.text().split('\n').slice(-6)).toEqual(['$ watch pods', 'HEADER', 'row 1', 'row 2', '^C', '$ ']);
    expect(s.running).toBe(false);
  });

  it('keys typed while a command runs wait for it (typeahead); Ctrl+C drops what came before it', async () => {
    const term = fakeTerm();
    const sh = streamingShell();
    const s = new TerminalSession(term, sh.shell);
    s.start();
    s.type('watch pods\necho one\n');
    await Promise.resolve();
    expect(sh.runs).toEqual(['watch pods']);
    s.type('lost');
    s.input('\x03');
    s.type('echo two\n');
    await s.idle();
    await s.idle();
    expect(sh.runs).toEqual(['watch pods', 'echo two']);
  });
});

describe('TerminalSession with asynchronous completion', () => {
  it('keys typed while Tab is being completed wait for the completion', async () => {
    const term = fakeTerm();
    let answer: ((c: { from: number; candidates: string[] }) => void) | undefined;
    const s = new TerminalSession(term, fakeShell(), () => new Promise((r) => (answer = r)));
    s.start();
    s.type('kubectl desc');
    s.input('\t');
    s.type('deploy');
    expect(s.editor.buffer).toBe('kubectl desc');
    answer?.({ from: 8, candidates: ['describe'] });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.editor.buffer).toBe('kubectl describe deploy');
  });
});
