import { runKubectl } from '../kubectl/run.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { CommandContext, RunResult, ShellCommand } from './types.ts';

/**
 * The lab's small shell (placeholder: one command per line, whitespace splitting). The full parser with
 * quoting, `;`, `&&`, pipes and heredocs replaces this.
 */
export class Shell {
  readonly history: string[] = [];
  private commands = new Map<string, ShellCommand>();

  constructor(private readonly rt: ClusterRuntime) {
    this.commands.set('kubectl', (c) => runKubectl(c.rt, c.argv.slice(1), c));
  }

  run(text: string): RunResult {
    let stdout = '';
    let stderr = '';
    let exitCode = 0;
    if (text.trim()) this.history.push(text);
    for (const line of text.split('\n')) {
      const argv = line.trim().split(/\s+/).filter(Boolean);
      if (argv.length === 0) continue;
      const cmd = this.commands.get(argv[0]);
      const ctx: CommandContext = {
        rt: this.rt,
        argv,
        stdin: '',
        out: (t) => (stdout += t),
        err: (t) => (stderr += t),
        history: this.history,
      };
      if (!cmd) {
        stderr += `sh: ${argv[0]}: command not found\n`;
        exitCode = 127;
        continue;
      }
      exitCode = cmd(ctx);
      this.rt.settle();
    }
    return { stdout, stderr, exitCode };
  }
}
