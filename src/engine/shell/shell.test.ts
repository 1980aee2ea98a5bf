import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { ClusterRuntime } from '../runtime.ts';
import { registerShellCommand } from './commands/registry.ts';
import { Shell } from './shell.ts';

// A probe command that reports what it received, so shell plumbing is tested without kubectl.
const seen: Array<{ argv: string[]; stdin: string; isTTY: boolean }> = [];
registerShellCommand({
  name: 'probe',
  synopsis: 'probe',
  run: (ctx) => {
    seen.push({ argv: ctx.argv.slice(1), stdin: ctx.stdin, isTTY: ctx.isTTY });
    ctx.out(`out:${ctx.argv.slice(1).join(',')}\n`);
    ctx.err('err\n');
    return Number(ctx.shell.vars.get('PROBE_EXIT') ?? 0);
  },
});

function shell(files: Record<string, string> = {}): { sh: Shell; rt: ClusterRuntime } {
  const rt = new ClusterRuntime();
  for (const [k, v] of Object.entries(files)) rt.files.set(k, v);
  return { sh: new Shell(rt), rt };
}

describe('Shell.run', () => {
  const cases: Array<{ name: string; input: string; files?: Record<string, string>; want: { stdout: string; stderr?: string; exitCode?: number } }> = [
    { name: 'unknown command', input: 'foo', want: { stdout: '', stderr: 'sh: foo: command not found\n', exitCode: 127 } },
    { name: 'status of the last command', input: 'false; true', want: { stdout: '', exitCode: 0 } },
    { name: '$? after a failure', input: 'foo 2>/dev/null; echo $?', want: { stdout: '127\n' } },
    { name: '&& skips after failure', input: 'false && echo no', want: { stdout: '', exitCode: 1 } },
    { name: '|| runs after failure', input: 'false || echo yes', want: { stdout: 'yes\n' } },
    { name: 'chained and-or', input: 'true && false || echo rescued', want: { stdout: 'rescued\n' } },
    { name: 'negation', input: '! false && echo ok', want: { stdout: 'ok\n' } },
    { name: 'pipe feeds stdin', input: 'echo hello | cat', want: { stdout: 'hello\n' } },
    { name: 'pipeline status is the last command', input: 'false | true', want: { stdout: '', exitCode: 0 } },
    { name: 'stderr is not piped', input: 'probe a | wc -l', want: { stdout: '1\n', stderr: 'err\n' } },
    { name: '2>&1 pipes stderr too', input: 'probe a 2>&1 | wc -l', want: { stdout: '2\n', stderr: '' } },
    { name: '2>/dev/null drops stderr', input: 'probe 2>/dev/null', want: { stdout: 'out:\n', stderr: '' } },
    { name: '>/dev/null 2>&1 drops both', input: 'probe >/dev/null 2>&1', want: { stdout: '', stderr: '' } },
    { name: '2>&1 >file sends stderr to the old stdout', input: 'probe 2>&1 >f; cat f', want: { stdout: 'err\nout:\n', stderr: '' } },
    { name: '> creates and truncates', input: 'echo one > f; echo two > f; cat f', want: { stdout: 'two\n' } },
    { name: '>> appends', input: 'echo one > f; echo two >> f; cat f', want: { stdout: 'one\ntwo\n' } },
    { name: '< reads a file', input: 'wc -l < f', files: { f: 'a\nb\n' }, want: { stdout: '2\n' } },
    { name: '< missing file', input: 'cat < nope', want: { stdout: '', stderr: 'sh: nope: No such file or directory\n', exitCode: 1 } },
    { name: 'redirect only truncates', input: '> f; wc -c f', files: { f: 'abc' }, want: { stdout: '0 f\n' } },
    { name: 'here-string', input: 'cat <<< "a b"', want: { stdout: 'a b\n' } },
    { name: 'variables', input: 'X=hello; echo $X ${X}!', want: { stdout: 'hello hello!\n' } },
    { name: 'unset variable is empty', input: 'echo "[$NOPE]"', want: { stdout: '[]\n' } },
    { name: 'default value', input: 'echo ${NOPE:-fallback}', want: { stdout: 'fallback\n' } },
    { name: 'unquoted expansion splits', input: 'X="a   b"; probe $X; probe "$X"', want: { stdout: 'out:a,b\nout:a   b\n' } },
    { name: 'empty unquoted expansion vanishes', input: 'probe $NOPE x', want: { stdout: 'out:x\n' } },
    { name: 'prefix assignment is temporary', input: 'PROBE_EXIT=3 probe >/dev/null 2>&1; echo $? $PROBE_EXIT.', want: { stdout: '3 .\n' } },
    { name: 'command substitution', input: 'echo "[$(echo a; echo b)]"', want: { stdout: '[a\nb]\n' } },
    { name: 'substitution strips trailing newlines only', input: 'X=$(printf 2>/dev/null; echo "  x  "); echo "[$X]"', want: { stdout: '[  x  ]\n' } },
    { name: 'heredoc expands', input: 'X=v\ncat <<EOF\nval=$X \\$X\nEOF', want: { stdout: 'val=v $X\n' } },
    { name: 'quoted heredoc is literal', input: "X=v\ncat <<'EOF'\nval=$X \\$X\nEOF", want: { stdout: 'val=$X \\$X\n' } },
    { name: 'heredoc into a file', input: 'cat > web.yaml <<EOF\nkind: Pod\nEOF\ncat web.yaml', want: { stdout: 'kind: Pod\n' } },
    { name: 'heredoc into a pipe', input: 'cat <<EOF | grep b\na\nb\nEOF', want: { stdout: 'b\n' } },
    { name: 'heredoc without terminator warns and runs', input: 'cat <<EOF\na', want: { stdout: 'a\n', stderr: "sh: warning: here-document delimited by end-of-file (wanted `EOF')\n" } },
    { name: 'syntax error runs nothing', input: 'echo a; echo b |; echo c', want: { stdout: '', stderr: "sh: syntax error near unexpected token `;'\n", exitCode: 2 } },
    { name: 'subshell keeps variables local', input: 'X=1; (X=2; echo $X); echo $X', want: { stdout: '2\n1\n' } },
    { name: 'glob matches files', input: 'echo *.yaml', files: { 'b.yaml': '', 'a.yaml': '', 'c.txt': '' }, want: { stdout: 'a.yaml b.yaml\n' } },
    { name: 'glob without match stays literal', input: 'echo *.json', want: { stdout: '*.json\n' } },
    { name: 'quoted glob is literal', input: 'echo "*.yaml"', files: { 'a.yaml': '' }, want: { stdout: '*.yaml\n' } },
    { name: 'tilde is home', input: 'echo ~ ~/x', want: { stdout: '/root /root/x\n' } },
    { name: 'paths name the same file', input: 'echo hi > ./a; cat a ~/a /root/a', want: { stdout: 'hi\nhi\nhi\n' } },
    { name: 'redirect to a directory', input: 'echo > /root', want: { stdout: '', stderr: 'sh: /root: Is a directory\n', exitCode: 1 } },
    { name: 'ambiguous redirect', input: 'X="a b"; echo > $X', want: { stdout: '', stderr: 'sh: $X: ambiguous redirect\n', exitCode: 1 } },
    { name: 'CRLF input', input: 'echo a\r\necho b\r\n', want: { stdout: 'a\nb\n' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { sh } = shell(c.files);
      const r = sh.run(c.input);
      expect(r.stdout).toBe(c.want.stdout);
      if (c.want.stderr !== undefined) expect(r.stderr).toBe(c.want.stderr);
      expect(r.exitCode).toBe(c.want.exitCode ?? 0);
    });
  }

  it('passes stdin and tty-ness to commands', () => {
    const { sh } = shell();
    seen.length = 0;
    sh.run('echo data | probe x y; probe z');
    expect(seen).toEqual([
      { argv: ['x', 'y'], stdin: 'data\n', isTTY: true },
      { argv: ['z'], stdin: '', isTTY: true },
    ]);
    seen.length = 0;
    sh.run('probe | cat; probe > f');
    expect(seen.map((s) => s.isTTY)).toEqual([false, false]);
  });

  it('reports output in the order it was written', () => {
    const { sh } = shell();
    const chunks: string[] = [];
    sh.run('echo 1; probe; echo 2', (stream, text) => chunks.push(`${stream}:${text}`));
    expect(chunks).toEqual(['stdout:1\n', 'stdout:out:\n', 'stderr:err\n', 'stdout:2\n']);
  });

  it('records history one entry per input, heredoc bodies included', () => {
    const { sh } = shell();
    sh.run('echo a');
    sh.run('   ');
    sh.run('cat <<EOF\nx\nEOF\n');
    expect(sh.history).toEqual(['echo a', 'cat <<EOF\nx\nEOF']);
  });

  it('variables persist between runs', () => {
    const { sh } = shell();
    sh.run('export NS=kube-system');
    expect(sh.run('echo $NS').stdout).toBe('kube-system\n');
  });

  it('settles the cluster after each command and sleep advances the clock', () => {
    const c = createCluster({ nodes: 0 });
    const before = c.now();
    c.run('sleep 2; sleep 0.5');
    expect(c.now() - before).toBe(2500);
  });
});
