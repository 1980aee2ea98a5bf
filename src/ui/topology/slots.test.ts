import { describe, expect, it } from 'vitest';
import { assignSlots, gridPlacement, podJumps, SlotMemory, type BoxPlace, type PodPlace } from './slots.ts';

describe('assignSlots', () => {
  const cases: Array<{ name: string; prev?: Record<string, number>; ids: string[]; want: Record<string, number> }> = [
    { name: 'first placement fills from slot 0 in the given order', ids: ['a', 'b', 'c'], want: { a: 0, b: 1, c: 2 } },
    { name: 'members keep their slots; a newcomer takes the lowest hole', prev: { a: 0, b: 1, c: 2 }, ids: ['a', 'c', 'd'], want: { a: 0, c: 2, d: 1 } },
    { name: 'more than half the slots holes: one re-pack in slot order', prev: { a: 0, b: 1, z: 9 }, ids: ['a', 'b', 'z'], want: { a: 0, b: 1, z: 2 } },
    // The dimmed system pods (kube-proxy, flannel) hold the first slots of a worker; a new pod must not share one.
    { name: 'a newcomer never shares a slot with a system pod that keeps its own', prev: { 'kube-proxy': 0, flannel: 1, web: 2 }, ids: ['flannel', 'kube-proxy', 'web', 'web2'], want: { 'kube-proxy': 0, flannel: 1, web: 2, web2: 3 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = assignSlots(c.prev ? new Map(Object.entries(c.prev)) : undefined, c.ids);
      expect(Object.fromEntries(got)).toEqual(c.want);
      expect(new Set(got.values()).size).toBe(got.size);
    });
  }

  it('SlotMemory hands back the same assignment while the members stay the same', () => {
    const m = new SlotMemory();
    const a = m.assign('node:w', ['a', 'b']);
    expect(m.assign('node:w', ['b', 'a'])).toBe(a);
    expect(Object.fromEntries(m.assign('node:w', ['a', 'c']))).toEqual({ a: 0, c: 1 });
  });
});

describe('gridPlacement', () => {
  const pod = (x: number, y: number, width = 212, height = 56) => ({ x, y, width, height });
  const cases = [
    { name: 'the node view grid (padding 14, header 74, gap 10): columns and rows from 1', pods: [pod(14, 74), pod(236, 74), pod(14, 140)], want: { originX: 14, originY: 8, cells: [{ column: 1, row: 2 }, { column: 2, row: 2 }, { column: 1, row: 3 }] } },
    { name: 'holes keep their cells empty', pods: [pod(458, 140)], want: { originX: 14, originY: 8, cells: [{ column: 3, row: 3 }] } },
    { name: 'pods of another size are not one grid', pods: [pod(14, 74), pod(236, 74, 100)], want: undefined },
    { name: 'pods off the grid are not one grid', pods: [pod(14, 74), pod(240, 74)], want: undefined },
    { name: 'no pods, no grid', pods: [], want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = gridPlacement(c.pods, 10);
      if (!c.want) return expect(got).toBeUndefined();
      expect(got).toMatchObject({ ...c.want, width: c.pods[0].width, height: c.pods[0].height, gap: 10 });
      // Every cell lands exactly where the pod was placed.
      got!.cells.forEach((cell, i) => {
        expect(got!.originX + (cell.column - 1) * (got!.width + 10)).toBe(c.pods[i].x);
        expect(got!.originY + (cell.row - 1) * (got!.height + 10)).toBe(c.pods[i].y);
      });
    });
  }
});

describe('podJumps', () => {
  const box = (id: string, x: number, y: number, width = 460) => ({ id, x, y, width });
  const prevBoxes = new Map<string, BoxPlace>([
    ['node:a', { x: 0, y: 0, width: 460 }],
    ['node:b', { x: 0, y: 300, width: 460 }],
    ['lane:unscheduled', { x: 0, y: 600, width: 460 }],
  ]);
  const prevPods = new Map<string, PodPlace>([
    ['pod:kube-system/kube-proxy-b', { box: 'node:b', x: 14, y: 74 }],
    ['pod:default/web-1', { box: 'node:a', x: 14, y: 74 }],
    ['pod:default/pending', { box: 'lane:unscheduled', x: 14, y: 74 }],
  ]);
  const cases = [
    {
      // A new row in box a pushes box b down: b's (dimmed) system pod must not glide over a's new card.
      name: 'pods of a box that moved jump with it; a newly placed pod does not animate from anywhere',
      boxes: [box('node:a', 0, 0), box('node:b', 0, 366)],
      pods: [
        { id: 'pod:kube-system/kube-proxy-b', parentId: 'node:b', x: 14, y: 74 },
        { id: 'pod:default/web-1', parentId: 'node:a', x: 14, y: 74 },
        { id: 'pod:default/web-2', parentId: 'node:a', x: 14, y: 140 },
      ],
      want: ['pod:kube-system/kube-proxy-b'],
    },
    {
      name: 'a box that re-flowed to more columns (wider) moves its pods at once',
      boxes: [box('node:a', 0, 0, 682), box('node:b', 0, 300, 682)],
      pods: [{ id: 'pod:default/web-1', parentId: 'node:a', x: 14, y: 74 }],
      want: ['pod:default/web-1'],
    },
    {
      name: 'a pod changing slot in a box that stays put glides',
      boxes: [box('node:a', 0, 0)],
      pods: [{ id: 'pod:default/web-1', parentId: 'node:a', x: 236, y: 74 }],
      want: [],
    },
    {
      name: 'a pod moving from the unscheduled lane into its node glides there',
      boxes: [box('node:a', 0, 0), box('node:b', 0, 366)],
      pods: [{ id: 'pod:default/pending', parentId: 'node:b', x: 236, y: 74 }],
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect([...podJumps(prevPods, prevBoxes, c.pods, c.boxes)].sort()).toEqual(c.want);
    });
  }
});
