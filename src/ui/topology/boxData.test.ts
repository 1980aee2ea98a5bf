import { describe, expect, it } from 'vitest';
import { BoxDataMemo, sameBoxData } from './boxData.ts';
import type { NodeBoxData } from './types.ts';

const box = (over: Partial<NodeBoxData> = {}): NodeBoxData => ({
  kind: 'node',
  name: 'worker-1',
  roles: '<none>',
  ready: true,
  statusText: 'Ready',
  podCount: 3,
  bars: [{ resource: 'cpu', requested: 100, allocatable: 4000, text: '100m / 4' }],
  components: [],
  ...over,
});

describe('sameBoxData', () => {
  const cases: Array<{ name: string; b: NodeBoxData; want: boolean }> = [
    { name: 'a rebuilt box with the same fields', b: box(), want: true },
    { name: 'another pod count', b: box({ podCount: 4 }), want: false },
    { name: 'NotReady', b: box({ ready: false, statusText: 'NotReady' }), want: false },
    { name: 'another request total', b: box({ bars: [{ resource: 'cpu', requested: 200, allocatable: 4000, text: '200m / 4' }] }), want: false },
    { name: 'collapsed to counts', b: box({ collapsed: { running: 3 } }), want: false },
    { name: 'a leader moved', b: box({ components: [{ name: 'kube-scheduler', leader: true }] }), want: false },
    { name: 'a scheduling verdict', b: box({ verdict: { feasible: true, total: 10 } }), want: false },
    { name: 'dimmed by a search', b: box({ dimmed: true }), want: false },
  ];
  for (const c of cases) it(c.name, () => expect(sameBoxData(box(), c.b)).toBe(c.want));
});

describe('BoxDataMemo', () => {
  it('keeps the first object while the box draws the same, takes the new one when it changes', () => {
    const m = new BoxDataMemo();
    const first = box();
    expect(m.stable('node:w', first)).toBe(first);
    expect(m.stable('node:w', box())).toBe(first);
    const changed = box({ podCount: 9 });
    expect(m.stable('node:w', changed)).toBe(changed);
    m.sweep();
    m.sweep();
    const again = box({ podCount: 9 });
    expect(m.stable('node:w', again)).toBe(again);
  });
});
