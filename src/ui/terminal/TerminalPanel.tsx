import type { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { needsMoreInput } from '../../engine/shell/parser.ts';
import { cancelEdit, completeEdit, editPending } from '../editor/pendingEdit.ts';
import type { LabConnection } from '../worker/connection.ts';
import { TerminalSession, type ExecResult } from './session.ts';

export interface TerminalHandle {
  /** The visible text of the terminal buffer (scrollback included), wrapped lines joined. */
  text(): string;
  type(text: string): void;
  /** Run a command as if typed at a fresh prompt (echoed with its output); resolves with what it printed. */
  execute(command: string): Promise<ExecResult>;
  /** Settles once xterm has parsed everything written so far (the next frame paints it). */
  rendered(): Promise<void>;
  /** Give the terminal the keyboard. */
  focus(): void;
}

const DARK = {
  background: '#0d1117',
  foreground: '#d6deeb',
  cursor: '#7fdbca',
  cursorAccent: '#0d1117',
  selectionBackground: '#2a3b55',
  black: '#1b2230',
  brightBlack: '#5c6773',
  red: '#ff7b8a',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#56d4dd',
  white: '#d6deeb',
};

const LIGHT = {
  background: '#ffffff',
  foreground: '#1f2328',
  cursor: '#0969da',
  cursorAccent: '#ffffff',
  selectionBackground: '#b6d7ff',
  black: '#24292f',
  brightBlack: '#6e7781',
  red: '#cf222e',
  green: '#1a7f37',
  yellow: '#9a6700',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
};

/** The lab terminal: xterm.js bound to a TerminalSession running commands on the lab's connection. */
export interface TerminalPanelProps {
  conn: LabConnection;
  onReady?: (h: TerminalHandle) => void;
  theme?: 'dark' | 'light';
  /** Extra behaviour on the xterm instance (object-name links); returns its cleanup. */
  decorate?: (term: Terminal) => () => void;
  /** Input history to start with (restored from a previous visit), oldest first. */
  history?: readonly string[];
  /** Called with the whole history after each input is remembered. */
  onHistory?: (history: readonly string[]) => void;
  /** The welcome lines written when the session starts (default: English). */
  welcome?: string;
}

export function TerminalPanel({ conn, onReady, theme = 'dark', decorate, history, onHistory, welcome }: TerminalPanelProps) {
  const host = useRef<HTMLDivElement>(null);
  const io = useRef({ history, onHistory, welcome });
  io.current = { history, onHistory, welcome };
  const decorateRef = useRef(decorate);
  decorateRef.current = decorate;
  const termRef = useRef<Terminal | undefined>(undefined);
  const themeRef = useRef(theme);
  themeRef.current = theme;
  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = theme === 'dark' ? DARK : LIGHT;
  }, [theme]);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // xterm.js is fetched after the first paint (it is not part of the page's initial script).
    let cancelled = false;
    let cleanup: (() => void) | undefined;
    void Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]).then(([{ Terminal }, { FitAddon }]) => {
      if (cancelled) return;
      cleanup = mount(el, Terminal, FitAddon);
    });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [conn, onReady]);

  function mount(el: HTMLDivElement, XTerm: typeof Terminal, Fit: typeof import('@xterm/addon-fit').FitAddon): () => void {
    const term = new XTerm({
      convertEol: false,
      cursorBlink: true,
      fontFamily: '"JetBrains Mono", "SF Mono", "Cascadia Code", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13.5,
      lineHeight: 1.25,
      scrollback: 5000,
      theme: themeRef.current === 'dark' ? DARK : LIGHT,
      allowProposedApi: false,
    });
    const fit = new Fit();
    term.loadAddon(fit);
    term.open(el);
    termRef.current = term;
    const undecorate = decorateRef.current?.(term);
    const session = new TerminalSession(
      {
        write: (d) => term.write(d),
        get cols() {
          return term.cols;
        },
        get capacity() {
          return term.rows + (term.options.scrollback ?? 1000);
        },
        clear: () => term.write('\x1b[H\x1b[2J\x1b[3J'),
      },
      {
        run: async (input, onOutput) => {
          io.current.onHistory?.(session.editor.entries);
          const r = await conn.run(input, onOutput);
          return { exitCode: (r.edit ? await completeEdit(conn, input, r, onOutput) : r).code };
        },
        stream: (input, onOutput) => {
          io.current.onHistory?.(session.editor.entries);
          const s = conn.stream(input, onOutput);
          // A `kubectl edit` waits for the editor tab; Ctrl+C cancels it.
          const cancel = () => (editPending() ? cancelEdit() : s.cancel());
          return { cancel, done: s.done.then(async (r) => ({ exitCode: (r.edit ? await completeEdit(conn, input, r, onOutput) : r).code })) };
        },
        needsMoreInput,
        prompt: () => conn.prompt(),
      },
      (line, cursor) => conn.complete(line, cursor),
    );
    for (const line of io.current.history ?? []) session.editor.remember(line);
    const safeFit = () => {
      try {
        if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
      } catch {
        // Fitting can fail while the panel is hidden; the next resize fits again.
      }
    };
    safeFit();
    session.start(io.current.welcome);
    const sub = term.onData((d) => session.input(d));
    const ro = new ResizeObserver(safeFit);
    ro.observe(el);
    term.focus();
    onReady?.({
      text: () => {
        const buf = term.buffer.active;
        const out: string[] = [];
        for (let i = 0; i < buf.length; i++) {
          const line = buf.getLine(i);
          if (!line) continue;
          const s = line.translateToString(true);
          if (line.isWrapped && out.length > 0) out[out.length - 1] += s;
          else out.push(s);
        }
        while (out.length > 0 && out[out.length - 1] === '') out.pop();
        return out.join('\n');
      },
      type: (t) => session.type(t),
      execute: (c) => session.execute(c),
      rendered: () => new Promise<void>((resolve) => term.write('', resolve)),
      focus: () => term.focus(),
    });
    return () => {
      undecorate?.();
      ro.disconnect();
      sub.dispose();
      term.dispose();
      termRef.current = undefined;
    };
  }
  return <div className="terminal-host" ref={host} data-testid="terminal" />;
}
