import type { ClusterRuntime } from '../runtime.ts';

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
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
}

export type ShellCommand = (ctx: CommandContext) => number;
