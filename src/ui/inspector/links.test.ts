import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { nameIndex, objectLinks } from './links.ts';

describe('objectLinks', () => {
  const c = createCluster({ seed: 2, nodes: 2 });
  c.run('kubectl create deployment web --image=nginx --replicas=1');
  c.runUntilIdle(60_000);
  const objects = Object.fromEntries(['Pod', 'Node', 'Service', 'Deployment', 'ReplicaSet'].map((k) => [k, c.list(k)]));
  const names = nameIndex(objects);
  const pod = c.list('pods', 'default')[0].metadata?.name ?? '';
  const text = (line: string) => objectLinks(line, names).map((l) => [line.slice(l.start, l.end), l.ref.kind, l.ref.namespace]);

  // Lines exactly as kubectl prints them.
  const cases: Array<{ name: string; line: () => string; want: () => unknown[] }> = [
    { name: 'created message', line: () => c.run('kubectl create deployment api --image=nginx').stdout.trim(), want: () => [['deployment.apps/api', 'Deployment', undefined]] },
    { name: 'get pods NAME column', line: () => c.run('kubectl get pods').stdout.split('\n').find((l) => l.startsWith(pod)) ?? '', want: () => [[pod, 'Pod', 'default']] },
    { name: 'get nodes: the node names, nothing in other columns', line: () => c.run('kubectl get nodes').stdout.split('\n')[2], want: () => [['worker-1', 'Node', undefined]] },
    { name: 'a typed node reference is cluster-scoped', line: () => 'node/worker-2 cordoned', want: () => [['node/worker-2', 'Node', undefined]] },
    { name: 'unknown words are not links', line: () => 'Error from server (NotFound): pods "nope" not found', want: () => [] },
  ];
  for (const x of cases) it(x.name, () => expect(text(x.line())).toEqual(x.want()));
});
