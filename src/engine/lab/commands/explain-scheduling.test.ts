import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { classicScores } from './explain-scheduling.ts';

function podWithCpu(c: ReturnType<typeof createCluster>, name: string, cpu: string): number {
  c.writeFile(`/tmp/${name}.yaml`, `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.14\n    resources:\n      requests:\n        cpu: ${cpu}\n`);
  return c.run(`kubectl apply -f /tmp/${name}.yaml`).exitCode;
}

describe('lab explain-scheduling', () => {
  it('explains a placed pod: filters per node, scores per plugin with weights, the pick', () => {
    const c = createCluster({ nodes: 2, seed: 3 });
    expect(podWithCpu(c, 'web', '100m')).toBe(0);
    c.runUntilIdle();
    const r = c.run('lab explain-scheduling pod/web -o json');
    expect(r.exitCode).toBe(0);
    const x = JSON.parse(r.stdout);
    const node = (c.get('pods', 'web')!.spec as { nodeName?: string }).nodeName;
    expect(x.pod).toBe('default/web');
    expect(x.selectedNode).toBe(node);
    const cp = x.nodes.find((n: { name: string }) => n.name === 'control-plane');
    expect(cp.filters.at(-1)).toEqual({ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }' });
    const worker = x.nodes.find((n: { name: string }) => n.name === node);
    expect(worker.filters.every((f: { code: string }) => f.code === 'Success' || f.code === 'Skip')).toBe(true);
    const ta = worker.scores.find((s: { plugin: string }) => s.plugin === 'TaintToleration');
    expect(ta).toEqual({ plugin: 'TaintToleration', raw: 0, normalized: 100, weight: 3, weighted: 300 });
    expect(worker.total).toBe(worker.scores.reduce((a: number, s: { weighted: number }) => a + s.weighted, 0));
    expect(c.explainScheduling('default', 'web')).toEqual(x);

    const text = c.run('lab explain-scheduling web');
    expect(text.stdout).toContain(`scheduled to ${node}`);
    expect(text.stdout).toContain('LEAST-REQUESTED');
    expect(text.stdout).toContain('<- picked');
  });

  it('explains a pending pod with its last attempt', () => {
    const c = createCluster({ nodes: 1 });
    expect(podWithCpu(c, 'big', '50')).toBe(0);
    const x = JSON.parse(c.run('lab explain-scheduling pod/big -o json').stdout);
    expect(x.selectedNode).toBeNull();
    expect(x.nodes.map((n: { name: string; filters: Array<{ plugin: string }> }) => [n.name, n.filters.at(-1)!.plugin])).toEqual([
      ['control-plane', 'TaintToleration'],
      ['worker-1', 'NodeResourcesFit'],
    ]);
  });

  it('fails like kubectl for a missing pod', () => {
    const c = createCluster({ nodes: 1 });
    const r = c.run('lab explain-scheduling pod/nope');
    expect([r.exitCode, r.stderr]).toEqual([1, 'Error from server (NotFound): pods "nope" not found\n']);
  });

  // The seed slides' formulas: least-requested = (cpu((cap-req)*10/cap) + mem(...))/2; balanced = 10 - |cpu% - mem%|*10.
  it('computes the classic formulas', () => {
    expect(classicScores(1000, 4000, 2, 8)).toEqual({ leastRequested: 7.5, balanced: 10 });
    expect(classicScores(2000, 4000, 2, 8)).toEqual({ leastRequested: 6.25, balanced: 7.5 });
  });
});
