import { LineEditor, render } from './lineEditor.ts';

/** The little a terminal session needs from a terminal emulator (xterm.js in the page, a fake in tests). */
export interface TermLike {
  write(data: string): void;
  readonly cols: number;
  /** Erase the screen and scrollback, cursor to the top. */
  clear(): void;
}

export interface ShellLike {
  run(input: string, onOutput: (stream: 'stdout' | 'stderr', text: string) => void): void;
  needsMoreInput(input: string): boolean;
}

export const PROMPT = '$ ';
export const CONTINUATION = '> ';
const STYLE = {
  prompt: '\x1b[38;5;114m$\x1b[0m ',
  continuation: '\x1b[38;5;244m>\x1b[0m ',
  stderr: '\x1b[38;5;210m',
  reset: '\x1b[0m',
};

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
  ) {}

  start(): void {
    this.term.write(BANNER);
    this.redraw();
  }

  /** Feed what the terminal received from the keyboard (or a paste). */
  input(data: string): void {
    for (const ev of this.editor.feed(data)) {
      if (ev.type === 'changed') this.redraw();
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
    if (text.trim() !== '') {
      let last = '\n';
      this.shell.run(text, (stream, chunk) => {
        if (!chunk) return;
        last = chunk[chunk.length - 1];
        const body = chunk.replace(/\r?\n/g, '\r\n');
        this.term.write(stream === 'stderr' ? STYLE.stderr + body + STYLE.reset : body);
      });
      // Output without a final newline (`echo -n`) gets one, so the prompt starts on its own line.
      if (last !== '\n') this.term.write('\r\n');
    }
    this.redraw();
  }

  private redraw(buffer = this.editor.buffer, cursor = buffer === this.editor.buffer ? this.editor.cursor : buffer.length): void {
    const cont = this.lines.length > 0;
    const r = render(cont ? CONTINUATION : PROMPT, buffer, cursor, Math.max(1, this.term.cols), this.cursorRow, cont ? STYLE.continuation : STYLE.prompt);
    this.term.write(r.out);
    this.cursorRow = r.cursorRow;
  }
}
