import { describe, expect, it } from 'vitest';
import { foldPods } from './inline.ts';
import type { GraphNode, PodCardData, Topology } from './types.ts';

const pod = (id: string, parentId?: string): GraphNode<PodCardData> => ({
  id,
  parentId,
  x: 0,
  y: 0,
  width: 10,
  height: 10,
  data: { kind: 'pod', name: id, nodeName: '', namespace: 'default', status: 'Running', tone: 'running', ready: '1/1', restarts: 0, containers: [], terminating: false },
});

function topo(pods: Array<GraphNode<PodCardData>>, edges: Topology['edges']): Topology {
  return { boxes: [], cards: [], pods, edges };
}

describe('foldPods', () => {
  const pods = [pod('pod:a', 'node:n1'), pod('pod:b', 'node:n1'), pod('pod:c', 'node:n2'), pod('pod:loose')];
  const edges: Topology['edges'] = [
    { id: 's->a', source: 'obj:Service:default/s', target: 'pod:a', kind: 'endpoint' },
    { id: 's->b', source: 'obj:Service:default/s', target: 'pod:b', kind: 'endpoint' },
    { id: 's->c', source: 'obj:Service:default/s', target: 'pod:c', kind: 'endpoint' },
    { id: 'i->s', source: 'obj:Ingress:default/i', target: 'obj:Service:default/s', kind: 'backend' },
  ];
  const cases = [
    { name: 'at or under the threshold nothing folds', above: 4, wantPods: 4, wantInline: 0, wantEdges: ['s->a', 's->b', 's->c', 'i->s'] },
    {
      name: 'over it boxed pods fold into their box and their edges end at the box, once',
      above: 3,
      wantPods: 1,
      wantInline: 2,
      wantEdges: ['obj:Service:default/s->node:n1', 'obj:Service:default/s->node:n2', 'i->s'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = foldPods(topo(pods, edges), c.above);
      expect(f.pods).toHaveLength(c.wantPods);
      expect(f.inline.size).toBe(c.wantInline);
      expect(f.edges.map((e) => e.id)).toEqual(c.wantEdges);
    });
  }

  it('keeps each pod (position and data) in its box, and knows the box of every folded pod', () => {
    const f = foldPods(topo(pods, []), 1);
    expect(f.inline.get('node:n1')?.map((p) => p.id)).toEqual(['pod:a', 'pod:b']);
    expect(f.inline.get('node:n1')?.[0]).toBe(pods[0]);
    expect(f.boxOf.get('pod:c')).toBe('node:n2');
    expect(f.pods[0].id).toBe('pod:loose');
  });
});
