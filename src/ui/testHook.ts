import type { LabConnection } from './worker/connection.ts';
import type { Speed } from './state/uiStore.ts';

/**
 * What browser tests (and curious learners in the devtools console) can reach as `window.__kubelab`.
 * It lives in the UI, never in the engine; with several labs on a page it points at the last one mounted.
 */
export interface KubelabTestHook {
  /** The terminal's text, as xterm holds it (scrollback included). */
  terminalText(): string;
  /** Type into the terminal as a user would (`\n` presses Enter). */
  type(text: string): void;
  setSpeed(speed: Speed): void;
  /** Run a command as if typed at a fresh prompt; resolves with its output once written to the terminal. */
  execute(command: string): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Settles once the terminal has parsed everything written so far. */
  rendered(): Promise<void>;
  /** The lab's connection: `run`, `advance`, `runUntilIdle`, `list`… resolve when the engine's worker answers. */
  cluster: LabConnection;
}

declare global {
  interface Window {
    __kubelab?: KubelabTestHook;
  }
}

export function exposeTestHook(hook: KubelabTestHook): () => void {
  window.__kubelab = hook;
  return () => {
    if (window.__kubelab === hook) delete window.__kubelab;
  };
}
