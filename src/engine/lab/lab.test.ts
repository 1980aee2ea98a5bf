import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('lab command', () => {
  const cases = [
    { name: 'time at start', line: 'lab time', wantOut: 'elapsed: 0s (0 ms)\nnow:     2025-01-01T00:00:00Z\n', wantCode: 0 },
    { name: 'time after sleep', line: 'sleep 90; lab time', wantOut: 'elapsed: 90s (90000 ms)\nnow:     2025-01-01T00:01:30Z\n', wantCode: 0 },
    { name: 'unknown subcommand', line: 'lab bogus', wantErr: 'Error: unknown command "bogus" for "lab"\n\n', wantCode: 1 },
    { name: 'bad flag', line: 'lab time --bogus', wantErr: "Error: unknown flag: --bogus\nSee 'lab time --help' for usage.\n", wantCode: 1 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      // The raw start: `lab time` counts from time zero.
      const r = createCluster({ boot: false }).run(tc.line);
      if (tc.wantOut !== undefined) expect(r.stdout).toBe(tc.wantOut);
      if (tc.wantErr !== undefined) expect(r.stderr).toBe(tc.wantErr);
      expect(r.exitCode).toBe(tc.wantCode);
    });
  }
  it('lists its commands', () => {
    expect(createCluster().run('lab').stdout).toContain('  time ');
  });
});
