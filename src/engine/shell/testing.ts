// Test support for the lab shell's table tests: each case runs in a fresh shell over a fresh runtime.
import { describe, expect, it } from 'vitest';
import { ClusterRuntime } from '../runtime.ts';
import { Shell } from './shell.ts';

export interface ShellCase {
  name: string;
  input: string;
  /** stdout; stderr and the exit code default to empty and 0. */
  want: string;
  stderr?: string;
  exitCode?: number;
  /** Files in the home directory for this case (added to the table's). */
  files?: Record<string, string>;
}

/** One `describe` block: every case in a fresh shell with `files` (and the case's own) in the home directory. */
export function shellTable(title: string, cases: ShellCase[], files: Record<string, string> = {}): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const rt = new ClusterRuntime();
        for (const [k, v] of Object.entries({ ...files, ...c.files })) rt.files.set(k, v);
        const r = new Shell(rt).run(c.input);
        expect(r.stdout).toBe(c.want);
        expect(r.stderr).toBe(c.stderr ?? '');
        expect(r.exitCode).toBe(c.exitCode ?? 0);
      });
    }
  });
}
