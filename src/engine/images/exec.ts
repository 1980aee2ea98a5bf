import type { SimProcess } from './process.ts';
import { imageHasBinary } from './process.ts';
import { runCommand, ShExit } from './shell/run.ts';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set when the runtime could not start the command at all (kubectl reports it as an internal error). */
  startError?: string;
}

/**
 * Run a command inside a running container at unix ms `t` (`kubectl exec`, exec probes, exec hooks).
 * `sleep` inside it moves time only when `advance` is given (`kubectl exec`): it moves the cluster's clock by
 * that many ms and returns the new unix ms, so a `for`/`while` loop that sleeps sees the cluster work between
 * rounds. Without it (probes, hooks) sleeps return at once.
 */
export function execInContainer(proc: SimProcess, argv: string[], t: number, execID: string, advance?: (ms: number) => number): ExecResult {
  proc.advanceTo(t);
  proc.syncPeers(t);
  if (argv.length === 0 || !imageHasBinary(proc.opts.repo, argv[0])) {
    return {
      stdout: '',
      stderr: '',
      exitCode: 126,
      startError: `failed to exec in container: failed to start exec "${execID}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown`,
    };
  }
  proc.execs++;
  let stdout = '';
  let stderr = '';
  let now = t;
  const m = proc.machine(true, t);
  const st = { m: { ...m, now: () => now }, status: 0 };
  const gen = runCommand(st, argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), stdin: '' });
  try {
    let r = gen.next();
    let guard = 0;
    while (!r.done && guard++ < 100_000) {
      if (advance && 'sleep' in r.value && r.value.sleep > 0) now = advance(r.value.sleep);
      r = gen.next();
    }
    return { stdout, stderr, exitCode: r.done ? r.value : 0 };
  } catch (e) {
    if (e instanceof ShExit) return { stdout, stderr, exitCode: e.code };
    throw e;
  }
}
