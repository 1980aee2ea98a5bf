import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';

describe('cluster bootstrap', () => {
  it('has the four initial namespaces, and flannel\'s', () => {
    const c = createCluster();
    expect(c.list('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
  it('reports unknown commands like a shell', () => {
    const c = createCluster();
    expect(c.run('foo')).toEqual({ stdout: '', stderr: 'sh: foo: command not found\n', exitCode: 127 });
  });
});

describe('runUntilIdle', () => {
  it('returns once a new Deployment is ready, not at its progress deadline', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx:1.14 --replicas=3');
    const elapsed = c.runUntilIdle();
    expect(elapsed).toBeLessThan(60_000);
    expect((c.get('deployment', 'web')?.status as { readyReplicas?: number }).readyReplicas).toBe(3);
  });
  it('a stuck Deployment still reaches its progress deadline when time is advanced', () => {
    const c = createCluster();
    c.run('kubectl create deployment bad --image=nginx:nope');
    c.advance(601_000);
    const conds = (c.get('deployment', 'bad')?.status as { conditions?: Array<{ type: string; reason: string }> }).conditions ?? [];
    expect(conds.find((x) => x.type === 'Progressing')?.reason).toBe('ProgressDeadlineExceeded');
  });
});
