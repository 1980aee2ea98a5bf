import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createCluster, type Cluster } from '../../index.ts';
import { runKubectl } from '../run.ts';

/** Test helper: run kubectl argv against a cluster, capturing output (settling afterwards like the shell). */
export function kubectl(c: Cluster, argv: string[], stdin = ''): { stdout: string; stderr: string; code: number } {
  let stdout = '';
  let stderr = '';
  const code = runKubectl(c.runtime, argv, { stdin, out: (t) => (stdout += t), err: (t) => (stderr += t) });
  c.runtime.settle();
  return { stdout, stderr, code };
}

export function newCluster(): Cluster {
  return createCluster({ seed: 7 });
}

export const realKubectl = '/usr/bin/kubectl';
export const haveRealKubectl = existsSync(realKubectl);

/** Run the real kubectl offline (no kubeconfig: only client-side work such as --dry-run=client generators). */
export function runReal(argv: string[]): { stdout: string; stderr: string; code: number } {
  try {
    const stdout = execFileSync(realKubectl, argv, { env: { KUBECONFIG: '/dev/null', PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer; status?: number };
    return { stdout: err.stdout?.toString() ?? '', stderr: err.stderr?.toString() ?? '', code: err.status ?? 1 };
  }
}
