import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/index.ts';
import { explainScheduling, verdicts, type SchedulingExplanation } from './overlay.ts';

// Filter codes and reasons follow the scheduler framework (framework.Code: Success, Unschedulable,
// UnschedulableAndUnresolvable, Skip); the reason strings are the plugins' own, e.g. NodeResourcesFit's
// "Insufficient cpu" and TaintToleration's "node(s) had untolerated taint {...}".
const explanation: SchedulingExplanation = {
  pod: 'default/web',
  selectedNode: 'worker-2',
  nodes: [
    { name: 'control-plane', filters: [{ plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reason: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" }], scores: [], total: 0 },
    { name: 'worker-1', filters: [{ plugin: 'NodeResourcesFit', code: 'Success' }], scores: [{ plugin: 'NodeResourcesBalancedAllocation', raw: 90, normalized: 90, weight: 1, weighted: 90 }], total: 150 },
    { name: 'worker-2', filters: [{ plugin: 'NodeResourcesFit', code: 'Success' }], scores: [], total: 200 },
    { name: 'worker-3', filters: [{ plugin: 'NodeResourcesFit', code: 'Unschedulable', reason: 'Insufficient cpu' }], scores: [], total: 0 },
  ],
};

describe('verdicts', () => {
  const v = verdicts(explanation);
  const cases: Array<{ name: string; node: string; want: object }> = [
    { name: 'tainted node fails with the filter reason', node: 'control-plane', want: { feasible: false, reason: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", selected: false } },
    { name: 'lowest feasible score is cold', node: 'worker-1', want: { feasible: true, total: 150, heat: 0, selected: false } },
    { name: 'the chosen node is hottest and selected', node: 'worker-2', want: { feasible: true, total: 200, heat: 1, selected: true } },
    { name: 'resource fit failure', node: 'worker-3', want: { feasible: false, reason: 'Insufficient cpu', selected: false } },
  ];
  for (const c of cases) it(c.name, () => expect(v.get(c.node)).toEqual(c.want));
});

describe('explainScheduling', () => {
  it('is undefined when the cluster offers no explanation', () => expect(explainScheduling({}, 'default', 'x')).toBeUndefined());
  it('is undefined when the explanation throws', () => expect(explainScheduling({ explainScheduling: () => { throw new Error('no such pod'); } }, 'default', 'x')).toBeUndefined());
  it('passes the namespace and name through', () => {
    const seen: string[] = [];
    const out = explainScheduling({ explainScheduling: (ns: string, n: string) => (seen.push(`${ns}/${n}`), explanation) }, 'default', 'web');
    expect([seen, out?.selectedNode]).toEqual([['default/web'], 'worker-2']);
  });
});

describe('with the engine’s scheduler explanation', () => {
  const c = createCluster({ seed: 4, nodes: 2 });
  const has = typeof (c as unknown as { explainScheduling?: unknown }).explainScheduling === 'function';
  it.skipIf(!has)('a pod no node fits: every node infeasible, workers by node affinity, the control plane by its taint', () => {
    c.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disk: ssd}
  containers: [{name: c, image: nginx}]
EOF`);
    c.runUntilIdle(10_000);
    const e = explainScheduling(c, 'default', 'picky')!;
    const v = verdicts(e);
    expect([...v.values()].every((x) => !x.feasible)).toBe(true);
    expect(v.get('worker-1')?.reason).toBe("node(s) didn't match Pod's node affinity/selector");
    expect(v.get('control-plane')?.reason).toMatch(/untolerated taint/);
  });
});
