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

/** Run a command inside a running container at unix ms `t` (`kubectl exec`, exec probes, exec hooks). */
export function execInContainer(proc: SimProcess, argv: string[], t: number, execID: string): ExecResult {
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
  const st = { m: proc.machine(true, t), status: 0 };
  const gen = runCommand(st, argv, { out: (s) => (stdout += s), err: (s) => (stderr += s), stdin: '' });
  try {
    let r = gen.next();
    let guard = 0;
    while (!r.done && guard++ < 100_000) r = gen.next();
    return { stdout, stderr, exitCode: r.done ? r.value : 0 };
  } catch (e) {
    if (e instanceof ShExit) return { stdout, stderr, exitCode: e.code };
    throw e;
  }
}
