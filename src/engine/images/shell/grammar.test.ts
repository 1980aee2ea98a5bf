// The `sh` inside containers parses with the lab shell's grammar (shell/parser.ts, dialect 'ash'): heredocs,
// here-strings, `!`, backquotes and redirections on compound commands work as in busybox ash 1.36 (POSIX XCU
// 2.7, 2.9.2, 2.9.4), and syntax errors are worded as ash words them (shell/ash.c raise_error_unexpected_syntax).
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

let c: ReturnType<typeof createCluster>;

beforeAll(() => {
  c = createCluster({ seed: 5, nodes: 1 });
  expect(c.run('kubectl run bb --image=busybox:1.36 -- sleep 3600').exitCode).toBe(0);
  c.advance(30_000);
});

const cases: Array<{ name: string; script: string; stdout: string; stderr?: string }> = [
  { name: 'heredoc with expansion', script: 'X=1; cat <<EOF\nhi $X\nEOF', stdout: 'hi 1\n' },
  { name: 'quoted heredoc delimiter keeps the body literal', script: 'X=1; cat <<"EOF"\nhi $X\nEOF', stdout: 'hi $X\n' },
  { name: 'here-string', script: 'cat <<< hello', stdout: 'hello\n' },
  { name: '! negates the status', script: '! false; echo $?', stdout: '0\n' },
  { name: 'a loop redirected as a whole', script: 'for i in 1 2; do echo $i; done > /tmp/o; cat /tmp/o', stdout: '1\n2\n' },
  { name: 'backquotes substitute', script: 'echo `echo hi`', stdout: 'hi\n' },
  { name: 'positional parameters are empty', script: 'echo "[$1][$@]"', stdout: '[][]\n' },
  {
    name: 'a syntax error stops the whole script',
    script: 'echo a; while true; done',
    stdout: '',
    stderr: 'sh: syntax error: unexpected "done" (expecting "do")\ncommand terminated with exit code 2\n',
  },
  { name: 'an error inside $( ) too', script: 'echo a; echo $(fi)', stdout: '', stderr: 'sh: syntax error: unexpected "fi"\ncommand terminated with exit code 2\n' },
];

describe('sh -c grammar inside a container', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const r = c.run(`kubectl exec bb -- sh -c '${tc.script}'`);
      expect(r.stdout).toBe(tc.stdout);
      expect(r.stderr).toBe(tc.stderr ?? '');
    });
  }
});
