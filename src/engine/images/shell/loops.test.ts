// Scripts under `kubectl exec POD -- sh -c '…'`: loops with break/continue, sleep moving the cluster's clock,
// the step limit, and the text tools a pipeline uses (the same grep/sort/uniq/seq as the lab shell). Wants are
// what busybox ash 1.36 and its applets print for the same script (POSIX XCU 2.9.4; busybox grep/uniq).
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { EXEC_LOOP_LIMIT } from './run.ts';

let c: ReturnType<typeof createCluster>;

beforeAll(() => {
  c = createCluster({ seed: 3, nodes: 1 });
  expect(c.run('kubectl run bb --image=busybox:1.36 -- sleep 3600').exitCode).toBe(0);
  c.advance(30_000);
  c.run("kubectl exec bb -- sh -c 'printf \"web-1 Running\\nweb-2 Pending\\ndb-1 Running\\n\" > /tmp/pods'");
});

const cases = [
  { name: 'grep -o with a regular expression (not a literal string)', script: 'grep -o "web-." /tmp/pods', want: 'web-1\nweb-2\n' },
  { name: 'grep -c and -m', script: 'grep -c Running /tmp/pods; grep -m1 Running /tmp/pods', want: '2\nweb-1 Running\n' },
  { name: 'a pipe into grep -o keeps the exit status 0', script: 'cat /tmp/pods | grep -o "db-."; echo $?', want: 'db-1\n0\n' },
  { name: 'no match: exit 1', script: 'grep -o "zz." /tmp/pods; echo $?', want: '1\n' },
  { name: 'for over $(seq) into sort | uniq -c', script: 'for i in $(seq 1 4); do grep -o "Running" /tmp/pods | head -n 1; done | sort | uniq -c', want: '      4 Running\n' },
  { name: 'break and continue', script: 'for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', want: '1\n3\n' },
  { name: 'continue 2 in nested loops', script: 'for x in a b; do for y in 1 2; do [ $y = 2 ] && continue 2; echo $x$y; done; done', want: 'a1\nb1\n' },
  { name: 'while with $(( )) and break', script: 'i=0; while true; do i=$((i+1)); [ $i -gt 3 ] && break; echo $i; done', want: '1\n2\n3\n' },
  { name: 'wc -l and head -n', script: 'seq 1 20 | head -n 5 | wc -l', want: '5\n' },
];

describe('kubectl exec sh -c scripts', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      const r = c.run(`kubectl exec bb -- sh -c '${tc.script}'`);
      expect(r.stdout).toBe(tc.want);
    });
  }

  it('sleep inside the script moves the cluster clock', () => {
    const t0 = c.now();
    expect(c.run(`kubectl exec bb -- sh -c 'for i in 1 2 3; do sleep 10; done'`).exitCode).toBe(0);
    expect(c.now() - t0).toBe(30_000);
  });

  it(`an endless loop stops after ${EXEC_LOOP_LIMIT} rounds and says so`, () => {
    const r = c.run(`kubectl exec bb -- sh -c 'while true; do sleep 1; done'`);
    expect(r.stderr).toBe(`sh: while loop stopped after ${EXEC_LOOP_LIMIT} iterations: the lab's step limit (a real shell would run until Ctrl+C)\ncommand terminated with exit code 130\n`);
    expect(r.exitCode).toBe(130);
    expect(c.runtime.internalErrors).toEqual([]);
  });
});
