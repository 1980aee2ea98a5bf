import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

// Expected outputs as GNU sed 4.8 prints them for the same input.
describe('sed', () => {
  const cases: Array<{ name: string; line: string; stdout: string; stderr?: string; code?: number }> = [
    { name: 'first match per line', line: 'sed s/a/x/ two.txt', stdout: 'x a\nb x\n' },
    { name: 'g flag', line: "echo 'a a' | sed 's/a/x/g'", stdout: 'x x\n' },
    { name: 'groups and &', line: "echo key=value | sed 's/\\(.*\\)=\\(.*\\)/\\2=\\1 [&]/'", stdout: 'value=key [key=value]\n' },
    { name: '-E groups', line: "echo abc | sed -E 's/(b)(c)/\\2\\1/'", stdout: 'acb\n' },
    { name: 'other delimiter', line: 'echo /usr/bin | sed s#/usr#/opt#', stdout: '/opt/bin\n' },
    { name: '-n with p', line: "sed -n 's/b/B/p' ab.txt", stdout: 'B\n' },
    { name: 'two -e scripts', line: "echo ab | sed -e s/a/1/ -e s/b/2/", stdout: '12\n' },
    { name: 'missing file', line: 'sed s/a/b/ nope.txt', stdout: '', stderr: "sed: can't read nope.txt: No such file or directory\n", code: 2 },
  ];
  it.each(cases)('$name', ({ line, stdout, stderr = '', code = 0 }) => {
    const c = createCluster({ seed: 1 });
    c.writeFile('two.txt', 'a a\nb a\n');
    c.writeFile('ab.txt', 'a\nb\n');
    expect(c.run(line)).toMatchObject({ stdout, stderr, exitCode: code });
  });

  it('-i edits the file in place', () => {
    const c = createCluster({ seed: 1 });
    c.writeFile('f.txt', 'image: nginx\n');
    expect(c.run('sed -i s/nginx/httpd/ f.txt').stdout).toBe('');
    expect(c.run('cat f.txt').stdout).toBe('image: httpd\n');
  });
});
