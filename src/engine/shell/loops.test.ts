// Compound commands, loops and arithmetic in the lab shell. The `want` values are what bash 5 prints for the
// same input (POSIX XCU 2.9.4 compound commands, 2.6.4 arithmetic expansion; bash(1) "SHELL BUILTIN
// COMMANDS" for break/continue), and GNU grep/sort/uniq/seq for the text tools.
import { describe, expect, it } from 'vitest';
import { ClusterRuntime } from '../runtime.ts';
import { needsMoreInput } from './parser.ts';
import { LOOP_STEP_LIMIT } from './exec.ts';
import { Shell } from './shell.ts';
import { shellTable, type ShellCase } from './testing.ts';

const PODS = 'web-1 Running\nweb-2 Pending\ndb-1 Running\n';

const table = (title: string, cases: ShellCase[]): void => shellTable(title, cases, { 'pods.txt': PODS });

table('for, while, until, if and { }', [
  { name: 'for over $(seq) with arithmetic', input: 'for i in $(seq 1 3); do echo "n=$i $((i*i))"; done', want: 'n=1 1\nn=2 4\nn=3 9\n' },
  { name: 'for over a multi-line body', input: 'for i in a b\ndo\n  echo $i\ndone', want: 'a\nb\n' },
  { name: 'for without in runs over no words', input: 'for i; do echo never; done', want: '' },
  { name: 'continue 2 resumes the outer loop', input: 'for x in 1 2 3; do for y in 1 2; do [ $y = 2 ] && continue 2; echo $x$y; done; done', want: '11\n21\n31\n' },
  { name: 'break leaves a while loop', input: 'i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i -eq 3 ] && break; done; echo $i', want: '3\n' },
  { name: 'until runs while the condition fails', input: 'until [ -n "$s" ]; do s=set; done; echo $s', want: 'set\n' },
  { name: 'if / elif / else', input: 'if false; then echo a; elif true; then echo b; else echo c; fi', want: 'b\n' },
  { name: 'a brace group feeds a pipe', input: '{ echo g1; echo g2; } | wc -l', want: '2\n' },
  { name: 'a loop feeds a pipeline', input: 'for w in b a b c a b; do echo $w; done | sort | uniq -c | sort -rn', want: '      3 b\n      2 a\n      1 c\n' },
  { name: 'a loop redirected to a file', input: 'for i in a b; do echo $i; done > o.txt; cat o.txt', want: 'a\nb\n' },
  { name: 'the status of a loop is its last body command', input: 'for i in 1; do false; done; echo $?', want: '1\n' },
  { name: 'sleep in a loop advances virtual time', input: 'for i in 1 2 3; do sleep 10; done', want: '' },
]);

table('break and continue outside loops, syntax errors', [
  { name: 'break outside a loop', input: 'break; echo $?', want: '0\n', stderr: "sh: break: only meaningful in a `for', `while', or `until' loop\n" },
  { name: 'done without a loop', input: 'done', want: '', stderr: "sh: syntax error near unexpected token `done'\n", exitCode: 2 },
  { name: 'an empty loop body', input: 'for i in 1; do done', want: '', stderr: "sh: syntax error near unexpected token `done'\n", exitCode: 2 },
]);

table('arithmetic expansion', [
  { name: 'operators and constants', input: 'echo $((2**10)) $((0x10)) $((010)) $((7%3)) $((-7/2)) $((1<2 && 3>2)) $((k+=5)) $k', want: '1024 16 8 1 -3 1 5 5\n' },
  { name: 'parameters inside', input: 'n=4; echo $(( $n * 2 + n ))', want: '12\n' },
  { name: 'division by zero ends the line', input: 'echo $((7/0)); echo after', want: '', stderr: 'sh: 7/0: division by 0 (error token is "0")\n', exitCode: 1 },
  { name: 'a missing operand', input: 'echo $((1 +))', want: '', stderr: 'sh: 1 +: syntax error: operand expected (error token is "+")\n', exitCode: 1 },
]);

table('grep -m/-o/-c, sort, uniq -c, seq (GNU)', [
  { name: 'grep -m 1', input: 'grep -m 1 Running pods.txt', want: 'web-1 Running\n' },
  { name: 'grep -c stops at -m', input: 'grep -c -m1 Running pods.txt', want: '1\n' },
  { name: 'grep -o prints each match', input: 'grep -o "web-." pods.txt', want: 'web-1\nweb-2\n' },
  { name: 'grep with a bad -m', input: 'grep -m x a', want: '', stderr: 'grep: invalid max count\n', exitCode: 2 },
  { name: 'sort | uniq -c', input: 'cut -d" " -f2 pods.txt | sort | uniq -c', want: '      1 Pending\n      2 Running\n' },
  { name: 'sort -k2 -r breaks ties on the whole line', input: 'sort -k2 -r pods.txt', want: 'web-1 Running\ndb-1 Running\nweb-2 Pending\n' },
  { name: 'sort -n', input: 'seq 10 -3 1 | sort -n', want: '1\n4\n7\n10\n' },
  { name: 'seq -s', input: "seq -s ' ' 2 2 10", want: '2 4 6 8 10\n' },
  { name: 'seq -w', input: 'seq -w 8 10', want: '08\n09\n10\n' },
  { name: 'seq with no operand', input: 'seq', want: '', stderr: "seq: missing operand\nTry 'seq --help' for more information.\n", exitCode: 1 },
  { name: 'seq with a zero increment', input: 'seq 1 0 3', want: '', stderr: "seq: invalid Zero increment value: ‘0’\nTry 'seq --help' for more information.\n", exitCode: 1 },
  { name: 'uniq -d', input: 'for w in a a b; do echo $w; done | uniq -d', want: 'a\n' },
  { name: 'head -n on a loop', input: 'seq 1 100 | head -n 2', want: '1\n2\n' },
]);

describe('endless loops', () => {
  it(`while true stops after ${LOOP_STEP_LIMIT} rounds, says so, and $? is 130 (as after Ctrl+C)`, () => {
    const rt = new ClusterRuntime();
    const sh = new Shell(rt);
    const t0 = rt.clock.now();
    const r = sh.run('while true; do echo tick; sleep 1; done | wc -l; echo not reached');
    expect(r.stderr).toBe(`sh: while loop stopped after ${LOOP_STEP_LIMIT} iterations: the lab's step limit (a real shell would run until Ctrl+C)\n`);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(130);
    expect(rt.clock.now() - t0).toBe(LOOP_STEP_LIMIT * 1000);
    expect(sh.run('echo $?').stdout).toBe('130\n');
  });

  it('sleep inside a for loop advances the clock by each round', () => {
    const rt = new ClusterRuntime();
    const t0 = rt.clock.now();
    new Shell(rt).run('for i in 1 2 3; do sleep 10; done');
    expect(rt.clock.now() - t0).toBe(30_000);
  });
});

describe('unfinished compound commands ask for more input', () => {
  const cases = [
    { text: 'for i in 1 2; do', want: true },
    { text: 'while true; do echo x', want: true },
    { text: 'if true; then echo a; else', want: true },
    { text: 'for i in 1 2; do echo $i; done', want: false },
    { text: 'echo $((1 +', want: true },
  ];
  for (const c of cases) it(c.text, () => expect(needsMoreInput(c.text)).toBe(c.want));
});

table('test and [ (bash builtin)', [
  { name: 'string and integer comparisons', input: '[ a = a ] && [ 2 -lt 10 ] && [ b != a ] && test -n x && echo yes', want: 'yes\n' },
  { name: 'file tests', input: '[ -f pods.txt ] && [ -s pods.txt ] && ! [ -f nope ] && [ -z "" ] && echo ok', want: 'ok\n' },
  { name: 'missing ]', input: '[ a = a', want: '', stderr: "sh: [: missing `]'\n", exitCode: 2 },
  { name: 'not an integer', input: '[ x -lt 3 ]', want: '', stderr: 'sh: [: x: integer expression expected\n', exitCode: 2 },
]);
