import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';

describe('cluster bootstrap', () => {
  it('has the four initial namespaces', () => {
    const c = createCluster();
    expect(c.list('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
  it('reports unknown commands like a shell', () => {
    const c = createCluster();
    expect(c.run('foo')).toEqual({ stdout: '', stderr: 'sh: foo: command not found\n', exitCode: 127 });
  });
});
