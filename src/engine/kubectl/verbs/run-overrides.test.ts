import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

// kubectl run --overrides: cmdutil.Merge applies the JSON as a JSON merge patch (RFC 7386) to the generated pod.
describe('kubectl run --overrides', () => {
  it('merges into the generated pod: maps merge, lists are replaced, null removes', () => {
    const c = createCluster({ seed: 3 });
    const r = c.run(`kubectl run x --image=nginx --dry-run=client -o json --overrides='{"metadata":{"labels":{"run":null,"a":"b"}},"spec":{"containers":[{"name":"y","image":"busybox"}]}}'`);
    expect(r.exitCode).toBe(0);
    const pod = JSON.parse(r.stdout) as { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ name: string }> } };
    expect(pod.metadata.labels).toEqual({ a: 'b' });
    expect(pod.spec.containers).toEqual([{ name: 'y', image: 'busybox' }]);
  });

  it('bad JSON', () => {
    const c = createCluster({ seed: 3 });
    expect(c.run(`kubectl run x --image=nginx --overrides='{bad'`)).toMatchObject({ stderr: 'error: Invalid JSON Patch\n', exitCode: 1 });
    expect(c.get('pod', 'x')).toBeUndefined();
  });

  it('nginx:1.28 is in the image catalog', () => {
    const c = createCluster({ seed: 3 });
    c.run('kubectl run web --image=nginx:1.28');
    c.runUntilIdle();
    expect((c.get('pod', 'web')?.status as { phase: string }).phase).toBe('Running');
  });
});
