import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, USAGE, type CliIO } from './main.ts';
import { splitTranscript } from './transcript.ts';

function capture(files: Record<string, string> = {}): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    readFile: (p: string) => {
      if (p in files) return files[p];
      throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    },
  };
  return io;
}

describe('splitTranscript', () => {
  const cases: Array<{ name: string; text: string; want: string[] }> = [
    { name: 'one command per line', text: 'echo a\necho b\n', want: ['echo a', 'echo b'] },
    { name: 'blank lines dropped', text: '\necho a\n\n\necho b', want: ['echo a', 'echo b'] },
    { name: 'heredoc keeps body and terminator', text: 'cat <<EOF\nkind: Pod\n\nEOF\necho x', want: ['cat <<EOF\nkind: Pod\n\nEOF', 'echo x'] },
    { name: 'heredoc piped', text: 'cat <<EOF | kubectl apply -f -\na\nEOF', want: ['cat <<EOF | kubectl apply -f -\na\nEOF'] },
    { name: 'trailing pipe continues', text: 'kubectl get pods |\n  grep web', want: ['kubectl get pods |\n  grep web'] },
    { name: 'backslash continues', text: 'kubectl get \\\n  pods', want: ['kubectl get \\\n  pods'] },
    { name: 'open quote continues', text: 'echo "a\nb"', want: ['echo "a\nb"'] },
    { name: 'unfinished input at the end is still run', text: 'echo "a', want: ['echo "a'] },
    { name: 'CRLF', text: 'echo a\r\necho b\r\n', want: ['echo a', 'echo b'] },
  ];
  for (const c of cases) it(c.name, () => expect(splitTranscript(c.text)).toEqual(c.want));
});

describe('kubelab main', () => {
  it('runs a transcript, printing prompts and interleaved output', async () => {
    const io = capture({ 't.sh': 'echo one\nnosuch\ncat > a.txt <<EOF\nhello\nEOF\ncat a.txt missing\n' });
    expect(await main(['run', 't.sh'], io)).toBe(0);
    expect(io.stdout).toBe(
      '$ echo one\none\n' +
        '$ nosuch\nsh: nosuch: command not found\n' +
        '$ cat > a.txt <<EOF\nhello\nEOF\n' +
        '$ cat a.txt missing\nhello\ncat: missing: No such file or directory\n',
    );
    expect(io.stderr).toBe('');
  });
  it('is deterministic for a seed', async () => {
    const a = capture({ t: 'sleep 10\nkubectl get nodes\n' });
    const b = capture({ t: 'sleep 10\nkubectl get nodes\n' });
    await main(['run', 't', '--seed', '7'], a);
    await main(['run', '--seed=7', 't'], b);
    expect(a.stdout).toBe(b.stdout);
  });
  const errors: Array<{ name: string; argv: string[]; code: number; stderr: string }> = [
    { name: 'unreadable file', argv: ['run', 'nope.sh'], code: 1, stderr: 'kubelab: cannot read nope.sh: no such file or directory\n' },
    { name: 'missing file operand', argv: ['run'], code: 2, stderr: 'kubelab: run takes exactly one FILE ("-" for stdin)\nRun \'kubelab --help\' for usage.\n' },
    { name: 'bad seed', argv: ['run', 't', '--seed', 'x'], code: 2, stderr: 'kubelab: invalid value for --seed: "x"\nRun \'kubelab --help\' for usage.\n' },
    { name: 'unknown flag', argv: ['run', 't', '--bogus'], code: 2, stderr: "kubelab: unknown flag: --bogus\nRun 'kubelab --help' for usage.\n" },
    { name: 'unknown command', argv: ['frobnicate'], code: 2, stderr: 'kubelab: unknown command "frobnicate"\nRun \'kubelab --help\' for usage.\n' },
    { name: 'no command', argv: [], code: 2, stderr: USAGE },
  ];
  for (const c of errors) {
    it(c.name, async () => {
      const io = capture();
      expect(await main(c.argv, io)).toBe(c.code);
      expect(io.stderr).toBe(c.stderr);
    });
  }
  it('--help', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('kubelab run FILE');
  });
});

const bin = fileURLToPath(new URL('./kubelab.mjs', import.meta.url));
describe('the kubelab bin', () => {
  it('reads a transcript from stdin', () => {
    const r = spawnSync(process.execPath, [bin, 'run', '-'], { input: 'echo hi | wc -l\n', encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toBe('$ echo hi | wc -l\n1\n');
    expect(r.status).toBe(0);
  });
});
