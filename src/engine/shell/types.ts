import type { ClusterRuntime } from '../runtime.ts';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Receives a run's output piece by piece, in the order it was written (stdout and stderr interleaved). */
export type OutputListener = (stream: 'stdout' | 'stderr', text: string) => void;

/** The shell's own state: variables (shell and exported), history, and the last exit status (`$?`). */
export interface ShellState {
  vars: Map<string, string>;
  exported: Set<string>;
  history: string[];
  lastStatus: number;
  /**
   * Set while the terminal is inside another shell (`ssh NODE`): commands it knows run first, and the
   * prompt is its own. Cleared by that shell's `exit`.
   */
  overlay?: ShellOverlay;
}

/** A shell entered from the lab shell (a node's root shell after `ssh NODE`). */
export interface ShellOverlay {
  prompt: string;
  find(name: string): ShellCommandSpec | undefined;
}

/** What a shell command (builtin or kubectl) receives. */
export interface CommandContext {
  rt: ClusterRuntime;
  argv: string[];
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** The shell's command history (most recent last). */
  history: readonly string[];
  /** The shell's variables; builtins such as `export` change them. */
  shell: ShellState;
  /** True when stdout is the terminal rather than a pipe or a file (ls prints columns then). */
  isTTY: boolean;
}

export type ShellCommand = (ctx: CommandContext) => number;

/** A command the shell knows, registered from `commands/<name>.ts`. */
export interface ShellCommandSpec {
  name: string;
  /** One line for `help`: the synopsis, as bash's `help` lists it. */
  synopsis: string;
  run: ShellCommand;
}
