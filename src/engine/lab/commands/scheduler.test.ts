import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

function pod(name: string, schedulerName?: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${schedulerName ? `  schedulerName: ${schedulerName}\n` : ''}  containers:\n  - name: app\n    image: nginx:1.14\n`;
}

// Config semantics and messages follow kube-scheduler's v1 defaults and validation
// (pkg/scheduler/apis/config/v1/default_plugins.go, apis/config/validation/validation.go).
describe('lab scheduler config', () => {
  it('prints the effective default configuration', () => {
    const c = createCluster({ nodes: 1 });
    const out = c.run('lab scheduler config').stdout;
    expect(out).toContain('apiVersion: kubescheduler.config.k8s.io/v1\n');
    expect(out).toContain('kind: KubeSchedulerConfiguration\n');
    expect(out).toContain('  schedulerName: default-scheduler\n');
    expect(out).toMatch(/- name: TaintToleration\n {8}weight: 3\n/);
    expect(out).toContain('type: LeastAllocated');
  });

  const invalid = [
    {
      name: 'percentageOfNodesToScore out of range',
      cfg: 'percentageOfNodesToScore: 120\n',
      want: 'error: invalid KubeSchedulerConfiguration: percentageOfNodesToScore: Invalid value: 120: not in valid range [0-100]\n',
    },
    {
      name: 'unknown score plugin',
      cfg: 'profiles:\n- schedulerName: default-scheduler\n  plugins:\n    score:\n      enabled:\n      - name: Foo\n',
      want: 'error: invalid KubeSchedulerConfiguration: initializing profiles: creating profile for scheduler name default-scheduler: ScorePlugin "Foo" does not exist\n',
    },
    {
      name: 'plugin removed in v1',
      cfg: 'profiles:\n- schedulerName: default-scheduler\n  plugins:\n    filter:\n      enabled:\n      - name: EBSLimits\n',
      want: 'error: invalid KubeSchedulerConfiguration: [profiles[0].plugins.filter.enabled[0]: Invalid value: "EBSLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1"), initializing profiles: creating profile for scheduler name default-scheduler: FilterPlugin "EBSLimits" does not exist]\n',
    },
    {
      name: 'hardPodAffinityWeight out of range',
      cfg: 'profiles:\n- schedulerName: default-scheduler\n  pluginConfig:\n  - name: InterPodAffinity\n    args:\n      hardPodAffinityWeight: 101\n',
      want: 'error: invalid KubeSchedulerConfiguration: profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]\n',
    },
    {
      name: 'duplicate profile',
      cfg: 'profiles:\n- schedulerName: a\n- schedulerName: a\n',
      want: 'error: invalid KubeSchedulerConfiguration: profiles[1].schedulerName: Duplicate value: "profiles[0].schedulerName"\n',
    },
  ];
  for (const tc of invalid) {
    it(`rejects ${tc.name} and keeps the running configuration`, () => {
      const c = createCluster({ nodes: 1 });
      const before = c.run('lab scheduler config').stdout;
      c.writeFile('/tmp/s.yaml', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n' + tc.cfg);
      const r = c.run('lab scheduler config -f /tmp/s.yaml');
      expect([r.exitCode, r.stderr]).toEqual([1, tc.want]);
      expect(c.run('lab scheduler config').stdout).toBe(before);
    });
  }

  it('schedules pods by profile; an unknown schedulerName stays Pending; MostAllocated packs', () => {
    const c = createCluster({ nodes: 2 });
    c.writeFile(
      '/tmp/s.yaml',
      'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: default-scheduler\n- schedulerName: bin-packing\n  pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n        resources:\n        - name: cpu\n          weight: 1\n        - name: memory\n          weight: 1\n',
    );
    expect(c.run('lab scheduler config -f /tmp/s.yaml').stdout).toBe('scheduler configuration applied (profiles: default-scheduler, bin-packing)\n');
    c.writeFile('/tmp/p.yaml', pod('packed', 'bin-packing') + '---\n' + pod('lost', 'nobody'));
    c.run('kubectl apply -f /tmp/p.yaml');
    c.runUntilIdle();
    expect((c.get('pods', 'packed')!.spec as { nodeName?: string }).nodeName).toMatch(/^worker-/);
    expect((c.get('pods', 'lost')!.spec as { nodeName?: string }).nodeName).toBeUndefined();
    const x = c.explainScheduling('default', 'packed')!;
    const fit = x.nodes.find((n) => n.name === x.selectedNode)!.scores.find((s) => s.plugin === 'NodeResourcesFit')!;
    const other = x.nodes.find((n) => n.scores.length > 0 && n.name !== x.selectedNode)!.scores.find((s) => s.plugin === 'NodeResourcesFit')!;
    expect(fit.normalized).toBeGreaterThanOrEqual(other.normalized);
    expect(c.runtime.internalErrors).toEqual([]);
  });

  it('disables a score plugin with "*" and re-enables one with its own weight', () => {
    const c = createCluster({ nodes: 2 });
    c.writeFile(
      '/tmp/s.yaml',
      'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: default-scheduler\n  plugins:\n    score:\n      disabled:\n      - name: "*"\n      enabled:\n      - name: NodeResourcesFit\n        weight: 5\n',
    );
    expect(c.run('lab scheduler config -f /tmp/s.yaml').exitCode).toBe(0);
    c.writeFile('/tmp/p.yaml', pod('web'));
    c.run('kubectl apply -f /tmp/p.yaml');
    const x = c.explainScheduling('default', 'web')!;
    expect(x.nodes.find((n) => n.scores.length > 0)!.scores.map((s) => [s.plugin, s.weight])).toEqual([['NodeResourcesFit', 5]]);
  });
});
