import { columns, commonPrefix, complete, type CompletionSource } from './completion.ts';
import { LineEditor, render } from './lineEditor.ts';

/** The little a terminal session needs from a terminal emulator (xterm.js in the page, a fake in tests). */
export interface TermLike {
  write(data: string): void;
  readonly cols: number;
  /** Erase the screen and scrollback, cursor to the top. */
  clear(): void;
}

export interface ShellLike {
  /** Run one complete input; may return its exit code. */
  run(input: string, onOutput: (stream: 'stdout' | 'stderr', text: string) => void): { exitCode: number } | void;
  needsMoreInput(input: string): boolean;
  /** The prompt to show before the next command (`$ `, `root@worker-1:/# ` after `ssh worker-1`); `$ ` when absent. */
  prompt?(): string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const PROMPT = '$ ';
export const CONTINUATION = '> ';
const STYLE = {
  promptColour: '\x1b[38;5;114m',
  continuation: '\x1b[38;5;244m>\x1b[0m ',
  stderr: '\x1b[38;5;210m',
  reset: '\x1b[0m',
};

/** The prompt in colour, its trailing blank left plain (so the cursor cell is never tinted). */
function styledPrompt(prompt: string): string {
  const body = prompt.replace(/ $/, '');
  return `${STYLE.promptColour}${body}${STYLE.reset}${prompt.slice(body.length)}`;
}

export const BANNER =
  '\x1b[1mWelcome to Kubelab\x1b[0m \x1b[38;5;244m— a simulated Kubernetes 1.32 cluster in your browser.\x1b[0m\r\n' +
  '\x1b[38;5;244mType \x1b[0mhelp\x1b[38;5;244m for shell commands, or start with \x1b[0mkubectl get nodes\x1b[38;5;244m.\x1b[0m\r\n\r\n';

/**
 * One interactive terminal session: prompt, line editing, continuation lines (`> `) while the input is
 * unfinished (open quote, heredoc, trailing `|`), running complete inputs, and printing their output with
 * stderr in a soft red. Knows nothing about xterm.js or the DOM.
 */
export class TerminalSession {
  readonly editor = new LineEditor();
  private lines: string[] = [];
  private cursorRow = 0;

  constructor(
    private readonly term: TermLike,
    private readonly shell: ShellLike,
    private readonly completion?: CompletionSource,
  ) {}

  start(): void {
    this.term.write(BANNER);
    this.redraw();
  }

  /** Feed what the terminal received from the keyboard (or a paste). */
  input(data: string): void {
    for (const ev of this.editor.feed(data)) {
      if (ev.type === 'changed') this.redraw();
      else if (ev.type === 'complete') this.complete();
      else if (ev.type === 'clearScreen') {
        this.term.clear();
        this.cursorRow = 0;
        this.redraw();
      } else if (ev.type === 'interrupt') {
        this.redraw();
        this.term.write('^C\r\n');
        this.lines = [];
        this.cursorRow = 0;
        this.redraw();
      } else this.submit(ev.line);
    }
  }

  /** Run a command as if typed (used by lessons and tests). */
  type(text: string): void {
    this.input(text.replace(/\n/g, '\r'));
  }

  /**
   * Run `command` as if it had been typed at a fresh prompt (the editor's Apply uses this): the command and
   * its output are echoed, then the prompt comes back with whatever the user had half-typed. An unfinished
   * multi-line input is abandoned as with Ctrl+C.
   */
  execute(command: string): ExecResult {
    if (this.lines.length > 0) this.input('\x03');
    this.redraw(command, command.length);
    this.term.write('\r\n');
    this.cursorRow = 0;
    const res = this.runText(command);
    this.redraw();
    return res;
  }

  /** Tab: complete the word at the cursor, or list the choices when it is ambiguous (as bash on a second Tab). */
  private complete(): void {
    if (!this.completion) return;
    const ed = this.editor;
    let r;
    try {
      r = complete(ed.buffer, ed.cursor, this.completion);
    } catch {
      return;
    }
    const word = ed.buffer.slice(r.from, ed.cursor);
    if (r.candidates.length === 0) return;
    if (r.candidates.length === 1) {
      const c = r.candidates[0];
      ed.replaceWord(r.from, c.endsWith('/') || c.endsWith('=') ? c : `${c} `);
      this.redraw();
      return;
    }
    const prefix = commonPrefix(r.candidates);
    if (prefix.length > word.length) {
      ed.replaceWord(r.from, prefix);
      this.redraw();
      return;
    }
    this.redraw(ed.buffer, ed.buffer.length);
    this.term.write(`\r\n${columns(r.candidates, Math.max(1, this.term.cols))}\r\n`);
    this.cursorRow = 0;
    this.redraw();
  }

  private submit(line: string): void {
    this.redraw(line);
    this.term.write('\r\n');
    this.cursorRow = 0;
    this.lines.push(line);
    const text = this.lines.join('\n');
    if (this.shell.needsMoreInput(text)) {
      this.redraw();
      return;
    }
    this.lines = [];
    if (text.trim() !== '') this.runText(text);
    this.redraw();
  }

  private runText(text: string): ExecResult {
    let last = '\n';
    let stdout = '';
    let stderr = '';
    const r = this.shell.run(text, (stream, chunk) => {
      if (!chunk) return;
      last = chunk[chunk.length - 1];
      if (stream === 'stderr') stderr += chunk;
      else stdout += chunk;
      const body = chunk.replace(/\r?\n/g, '\r\n');
      this.term.write(stream === 'stderr' ? STYLE.stderr + body + STYLE.reset : body);
    });
    // Output without a final newline (`echo -n`) gets one, so the prompt starts on its own line.
    if (last !== '\n') this.term.write('\r\n');
    return { stdout, stderr, exitCode: r ? r.exitCode : 0 };
  }

  private redraw(buffer = this.editor.buffer, cursor = buffer === this.editor.buffer ? this.editor.cursor : buffer.length): void {
    const cont = this.lines.length > 0;
    const search = this.editor.searchPrompt;
    const prompt = search ?? (cont ? CONTINUATION : (this.shell.prompt?.() ?? PROMPT));
    const styled = search ?? (cont ? STYLE.continuation : styledPrompt(prompt));
    const r = render(prompt, buffer, cursor, Math.max(1, this.term.cols), this.cursorRow, styled);
    this.term.write(r.out);
    this.cursorRow = r.cursorRow;
  }
}
