import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

// `ip addr show [dev] NAME` prints one interface; an unknown one gets iproute2's message (ipaddress.c).
describe('ip addr show on a node', () => {
  const c = createCluster({ seed: 1 });
  it.each([
    { name: 'by name', cmd: 'ip addr show cni0', first: /^\d+: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 /, lines: 4, code: 0 },
    { name: 'with dev', cmd: 'ip a show dev flannel.1', first: /^\d+: flannel\.1: /, lines: 4, code: 0 },
    { name: 'the whole list', cmd: 'ip addr', first: /^1: lo: /, lines: 10, code: 0 },
  ])('$name', ({ cmd, first, lines, code }) => {
    const r = c.run(`ssh worker-1 -- ${cmd}`);
    expect(r.exitCode).toBe(code);
    expect(r.stdout).toMatch(first);
    expect(r.stdout.split('\n').length).toBeGreaterThanOrEqual(lines);
    if (cmd !== 'ip addr') expect(r.stdout.match(/^\d+: /gm)).toHaveLength(1);
  });
  it('an unknown device', () => {
    expect(c.run('ssh worker-1 -- ip addr show nope')).toEqual({ stdout: '', stderr: 'Device "nope" does not exist.\n', exitCode: 1 });
  });
});
