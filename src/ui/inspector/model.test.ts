import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { containerState, nodeSummary, podSummary } from './model.ts';

describe('containerState', () => {
  const cases: Array<{ name: string; s: Parameters<typeof containerState>[0]; want: string }> = [
    { name: 'no status yet', s: undefined, want: 'Waiting' },
    { name: 'running', s: { name: 'c', image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: 'x' } } }, want: 'Running' },
    { name: 'waiting with reason', s: { name: 'c', image: 'i', imageID: '', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }, want: 'Waiting (CrashLoopBackOff)' },
    { name: 'terminated', s: { name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, want: 'Terminated (Completed, exit 0)' },
  ];
  for (const c of cases) it(c.name, () => expect(containerState(c.s)).toBe(c.want));
});

describe('summaries from a live cluster', () => {
  const cluster = createCluster({ seed: 1, nodes: 2 });
  cluster.run('kubectl run web --image=nginx --labels=app=web,tier=front');
  cluster.runUntilIdle(60_000);
  it('pod: status, node, IP, labels, containers', () => {
    const s = podSummary(cluster.get('pod', 'web') as Pod);
    expect(s.status).toBe('Running');
    expect(s.labels).toEqual([
      ['app', 'web'],
      ['tier', 'front'],
    ]);
    expect(s.fields.find(([k]) => k === 'node')?.[1]).toMatch(/^worker-/);
    expect(s.fields.find(([k]) => k === 'ip')?.[1]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s.containers).toEqual([{ name: 'web', image: 'nginx', state: 'Running', ready: true, restarts: 0, init: false, probes: [] }]);
    expect(s.conditions.map((c) => `${c.type}=${c.status}`)).toContain('Ready=True');
  });
  it('node: Ready, capacity, control-plane taint', () => {
    const cp = cluster.list('nodes').find((n) => (n.metadata?.name ?? '').includes('control-plane')) as Node;
    const s = nodeSummary(cp);
    expect(s.status).toBe('Ready');
    expect(s.taints).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
    expect(s.resources.map((r) => r.name)).toContain('cpu');
  });
});
