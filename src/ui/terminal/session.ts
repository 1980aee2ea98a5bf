import { columns, commonPrefix, complete, type Completion, type CompletionSource } from './completion.ts';
import { visibleTail } from './elide.ts';
import { LineEditor, render } from './lineEditor.ts';
import { translate, type MessageKey } from '../i18n/strings.ts';

/** The little a terminal session needs from a terminal emulator (xterm.js in the page, a fake in tests). */
export interface TermLike {
  write(data: string): void;
  readonly cols: number;
  /**
   * How many lines the terminal keeps (screen plus scrollback), when bounded: output that would scroll out
   * of them within one write is not written (see `visibleTail`).
   */
  readonly capacity?: number;
  /** Erase the screen and scrollback, cursor to the top. */
  clear(): void;
}

type Output = (stream: 'stdout' | 'stderr', text: string) => void;

export interface ShellLike {
  /** Run one complete input; may return (or resolve to) its exit code. */
  run(input: string, onOutput: Output): { exitCode: number } | void | Promise<{ exitCode: number } | void>;
  /**
   * Run one input that may keep printing (`kubectl get -w`, `kubectl logs -f`) until `cancel` (Ctrl+C).
   * When present it is used instead of `run` for typed inputs.
   */
  stream?(input: string, onOutput: Output): { cancel(): void; done: Promise<{ exitCode: number }> };
  needsMoreInput(input: string): boolean;
  /** The prompt to show before the next command (`$ `, `root@worker-1:/# ` after `ssh worker-1`); `$ ` when absent. */
  prompt?(): string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Tab completion of a line at a cursor: candidates from a CompletionSource, or computed elsewhere (the engine's worker). */
export type Completer = (line: string, cursor: number) => Completion | Promise<Completion>;

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

/** The welcome lines, in the lab's language (the commands stay as typed). */
export function banner(t: (key: MessageKey) => string): string {
  const dim = '\x1b[38;5;244m';
  const off = '\x1b[0m';
  return (
    `\x1b[1m${t('terminal.banner.welcome')}${off} ${dim}${t('terminal.banner.tagline')}${off}\r\n` +
    `${dim}${t('terminal.banner.help.before')}${off}help${dim}${t('terminal.banner.help.middle')}${off}kubectl get nodes${dim}${t('terminal.banner.help.after')}${off}\r\n\r\n`
  );
}

export const BANNER = banner((key) => translate('en', key));

/**
 * One interactive terminal session: prompt, line editing, continuation lines (`> `) while the input is
 * unfinished (open quote, heredoc, trailing `|`), running complete inputs, and printing their output with
 * stderr in a soft red. Knows nothing about xterm.js or the DOM.
 */
export class TerminalSession {
  readonly editor = new LineEditor();
  private lines: string[] = [];
  private cursorRow = 0;
  /** Set while an input runs: keys typed meanwhile wait in `typeahead` (as a tty buffers them). */
  private busy = false;
  /** Set while a Tab completion is being computed: keys wait for it, as bash completes before reading on. */
  private completing = false;
  private typeahead = '';
  private live: { cancel(): void } | undefined;
  private interrupted = false;
  private readonly completer: Completer | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly term: TermLike,
    private readonly shell: ShellLike,
    completion?: CompletionSource | Completer,
  ) {
    this.completer = typeof completion === 'function' ? completion : completion ? (line, cursor) => complete(line, cursor, completion) : undefined;
  }

  /** True while an input runs (or streams). */
  get running(): boolean {
    return this.busy;
  }

  /** Settles when no input is running. */
  idle(): Promise<void> {
    return this.busy ? new Promise((r) => this.idleWaiters.push(r)) : Promise.resolve();
  }

  start(welcome: string = BANNER): void {
    this.term.write(welcome);
    this.redraw();
  }

  /** Feed what the terminal received from the keyboard (or a paste). */
  input(data: string): void {
    if (this.completing && !this.busy) {
      this.typeahead += data;
      return;
    }
    if (this.busy) {
      const i = data.indexOf('\x03');
      // Ctrl+C interrupts a live command (what was typed before it is dropped, as the tty flushes it).
      if (i >= 0 && this.live) {
        this.interrupted = true;
        this.live.cancel();
        this.live = undefined;
        this.typeahead = data.slice(i + 1);
      } else this.typeahead += data;
      return;
    }
    // One line at a time: once a line starts a command, the rest waits for it (typed-ahead keys).
    let rest = data;
    while (rest.length > 0) {
      const m = /\r\n|[\r\n]/.exec(rest);
      const end = m ? m.index + m[0].length : rest.length;
      const piece = rest.slice(0, end);
      rest = rest.slice(end);
      if (this.feed(piece) || this.completing) {
        this.typeahead = rest + this.typeahead;
        return;
      }
    }
  }

  /** Feed keys up to and including at most one Enter; true when that Enter started a command. */
  private feed(data: string): boolean {
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
      } else if (this.submit(ev.line)) return true;
    }
    return false;
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
  async execute(command: string): Promise<ExecResult> {
    if (this.live) this.input('\x03');
    await this.idle();
    if (this.lines.length > 0) this.input('\x03');
    this.redraw(command, command.length);
    this.term.write('\r\n');
    this.cursorRow = 0;
    this.busy = true;
    const res = await this.runText(command, false);
    this.finish();
    return res;
  }

  /** Tab: complete the word at the cursor, or list the choices when it is ambiguous (as bash on a second Tab). */
  private complete(): void {
    if (!this.completer) return;
    const ed = this.editor;
    const [buffer, cursor] = [ed.buffer, ed.cursor];
    let pending;
    try {
      pending = this.completer(buffer, cursor);
    } catch {
      return;
    }
    if (!(pending instanceof Promise)) return this.showCompletion(pending);
    this.completing = true;
    pending
      .then(
        (r) => ed.buffer === buffer && ed.cursor === cursor && !this.busy && this.showCompletion(r),
        () => {},
      )
      .finally(() => {
        this.completing = false;
        const t = this.typeahead;
        this.typeahead = '';
        // Typed-ahead keys are replayed as key presses: a Tab among them completes again (fed in one chunk with
        // other keys, the line editor would take it for pasted text). Later pieces queue behind a new completion.
        for (const piece of t.split(/(\t)/)) if (piece) this.input(piece);
      });
  }

  private showCompletion(r: Completion): void {
    const ed = this.editor;
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

  /** Enter: returns true when an input started running (the session is busy until it ends). */
  private submit(line: string): boolean {
    this.redraw(line);
    this.term.write('\r\n');
    this.cursorRow = 0;
    this.lines.push(line);
    const text = this.lines.join('\n');
    if (this.shell.needsMoreInput(text)) {
      this.redraw();
      return false;
    }
    this.lines = [];
    if (text.trim() === '') {
      this.redraw();
      return false;
    }
    this.busy = true;
    void this.runText(text, true).then(() => this.finish());
    return true;
  }

  /** The input ended: prompt again, then take in what was typed meanwhile. */
  private finish(): void {
    this.busy = false;
    this.live = undefined;
    this.redraw();
    for (const w of this.idleWaiters.splice(0)) w();
    if (this.busy || !this.typeahead) return;
    const t = this.typeahead;
    this.typeahead = '';
    this.input(t);
  }

  private async runText(text: string, live: boolean): Promise<ExecResult> {
    let last = '\n';
    let stdout = '';
    let stderr = '';
    this.interrupted = false;
    const onOutput: Output = (stream, chunk) => {
      if (!chunk) return;
      last = chunk[chunk.length - 1];
      if (stream === 'stderr') stderr += chunk;
      else stdout += chunk;
      const shown = this.term.capacity ? visibleTail(chunk, this.term.capacity) : chunk;
      const body = shown.replace(/\r?\n/g, '\r\n');
      this.term.write(stream === 'stderr' ? STYLE.stderr + body + STYLE.reset : body);
    };
    let r: { exitCode: number } | void;
    try {
      if (live && this.shell.stream) {
        const s = this.shell.stream(text, onOutput);
        this.live = s;
        r = await s.done;
      } else r = await this.shell.run(text, onOutput);
    } catch (e) {
      onOutput('stderr', `${e instanceof Error ? e.message : String(e)}\n`);
      r = { exitCode: 1 };
    }
    if (this.interrupted) {
      // bash echoes the interrupt and starts a fresh line.
      this.term.write('^C\r\n');
      last = '\n';
    }
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
