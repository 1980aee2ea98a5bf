import type { ClusterRuntime } from '../runtime.ts';
import './commands/index.ts';
import { Executor } from './exec.ts';
import { HOME } from './fs.ts';
import type { OutputListener, RunResult, ShellState } from './types.ts';

export { needsMoreInput } from './parser.ts';

/**
 * The lab's shell: a small POSIX-like shell (quotes, `;`, `&&`, `||`, pipes, redirections, heredocs,
 * variables, `$(...)`) over the lab's virtual filesystem, with kubectl and a few coreutils as commands.
 * Every command runs to completion synchronously; the cluster settles after each one.
 */
export class Shell {
  readonly state: ShellState = {
    vars: new Map([
      ['HOME', HOME],
      ['PWD', HOME],
      ['USER', 'root'],
      ['SHELL', '/bin/bash'],
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['TERM', 'xterm-256color'],
    ]),
    exported: new Set(['HOME', 'PWD', 'USER', 'SHELL', 'PATH', 'TERM']),
    history: [],
    lastStatus: 0,
  };
  private readonly executor: Executor;

  constructor(private rt: ClusterRuntime) {
    this.executor = new Executor(rt, this.state);
  }

  /**
   * Continue in a new cluster (`Cluster.reset`): later commands, including the rest of the current input line,
   * run against `rt`. Variables and history stay; a node shell (`ssh NODE`) of the old cluster is left.
   */
  useRuntime(rt: ClusterRuntime): void {
    this.rt = rt;
    this.executor.setRuntime(rt);
    this.state.overlay = undefined;
  }

  /** The prompt to show: `$ `, or the entered shell's (`root@worker-1:/# ` after `ssh worker-1`). */
  prompt(): string {
    return this.state.overlay?.prompt ?? '$ ';
  }

  get history(): readonly string[] {
    return this.state.history;
  }

  /**
   * Run one terminal input (one or more lines; heredoc bodies included). `onOutput`, when given, sees the
   * output in the order it was written; the result also has it split by stream.
   */
  run(text: string, onOutput?: OutputListener): RunResult {
    let stdout = '';
    let stderr = '';
    const input = text.replace(/\r\n?/g, '\n');
    if (input.trim()) this.state.history.push(input.replace(/\n+$/, ''));
    const exitCode = this.executor.runSource(input, {
      stdin: '',
      out: (t) => {
        stdout += t;
        onOutput?.('stdout', t);
      },
      err: (t) => {
        stderr += t;
        onOutput?.('stderr', t);
      },
      outIsTTY: true,
    });
    this.rt.settle();
    return { stdout, stderr, exitCode };
  }
}
