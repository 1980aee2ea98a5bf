import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { Cycle, numFeasibleNodesToFind } from './cycle.ts';
import { Framework } from './framework/framework.ts';
import type { Handle } from './framework/interfaces.ts';
import { handleOf } from './testing/handle.ts';
import { defaultProfile } from './framework/profile.ts';
import { registry } from './registry.ts';
import { makeNode, makePod } from './testing/builders.ts';

// Follows upstream's TestNumFeasibleNodesToFind (pkg/scheduler/schedule_one_test.go).
describe('numFeasibleNodesToFind', () => {
  const cases = [
    { name: 'not set percentageOfNodesToScore and nodes number not more than 50', pct: 0, nodes: 10, want: 10 },
    { name: 'set percentageOfNodesToScore and nodes number not more than 50', pct: 40, nodes: 10, want: 10 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50', pct: 0, nodes: 1000, want: 420 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50', pct: 40, nodes: 1000, want: 400 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50*125', pct: 0, nodes: 6000, want: 300 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50*125', pct: 20, nodes: 6000, want: 1200 },
    { name: 'never fewer than 100 nodes', pct: 0, nodes: 150, want: 100 },
    { name: '5,000 nodes: 10%', pct: 0, nodes: 5000, want: 500 },
  ];
  for (const tc of cases) it(tc.name, () => expect(numFeasibleNodesToFind(tc.pct, tc.nodes)).toBe(tc.want));
});

function cycleOver(nodeCount: number, pods: ReturnType<typeof makePod>[] = []) {
  const h: Handle = handleOf(
    Array.from({ length: nodeCount }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`).obj()),
    pods.map((p) => p.obj()),
  );
  const t = h.nodes;
  const fw = new Framework(defaultProfile, registry, h);
  return { cycle: new Cycle(fw, h, new Rng(1)), t };
}

describe('Cycle', () => {
  it('filters only as many nodes as needed and rotates the start index', () => {
    const { cycle } = cycleOver(200);
    const a = cycle.run(makePod('a').req({ cpu: '100m' }).info(), 1);
    expect(a.attempt.numNodesToFind).toBe(100);
    expect(a.attempt.evaluatedNodes).toBe(100);
    expect(a.attempt.scores?.nodes[0]).toBe('n000');
    const b = cycle.run(makePod('b').req({ cpu: '100m' }).info(), 1);
    expect(b.attempt.scores?.nodes[0]).toBe('n100');
    const c = cycle.run(makePod('c').req({ cpu: '100m' }).info(), 1);
    expect(c.attempt.scores?.nodes[0]).toBe('n000');
  });

  it('skips scoring when a single node is feasible', () => {
    const { cycle } = cycleOver(3);
    const r = cycle.run(makePod('p').node('n001').info(), 1);
    expect(r.ok && r.node).toBe('n001');
    expect(r.attempt.scores).toBeUndefined();
    expect(r.attempt.filtered.map((f) => [f.node, f.plugin])).toEqual([
      ['n000', 'NodeName'],
      ['n002', 'NodeName'],
    ]);
  });

  it('prefers the least allocated node', () => {
    const busy = makePod('busy').node('n000').req({ cpu: '2', memory: '2Gi' });
    const { cycle } = cycleOver(2, [busy]);
    const r = cycle.run(makePod('p').req({ cpu: '500m', memory: '512Mi' }).info(), 1);
    expect(r.ok && r.node).toBe('n001');
    const fit = r.attempt.scores!.plugins.find((p) => p.plugin === 'NodeResourcesFit')!;
    // n000: cpu (4000-2500)/4000 → 37, memory (8Gi-2.5Gi)/8Gi → 68 → 52; n001: 87 and 93 → 90.
    expect([...(fit.scores as Int32Array)]).toEqual([52, 90]);
  });

  it('narrows to the nodes a PreFilter names and reports the others as absent', () => {
    const { cycle } = cycleOver(3);
    const pod = makePod('p').req({ cpu: '5' }).requiredAffinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n001'] }] });
    const r = cycle.run(pod.info(), 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('reports a PreFilter rejection once, for all nodes', () => {
    const { cycle } = cycleOver(2);
    const pod = makePod('p').requiredAffinity({
      matchFields: [
        { key: 'metadata.name', operator: 'In', values: ['n000'] },
        { key: 'metadata.name', operator: 'In', values: ['n001'] },
      ],
    });
    const r = cycle.run(pod.info(), 1);
    expect(!r.ok && r.message).toBe('0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('says so when there are no nodes', () => {
    const { cycle } = cycleOver(0);
    const r = cycle.run(makePod('p').info(), 1);
    expect(!r.ok && [r.status.code, r.message]).toEqual(['UnschedulableAndUnresolvable', 'no nodes available to schedule pods']);
  });

  it('breaks ties between equal nodes with the seeded rng, reproducibly', () => {
    const pick = () => {
      const { cycle } = cycleOver(10);
      return Array.from({ length: 5 }, (_, k) => {
        const r = cycle.run(makePod(`p${k}`).info(), 1);
        return r.ok ? r.node : '';
      });
    };
    const a = pick();
    expect(pick()).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
  });
});
