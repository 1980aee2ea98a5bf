import { describe, expect, it } from 'vitest';
import { NodeTable } from './nodetable.ts';
import { makeNode } from './testing/builders.ts';

// The counts behind the `passesAll` shortcuts of NodeUnschedulable and TaintToleration must follow every
// node change: a wrong count would skip a filter that has a node to reject.
describe('NodeTable counts of cordoned and tainted nodes', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' as const };
  const steps: Array<{ name: string; run: (t: NodeTable) => void; want: [number, number] }> = [
    { name: 'plain nodes', run: (t) => ['a', 'b', 'c'].forEach((n) => t.setNode(makeNode(n).obj())), want: [0, 0] },
    { name: 'cordon a', run: (t) => t.setNode(makeNode('a').unschedulable().obj()), want: [1, 0] },
    { name: 'taint b', run: (t) => t.setNode(makeNode('b').taint(taint).obj()), want: [1, 1] },
    { name: 'remove a (c moves into its slot)', run: (t) => t.removeNode('a'), want: [0, 1] },
    { name: 'untaint b', run: (t) => t.setNode(makeNode('b').obj()), want: [0, 0] },
    { name: 'add a tainted, cordoned node into a reused slot', run: (t) => t.setNode(makeNode('d').taint(taint).unschedulable().obj()), want: [1, 1] },
    { name: 'remove it', run: (t) => t.removeNode('d'), want: [0, 0] },
  ];
  it('stay right through updates and removals', () => {
    const t = new NodeTable();
    for (const s of steps) {
      s.run(t);
      expect([t.unschedulableCount, t.taintedCount], s.name).toEqual(s.want);
    }
  });
});
