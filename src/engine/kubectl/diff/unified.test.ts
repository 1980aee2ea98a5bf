import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from './unified.ts';

const gnuDiff = '/usr/bin/diff';
const haveDiff = existsSync(gnuDiff);

const yamlA = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\ndata:\n  k1: v1\n  k2: v2\n  k3: v3\n  k4: v4\n  k5: v5\n  k6: v6\n  k7: v7\n  k8: v8\n  k9: v9\n';
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

// Hunks, context and ranges as GNU diffutils prints `diff -u` (the tool kubectl diff runs).
const cases: Array<{ name: string; a?: string; b?: string }> = [
  { name: 'one changed line', a: yamlA, b: yamlA.replace('k5: v5', 'k5: changed') },
  { name: 'changes far apart make two hunks', a: yamlA, b: yamlA.replace('kind: ConfigMap', 'kind: Other').replace('k9: v9', 'k9: x') },
  { name: 'changes close together make one hunk', a: yamlA, b: yamlA.replace('k2: v2', 'k2: x').replace('k7: v7', 'k7: x') },
  { name: 'lines added', a: yamlA, b: yamlA.replace('k3: v3\n', 'k3: v3\n  new1: a\n  new2: b\n') },
  { name: 'lines removed at the start', a: yamlA, b: yamlA.split('\n').slice(2).join('\n') },
  { name: 'lines appended at the end', a: yamlA, b: yamlA + 'status: {}\n' },
  { name: 'new file', a: undefined, b: yamlA },
  { name: 'deleted file', a: yamlA, b: undefined },
  { name: 'replace blocks', a: lines(30, (i) => `line ${i}`), b: lines(30, (i) => (i % 7 === 3 ? `changed ${i}` : `line ${i}`)) },
  { name: 'one-line files', a: 'a\n', b: 'b\n' },
  { name: 'equal', a: yamlA, b: yamlA },
];

describe('unifiedDiff matches GNU diff -u -N', () => {
  const dir = haveDiff ? mkdtempSync(join(tmpdir(), 'kubelab-diff-')) : '';
  it.skipIf(!haveDiff)('(GNU diff present)', () => expect(haveDiff).toBe(true));
  it.each(cases)('$name', ({ a, b }) => {
    const ours = unifiedDiff({ path: 'L/x', text: a, mtimeMs: 0 }, { path: 'M/x', text: b, mtimeMs: 0 });
    if (!haveDiff) {
      // Reason: no GNU diff to compare with; check only the shape.
      expect(ours === '').toBe(a === b);
      return;
    }
    const fa = join(dir, 'a');
    const fb = join(dir, 'b');
    writeFileSync(fa, a ?? '');
    writeFileSync(fb, b ?? '');
    let real = '';
    try {
      execFileSync(gnuDiff, ['-u', fa, fb]);
    } catch (e) {
      real = (e as { stdout: Buffer }).stdout.toString();
    }
    // Compare the hunks (headers carry the temporary paths and times).
    const body = (s: string) => s.split('\n').slice(2).join('\n');
    expect(body(ours)).toBe(body(real));
  });

  it('headers: path, tab, time; a missing file is dated at the epoch', () => {
    const d = unifiedDiff({ path: '/tmp/LIVE-1/v1.ConfigMap.default.a', text: undefined, mtimeMs: 5 }, { path: '/tmp/MERGED-2/v1.ConfigMap.default.a', text: 'a\n', mtimeMs: Date.UTC(2025, 0, 2, 3, 4, 5, 6) });
    expect(d).toBe('--- /tmp/LIVE-1/v1.ConfigMap.default.a\t1970-01-01 00:00:00.000000000 +0000\n+++ /tmp/MERGED-2/v1.ConfigMap.default.a\t2025-01-02 03:04:05.006000000 +0000\n@@ -0,0 +1 @@\n+a\n');
  });
});
