import { describe, expect, it } from 'vitest';
import { ClusterRuntime } from '../../runtime.ts';
import { Shell } from '../shell.ts';
import { CLEAR_SEQUENCE } from './clear.ts';
import { parseSleepInterval } from './sleep.ts';
import { shellTable, type ShellCase } from '../testing.ts';

const table = (title: string, cases: ShellCase[]): void => shellTable(title, cases);

// Expected values are what bash 5.2 and GNU coreutils print.
table('echo', [
  { name: 'words', input: 'echo a  b', want: 'a b\n' },
  { name: 'no arguments', input: 'echo', want: '\n' },
  { name: '-n', input: 'echo -n a', want: 'a' },
  { name: 'escapes are literal without -e', input: "echo 'a\\tb'", want: 'a\\tb\n' },
  { name: '-e escapes', input: "echo -e 'a\\tb\\nc'", want: 'a\tb\nc\n' },
  { name: '-e hex, octal and \\c', input: "echo -e 'a\\x41\\0101\\c zzz'", want: 'aAA' },
  { name: 'combined -ne', input: "echo -ne 'x\\n'", want: 'x\n' },
  { name: 'unknown option is text', input: 'echo -x', want: '-x\n' },
]);

table('sleep', [
  { name: 'seconds', input: 'sleep 1', want: '' },
  { name: 'missing operand', input: 'sleep', want: '', stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 },
  { name: 'invalid interval', input: 'sleep 5x', want: '', stderr: "sleep: invalid time interval ‘5x’\nTry 'sleep --help' for more information.\n", exitCode: 1 },
]);

describe('sleep intervals', () => {
  const cases: Array<[string, number | undefined]> = [['5', 5000], ['5s', 5000], ['1m', 60000], ['0.5', 500], ['.5', 500], ['2h', 7_200_000], ['1d', 86_400_000], ['x', undefined], ['-1', undefined], ['5ms', undefined]];
  for (const [arg, want] of cases) it(arg, () => expect(parseSleepInterval(arg)).toBe(want));
  it('advances virtual time by the sum of its operands', () => {
    const rt = new ClusterRuntime();
    new Shell(rt).run('sleep 1m 30s');
    expect(rt.clock.now()).toBe(90_000);
  });
});

table('clear', [{ name: 'clears screen and scrollback', input: 'clear', want: CLEAR_SEQUENCE }]);

table('ls', [
  { name: 'empty home', input: 'ls', want: '' },
  { name: 'terminal: one line', input: 'ls', files: { 'b.yaml': '', 'a.yaml': '' }, want: 'a.yaml  b.yaml\n' },
  { name: 'pipe: one per line', input: 'ls | cat', files: { 'b.yaml': '', 'a.yaml': '' }, want: 'a.yaml\nb.yaml\n' },
  { name: 'a file operand', input: 'ls a.yaml', files: { 'a.yaml': '' }, want: 'a.yaml\n' },
  { name: 'directories from paths', input: 'ls; ls k8s', files: { 'k8s/web.yaml': '' }, want: 'k8s\nweb.yaml\n' },
  { name: 'missing', input: 'ls nope', want: '', stderr: "ls: cannot access 'nope': No such file or directory\n", exitCode: 2 },
  { name: 'long format', input: 'ls -l', files: { 'a.yaml': 'abc' }, want: 'total 4\n-rw-r--r-- 1 root root    3 Jan  1 00:00 a.yaml\n' },
]);

table('rm', [
  { name: 'removes', input: 'rm a; ls', files: { a: '' }, want: '' },
  { name: 'missing', input: 'rm a', want: '', stderr: "rm: cannot remove 'a': No such file or directory\n", exitCode: 1 },
  { name: '-f ignores missing', input: 'rm -f a', want: '' },
  { name: 'no operand', input: 'rm', want: '', stderr: "rm: missing operand\nTry 'rm --help' for more information.\n", exitCode: 1 },
  { name: 'directory needs -r', input: 'rm d', files: { 'd/x': '' }, want: '', stderr: "rm: cannot remove 'd': Is a directory\n", exitCode: 1 },
  { name: '-rf directory', input: 'rm -rf d; ls', files: { 'd/x': '', y: '' }, want: 'y\n' },
]);

table('history', [
  { name: 'numbered', input: 'history', want: '    1  history\n' },
  { name: 'bad count', input: 'history x', want: '', stderr: 'sh: history: x: numeric argument required\n', exitCode: 1 },
]);

table('true, false, pwd', [
  { name: 'true', input: 'true', want: '' },
  { name: 'false', input: 'false', want: '', exitCode: 1 },
  { name: 'pwd', input: 'pwd', want: '/root\n' },
]);

table('export, unset, env', [
  { name: 'export with value', input: 'export A=1; env | grep ^A=', want: 'A=1\n' },
  { name: 'plain variables are not exported', input: 'B=2; env | grep -c ^B=', want: '0\n', exitCode: 1 },
  { name: 'export -p', input: 'export -p | grep HOME', want: 'declare -x HOME="/root"\n' },
  { name: 'invalid name', input: 'export 1a=b', want: '', stderr: "sh: export: `1a=b': not a valid identifier\n", exitCode: 1 },
  { name: 'unset', input: 'A=1; unset A; echo "[$A]"', want: '[]\n' },
]);

describe('help', () => {
  it('lists every command', () => {
    const out = new Shell(new ClusterRuntime()).run('help').stdout;
    for (const name of ['kubectl', 'echo', 'sleep', 'grep', 'head', 'tail', 'wc', 'cat', 'ls', 'rm', 'history', 'clear']) expect(out).toContain(`\n ${name}`);
  });
});

describe('kubectl', () => {
  it('runs kubectl with the command line and reports its status', () => {
    const r = new Shell(new ClusterRuntime()).run('kubectl nosuchverb');
    expect(r.stderr).toContain('unknown command "nosuchverb" for "kubectl"');
    expect(r.exitCode).toBe(1);
  });
});
