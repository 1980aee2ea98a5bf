import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { clusterCompletionSource } from './clusterCompletion.ts';
import { columns, commonPrefix, complete } from './completion.ts';

// Cases follow what kubectl's bash completion (kubectl completion bash, cobra's __complete) offers for the
// same words: verbs, then resource types, then names of live objects; flags after a dash; files after -f.
const cluster = createCluster({ seed: 1, nodes: 2 });
cluster.run('kubectl create deployment web --image=nginx --replicas=2');
cluster.run('kubectl create deployment worker --image=nginx');
cluster.run('kubectl create namespace team-a');
cluster.run('kubectl create configmap cfg -n team-a');
cluster.writeFile('web.yaml', 'x');
cluster.writeFile('wordpress.yaml', 'x');
cluster.runUntilIdle(60_000);
const src = clusterCompletionSource(cluster);

describe('complete', () => {
  const cases: Array<{ name: string; line: string; want: string[] | ((c: string[]) => void) }> = [
    { name: 'a command name', line: 'kub', want: ['kubectl'] },
    { name: 'a kubectl verb', line: 'kubectl desc', want: ['describe'] },
    { name: 'verbs sharing a prefix', line: 'kubectl ro', want: ['rollout'] },
    { name: 'a resource type', line: 'kubectl get deploy', want: ['deployment', 'deployments', 'deploy'].sort() },
    { name: 'object names of the typed type', line: 'kubectl get deployments w', want: ['web', 'worker'] },
    { name: 'TYPE/NAME', line: 'kubectl describe deploy/we', want: ['deploy/web'] },
    { name: 'names in the namespace given with -n', line: 'kubectl get cm -n team-a c', want: ['cfg'] },
    { name: 'namespaces after -n', line: 'kubectl get pods -n te', want: ['team-a'] },
    { name: 'pods for logs', line: 'kubectl logs web-', want: (c) => expect(c.length).toBe(2) },
    { name: 'nodes for cordon', line: 'kubectl cordon wor', want: ['worker-1', 'worker-2'] },
    { name: 'a flag of the verb', line: 'kubectl get pods --show-l', want: ['--show-labels'] },
    { name: 'a global flag', line: 'kubectl get pods --namesp', want: ['--namespace'] },
    { name: 'files after -f', line: 'kubectl apply -f w', want: ['web.yaml', 'wordpress.yaml'] },
    { name: 'files for other commands', line: 'cat wo', want: ['wordpress.yaml'] },
    { name: 'a create subcommand', line: 'kubectl create secr', want: ['secret'] },
    { name: 'after a pipe, a command', line: 'kubectl get pods | gr', want: ['grep'] },
    { name: 'nothing for an unknown verb', line: 'kubectl frobnicate x', want: [] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const r = complete(tc.line, tc.line.length, src);
      if (typeof tc.want === 'function') tc.want(r.candidates);
      else expect(r.candidates).toEqual(tc.want);
      expect(r.from).toBe(tc.line.length - (/(\S*)$/.exec(tc.line)?.[1].length ?? 0));
    });
  }
});

describe('helpers', () => {
  it('commonPrefix', () => {
    expect(commonPrefix(['web', 'worker'])).toBe('w');
    expect(commonPrefix(['deploy', 'deployment', 'deployments'])).toBe('deploy');
  });
  it('columns fill down, then across', () => {
    expect(columns(['a', 'bb', 'c', 'd'], 8)).toBe('a   c\r\nbb  d');
  });
});
