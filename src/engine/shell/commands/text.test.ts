import { shellTable, type ShellCase } from '../testing.ts';

const PODS = 'web-1 Running\nweb-2 Pending\ndb-1 Running\n';

/** Runs each case in a fresh shell with `pods.txt` (PODS) and `one.txt` ("x\n") in the home directory. */
const table = (title: string, cases: ShellCase[]): void => shellTable(title, cases, { 'pods.txt': PODS, 'one.txt': 'x\n' });

// Expected values are what GNU coreutils 9 and grep 3 print for the same input.
table('cat', [
  { name: 'a file', input: 'cat one.txt', want: 'x\n' },
  { name: 'several files', input: 'cat one.txt one.txt', want: 'x\nx\n' },
  { name: 'stdin', input: 'echo a | cat', want: 'a\n' },
  { name: 'dash is stdin', input: 'echo a | cat one.txt -', want: 'x\na\n' },
  { name: 'number lines', input: 'cat -n one.txt', want: '     1\tx\n' },
  { name: 'missing file continues', input: 'cat nope one.txt', want: 'x\n', stderr: 'cat: nope: No such file or directory\n', exitCode: 1 },
  { name: 'directory', input: 'cat /root', want: '', stderr: 'cat: /root: Is a directory\n', exitCode: 1 },
]);

table('grep', [
  { name: 'match', input: 'grep Running pods.txt', want: 'web-1 Running\ndb-1 Running\n' },
  { name: 'no match is status 1', input: 'grep Failed pods.txt', want: '', exitCode: 1 },
  { name: '-c', input: 'grep -c Running pods.txt', want: '2\n' },
  { name: '-i', input: 'grep -i running pods.txt', want: 'web-1 Running\ndb-1 Running\n' },
  { name: '-v', input: 'grep -v Running pods.txt', want: 'web-2 Pending\n' },
  { name: '-E alternation', input: "grep -E 'web-1|db' pods.txt", want: 'web-1 Running\ndb-1 Running\n' },
  { name: 'basic alternation needs a backslash', input: "grep 'web-1\\|db' pods.txt | wc -l", want: '2\n' },
  { name: 'basic | is literal', input: "grep 'web|db' pods.txt", want: '', exitCode: 1 },
  { name: '-n', input: 'grep -n db pods.txt', want: '3:db-1 Running\n' },
  { name: 'combined flags', input: 'grep -ic RUNNING pods.txt', want: '2\n' },
  { name: 'several files prefix names', input: 'grep x pods.txt one.txt', want: 'one.txt:x\n' },
  { name: '-w', input: 'grep -w web pods.txt', want: 'web-1 Running\nweb-2 Pending\n' },
  { name: '-o', input: "grep -o 'web-[0-9]' pods.txt", want: 'web-1\nweb-2\n' },
  { name: '-q', input: 'grep -q db pods.txt', want: '' },
  { name: 'stdin', input: 'cat pods.txt | grep Pending', want: 'web-2 Pending\n' },
  { name: '-e pattern', input: 'grep -e db pods.txt', want: 'db-1 Running\n' },
  { name: 'missing file', input: 'grep a nope', want: '', stderr: 'grep: nope: No such file or directory\n', exitCode: 2 },
  { name: 'no pattern', input: 'grep', want: '', stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 },
]);

table('head', [
  { name: 'default ten', input: 'head pods.txt', want: PODS },
  { name: '-n 2', input: 'head -n 2 pods.txt', want: 'web-1 Running\nweb-2 Pending\n' },
  { name: '-1', input: 'head -1 pods.txt', want: 'web-1 Running\n' },
  { name: '-n -1 drops the last', input: 'head -n -1 pods.txt', want: 'web-1 Running\nweb-2 Pending\n' },
  { name: 'stdin', input: 'cat pods.txt | head -n1', want: 'web-1 Running\n' },
  { name: 'bad count', input: 'head -n x pods.txt', want: '', stderr: 'head: invalid number of lines: ‘x’\n', exitCode: 1 },
]);

table('tail', [
  { name: '-n 1', input: 'tail -n 1 pods.txt', want: 'db-1 Running\n' },
  { name: '+2 starts at line 2', input: 'tail -n +2 pods.txt', want: 'web-2 Pending\ndb-1 Running\n' },
  { name: 'missing argument', input: 'tail -n', want: '', stderr: "tail: option requires an argument -- 'n'\nTry 'tail --help' for more information.\n", exitCode: 1 },
  { name: 'missing file', input: 'tail nope', want: '', stderr: "tail: cannot open 'nope' for reading: No such file or directory\n", exitCode: 1 },
]);

table('wc', [
  { name: '-l file', input: 'wc -l pods.txt', want: '3 pods.txt\n' },
  { name: '-l stdin', input: 'cat pods.txt | wc -l', want: '3\n' },
  { name: 'all counts of a file', input: 'wc pods.txt', want: ' 3  6 41 pods.txt\n' },
  { name: 'all counts of stdin', input: 'cat pods.txt | wc', want: '      3       6      41\n' },
  { name: 'several files with total', input: 'wc -l pods.txt one.txt', want: ' 3 pods.txt\n 1 one.txt\n 4 total\n' },
  { name: '-w from a redirect', input: 'wc -w < pods.txt', want: '6\n' },
  { name: 'missing file', input: 'wc -l nope', want: '', stderr: 'wc: nope: No such file or directory\n', exitCode: 1 },
]);
