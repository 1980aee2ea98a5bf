import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster } from '../../index.ts';

const gnu = '/usr/bin/base64';
const have = existsSync(gnu);
const long = 'x'.repeat(100);

// Expected outputs are GNU coreutils base64's; checked against it too when it is installed.
const cases: Array<{ name: string; args: string[]; input: string; want: string; code?: number; stderr?: string }> = [
  { name: 'encode', args: [], input: 's3cr3t', want: 'czNjcjN0\n' },
  { name: 'encode with the trailing newline echo adds', args: [], input: 's3cr3t\n', want: 'czNjcjN0Cg==\n' },
  { name: 'encode UTF-8', args: [], input: '密码', want: '5a+G56CB\n' },
  { name: 'encode wraps at 76 columns', args: [], input: long, want: `${'eHh4'.repeat(19)}\n${'eHh4'.repeat(14)}eA==\n` },
  { name: 'encode -w 0 does not wrap', args: ['-w', '0'], input: long, want: `${'eHh4'.repeat(33)}eA==` },
  { name: 'decode', args: ['-d'], input: 'czNjcjN0', want: 's3cr3t' },
  { name: 'decode ignores newlines', args: ['--decode'], input: 'czNj\ncjN0\n', want: 's3cr3t' },
  { name: 'decode invalid input', args: ['-d'], input: 'czNjcjN0!', want: 's3cr3t', code: 1, stderr: 'base64: invalid input\n' },
  { name: 'decode -i skips garbage', args: ['-d', '-i'], input: 'czNj!cjN0', want: 's3cr3t' },
  { name: 'empty input', args: [], input: '', want: '' },
];

describe('base64', () => {
  const dir = have ? mkdtempSync(join(tmpdir(), 'kubelab-base64-')) : '';
  it.each(cases)('$name', ({ args, input, want, code = 0, stderr = '' }) => {
    const c = createCluster({ seed: 1, dns: false });
    c.writeFile('in.txt', input);
    const r = c.run(`base64 ${args.map((a) => `'${a}'`).join(' ')} in.txt`);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: want, stderr, exitCode: code });
    if (have) {
      writeFileSync(join(dir, 'in.txt'), input);
      const g = spawnSync(gnu, [...args, 'in.txt'], { cwd: dir, argv0: 'base64' });
      expect({ stdout: g.stdout.toString(), stderr: g.stderr.toString(), exitCode: g.status }).toEqual({ stdout: want, stderr, exitCode: code });
    }
  });

  it('reads a Secret in a pipeline', () => {
    const c = createCluster({ seed: 1, dns: false });
    c.run('kubectl create secret generic db --from-literal=password=s3cr3t');
    expect(c.run("kubectl get secret db -o jsonpath='{.data.password}' | base64 -d").stdout).toBe('s3cr3t');
  });

  it('a missing file and an unknown option', () => {
    const c = createCluster({ seed: 1, dns: false });
    expect(c.run('base64 nope.txt').stderr).toBe('base64: nope.txt: No such file or directory\n');
    const r = c.run('base64 -z');
    expect([r.stderr, r.exitCode]).toEqual(["base64: invalid option -- 'z'\nTry 'base64 --help' for more information.\n", 1]);
    if (have) expect(() => execFileSync(gnu, ['-z'], { stdio: 'pipe' })).toThrow();
  });
});
