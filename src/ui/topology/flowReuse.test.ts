import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { FlowReuse } from './flowReuse.ts';

const node = (id: string, data: Record<string, unknown>, x = 0): Node => ({ id, type: 'pod', position: { x, y: 0 }, width: 10, height: 10, data });
const edge = (id: string, className = 'edge-endpoint'): Edge => ({ id, source: 's', target: id, className });

describe('FlowReuse', () => {
  const a = { n: 1 };
  const b = { n: 2 };
  it('hands back the previous list when no node changed', () => {
    const r = new FlowReuse();
    const first = r.nodes([node('a', a), node('b', b)]);
    expect(r.nodes([node('a', a), node('b', b)])).toBe(first);
  });
  const cases = [
    { name: 'new data for one node: a new list, the other node kept', next: [node('a', { n: 1 }), node('b', b)], keptB: true },
    { name: 'a node moved', next: [node('a', a, 5), node('b', b)], keptB: true },
    { name: 'a node gone', next: [node('b', b)], keptB: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = new FlowReuse();
      const first = r.nodes([node('a', a), node('b', b)]);
      const next = r.nodes(c.next);
      expect(next).not.toBe(first);
      expect(next.find((n) => n.id === 'b')).toBe(first[1]);
    });
  }
  it('edges: the same list while they draw the same, a new one when a class changes', () => {
    const r = new FlowReuse();
    const first = r.edges([edge('x')]);
    expect(r.edges([edge('x')])).toBe(first);
    expect(r.edges([edge('x', 'edge-endpoint active')])).not.toBe(first);
    expect(r.edges([])).toEqual([]);
  });
});
