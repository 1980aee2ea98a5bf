// Cluster.stream: `kubectl get -w` and `kubectl logs -f` keep printing as virtual time moves, until cancelled
// (Ctrl+C: `$?` is 130) or they end by themselves. Rows follow kubectl's watch printing (get.go: the header
// once with the initial list, then one row per watch event, unsorted); `--watch-only` starts with the first
// event's row and its own header.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

function lab() {
  const c = createCluster({ seed: 1, nodes: 1 });
  return c;
}

function collect() {
  const chunks: string[] = [];
  return { chunks, on: (_s: 'stdout' | 'stderr', t: string) => void chunks.push(t), text: () => chunks.join('') };
}

describe('Cluster.stream', () => {
  it('get -w prints the list, then rows as the cluster changes, until cancel', () => {
    const c = lab();
    c.run('kubectl run web --image=nginx');
    const o = collect();
    const s = c.stream('kubectl get pods -w', o.on);
    expect(s.live).toBe(true);
    expect(o.text()).toBe('NAME   READY   STATUS              RESTARTS   AGE\nweb    0/1     ContainerCreating   0          0s\n');
    c.advance(60_000);
    const lines = o.text().trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    expect(lines[lines.length - 1]).toMatch(/^web {4}1\/1 {5}Running {13}0 {10}\d+s$/);
    s.cancel();
    expect(s.live).toBe(false);
    const before = o.text();
    c.run('kubectl delete pod web --wait=false');
    c.advance(60_000);
    expect(o.text()).toBe(before);
    expect(c.run('echo $?').stdout).toBe('0\n');
  });

  it('$? is 130 after an interrupted stream', () => {
    const c = lab();
    const s = c.stream('kubectl get pods -w', () => {});
    s.cancel();
    expect(c.run('echo $?').stdout).toBe('130\n');
  });

  it('--watch-only prints nothing until an event, then the row under a header', () => {
    const c = lab();
    const o = collect();
    const s = c.stream('kubectl get pods --watch-only', o.on);
    expect(o.text()).toBe('');
    c.run('kubectl run web --image=nginx');
    expect(o.text().split('\n')[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE');
    expect(o.text().split('\n')[1]).toMatch(/^web {4}0\/1 {5}Pending {3}0 {10}0s$/);
    s.cancel();
  });

  it('--request-timeout ends the stream by itself with status 0', () => {
    const c = lab();
    const s = c.stream('kubectl get pods -w --request-timeout=5s', () => {});
    let code: number | undefined;
    s.onEnd((x) => (code = x));
    c.advance(4_000);
    expect(s.live).toBe(true);
    c.advance(2_000);
    expect(s.live).toBe(false);
    expect(code).toBe(0);
  });

  it('logs -f prints new lines as the container writes them', () => {
    const c = lab();
    c.run(`kubectl run tick --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done'`);
    c.advance(30_000);
    const o = collect();
    const s = c.stream('kubectl logs -f tick', o.on);
    expect(s.live).toBe(true);
    const first = o.text();
    c.advance(5_000);
    expect(o.text().length).toBeGreaterThan(first.length);
    expect(o.text().startsWith(first)).toBe(true);
    s.cancel();
  });

  it.each([
    ['a pipe', 'kubectl get pods -w --request-timeout=2s | cat'],
    ['a list', 'kubectl get pods -w --request-timeout=2s; echo done'],
    ['a redirection', 'kubectl get pods -w --request-timeout=2s > out.txt'],
    ['a command that does not stream', 'kubectl get pods'],
  ])('%s runs bounded, as run does', (_n, line) => {
    const c = lab();
    const s = c.stream(line, () => {});
    expect(s.live).toBe(false);
  });
});
