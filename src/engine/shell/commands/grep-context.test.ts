import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster } from '../../index.ts';

const text = 'a\nb\nmatch1\nc\nd\ne\nf\nmatch2\ng\nmatch3\nh\n';
const gnuGrep = '/usr/bin/grep';
const have = existsSync(gnuGrep);

// Each case runs the same arguments through the lab's grep and GNU grep (when installed): context lines,
// `-`/`:` separators and `--` between groups.
const cases: Array<{ args: string[]; want: string }> = [
  { args: ['-A1', 'match', 'f.txt'], want: 'match1\nc\n--\nmatch2\ng\nmatch3\nh\n' },
  { args: ['-B2', 'match', 'f.txt'], want: 'a\nb\nmatch1\n--\ne\nf\nmatch2\ng\nmatch3\n' },
  { args: ['-nC1', 'match', 'f.txt'], want: '2-b\n3:match1\n4-c\n--\n7-f\n8:match2\n9-g\n10:match3\n11-h\n' },
  { args: ['-A', '1', '-n', 'match', 'f.txt'], want: '3:match1\n4-c\n--\n8:match2\n9-g\n10:match3\n11-h\n' },
  { args: ['--context=2', 'match', 'f.txt'], want: text },
  { args: ['-C1', 'match2', 'f.txt', 'f.txt'], want: 'f.txt-f\nf.txt:match2\nf.txt-g\n--\nf.txt-f\nf.txt:match2\nf.txt-g\n' },
];

describe('grep -A/-B/-C', () => {
  const dir = have ? mkdtempSync(join(tmpdir(), 'kubelab-grep-')) : '';
  if (have) writeFileSync(join(dir, 'f.txt'), text);
  it.each(cases)('grep $args', ({ args, want }) => {
    const c = createCluster({ seed: 1 });
    c.writeFile('f.txt', text);
    expect(c.run(`grep ${args.join(' ')}`).stdout).toBe(want);
    if (have) expect(execFileSync(gnuGrep, args, { cwd: dir }).toString()).toBe(want);
  });

  it('bad length', () => {
    const c = createCluster({ seed: 1 });
    c.writeFile('f.txt', text);
    expect(c.run('grep -A x match f.txt')).toMatchObject({ stderr: 'grep: x: invalid context length argument\n', exitCode: 2 });
  });
});
