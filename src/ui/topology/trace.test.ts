import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { latestTrace, traceIndex, tracePath } from './trace.ts';

describe('tracePath', () => {
  const c = createCluster({ seed: 1, nodes: 2 });
  c.run('kubectl create deployment web --image=nginx --replicas=1');
  c.run('kubectl expose deployment web --port=80');
  c.run('kubectl run client --image=busybox -- sleep 3600');
  c.runUntilIdle(60_000);
  const index = () => traceIndex(c.list('pods') as Pod[], c.list('services'), c.list('nodes'));
  const web = (c.list('pods', 'default') as Pod[]).find((p) => p.metadata?.labels?.app === 'web')!;
  const client = c.get('pod', 'client') as Pod;

  it('client pod → Service → the node whose kube-proxy DNATs → the answering pod', () => {
    c.run('lab curl http://web --from client');
    const { ids, failed } = tracePath(latestTrace(c)!, index());
    expect(failed).toBe(false);
    expect(ids).toEqual(['pod:default/client', 'obj:Service:default/web', `node:${client.spec?.nodeName}`, `pod:default/${web.metadata?.name}`]);
  });

  it('stops where the request failed (no such port)', () => {
    c.run('lab curl http://web:81 --from client');
    const { ids, failed } = tracePath(latestTrace(c)!, index());
    expect(failed).toBe(true);
    expect(ids[0]).toBe('pod:default/client');
    expect(ids).not.toContain(`pod:default/${web.metadata?.name}`);
  });

  it('no network component, no trace', () => expect(latestTrace({})).toBeUndefined());
});
