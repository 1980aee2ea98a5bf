import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster } from '../../index.ts';

const text = 'web-1 Running 10.0.0.1\nweb-2 Pending\nno-delimiters\n';
const tsv = 'a\tb\tc\nd\te\tf\n';
const gnuCut = '/usr/bin/cut';
const have = existsSync(gnuCut);

// Expected outputs are GNU coreutils cut's; checked against it when installed.
const cases: Array<{ args: string[]; file: string; want: string }> = [
  { args: ['-d', ' ', '-f', '2'], file: 'p.txt', want: 'Running\nPending\nno-delimiters\n' },
  { args: ['-d ', '-f1,3'], file: 'p.txt', want: 'web-1 10.0.0.1\nweb-2\nno-delimiters\n' },
  { args: ['-s', '-d', ' ', '-f', '2-'], file: 'p.txt', want: 'Running 10.0.0.1\nPending\n' },
  { args: ['-f', '2'], file: 't.txt', want: 'b\ne\n' },
  { args: ['-c', '1-3,5'], file: 'p.txt', want: 'web1\nweb2\nno-e\n' },
  { args: ['-d', '-', '-f', '1'], file: 'p.txt', want: 'web\nweb\nno\n' },
];

describe('cut', () => {
  const dir = have ? mkdtempSync(join(tmpdir(), 'kubelab-cut-')) : '';
  if (have) {
    writeFileSync(join(dir, 'p.txt'), text);
    writeFileSync(join(dir, 't.txt'), tsv);
  }
  it.each(cases)('cut $args', ({ args, file, want }) => {
    const c = createCluster({ seed: 1 });
    c.writeFile('p.txt', text);
    c.writeFile('t.txt', tsv);
    const quoted = args.map((a) => `'${a}'`).join(' ');
    expect(c.run(`cut ${quoted} ${file}`).stdout).toBe(want);
    if (have) expect(execFileSync(gnuCut, [...args, file], { cwd: dir }).toString()).toBe(want);
  });

  it('in a pipeline; no list is an error', () => {
    const c = createCluster({ seed: 1 });
    expect(c.run("echo a:b:c | cut -d: -f2").stdout).toBe('b\n');
    expect(c.run('cut x').stderr).toBe("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
  });
});
