import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { needsMoreInput, type Cluster } from '../../engine/index.ts';
import { TerminalSession } from './session.ts';

export interface TerminalHandle {
  /** The visible text of the terminal buffer (scrollback included), wrapped lines joined. */
  text(): string;
  type(text: string): void;
}

const THEME = {
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

/** The lab terminal: xterm.js bound to a TerminalSession running commands against `cluster`. */
export function TerminalPanel({ cluster, onReady }: { cluster: Cluster; onReady?: (h: TerminalHandle) => void }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: '"JetBrains Mono", "SF Mono", "Cascadia Code", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13.5,
      lineHeight: 1.25,
      scrollback: 5000,
      theme: THEME,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    const session = new TerminalSession(
      { write: (d) => term.write(d), get cols() { return term.cols; }, clear: () => term.write('\x1b[H\x1b[2J\x1b[3J') },
      { run: (input, onOutput) => cluster.run(input, onOutput), needsMoreInput, prompt: () => cluster.prompt() },
    );
    const safeFit = () => {
      try {
        if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
      } catch {
        // Fitting can fail while the panel is hidden; the next resize fits again.
      }
    };
    safeFit();
    session.start();
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
    });
    return () => {
      ro.disconnect();
      sub.dispose();
      term.dispose();
    };
  }, [cluster, onReady]);
  return <div className="terminal-host" ref={host} data-testid="terminal" />;
}
