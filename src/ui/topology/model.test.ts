import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { buildTopology, layoutSize, LAYOUT, pickBoxesPerRow, podCountsByBox, UNSCHEDULED_ID } from './model.ts';

function node(name: string, opts: { ready?: boolean; controlPlane?: boolean; unschedulable?: boolean } = {}): Node {
  return {
    metadata: { name, labels: opts.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
    spec: { unschedulable: opts.unschedulable },
    status: { conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

function pod(name: string, nodeName?: string, phase = 'Running'): Pod {
  return {
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c' }] },
    status: { phase, containerStatuses: phase === 'Running' ? [{ name: 'c', image: 'nginx', imageID: '', ready: true, restartCount: 1, state: { running: {} } }] : [] },
  };
}

describe('buildTopology', () => {
  it('is empty for an empty cluster', () => {
    expect(buildTopology([], [])).toEqual({ boxes: [], pods: [], edges: [] });
  });

  it('puts the control plane first and nodes by name', () => {
    const t = buildTopology([node('worker-2'), node('control-plane', { controlPlane: true }), node('worker-1')], []);
    expect(t.boxes.map((b) => [b.id, b.data.roles])).toEqual([
      ['node:control-plane', 'control-plane'],
      ['node:worker-1', '<none>'],
      ['node:worker-2', '<none>'],
    ]);
  });

  it('nests pods inside their node, sorted, with status and readiness', () => {
    const t = buildTopology([node('worker-1')], [pod('web-b', 'worker-1'), pod('web-a', 'worker-1', 'Pending')]);
    expect(t.pods.map((p) => [p.id, p.parentId, p.data.status, p.data.tone, p.data.ready, p.data.restarts])).toEqual([
      ['pod:default/web-a', 'node:worker-1', 'Pending', 'pending', '0/1', 0],
      ['pod:default/web-b', 'node:worker-1', 'Running', 'running', '1/1', 1],
    ]);
    expect(t.boxes[0].data.podCount).toBe(2);
  });

  it('collects unbound pods and pods on unknown nodes in the unscheduled lane', () => {
    const t = buildTopology([node('worker-1')], [pod('a'), pod('b', 'gone')]);
    expect(t.boxes.map((b) => b.id)).toEqual(['node:worker-1', UNSCHEDULED_ID]);
    expect(t.pods.every((p) => p.parentId === UNSCHEDULED_ID)).toBe(true);
  });

  it('shows node readiness and cordoning like kubectl', () => {
    const t = buildTopology([node('a', { ready: false }), node('b', { unschedulable: true })], []);
    expect(t.boxes.map((b) => b.data.statusText)).toEqual(['NotReady', 'Ready,SchedulingDisabled']);
  });

  it('lays pods out in a grid that fits inside the box', () => {
    const pods = Array.from({ length: 9 }, (_, i) => pod(`p${i}`, 'w'));
    const t = buildTopology([node('w')], pods);
    const box = t.boxes[0];
    expect(new Set(t.pods.map((p) => `${p.x},${p.y}`)).size).toBe(9);
    for (const p of t.pods) {
      expect(p.x + p.width).toBeLessThanOrEqual(box.width - LAYOUT.padding);
      expect(p.y + p.height).toBeLessThanOrEqual(box.height);
    }
  });

  it('gives boxes in a row the same height and wraps rows', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((n) => node(n));
    const t = buildTopology(nodes, [pod('x1', 'a'), pod('x2', 'a'), pod('x3', 'a'), pod('x4', 'a'), pod('x5', 'a')]);
    const [a, b, c, d] = t.boxes;
    expect(a.height).toBe(b.height);
    expect(b.height).toBe(c.height);
    expect(d.y).toBeGreaterThan(a.y + a.height);
    expect(d.x).toBe(0);
  });
});

describe('layout choice', () => {
  it('layoutSize matches the built layout', () => {
    const nodes = ['a', 'b', 'c'].map((n) => node(n));
    const pods = [pod('x1', 'a'), pod('x2', 'a'), pod('x3', 'b'), pod('u')];
    for (const k of [1, 2, 3, 4]) {
      const t = buildTopology(nodes, pods, { boxesPerRow: k });
      const width = Math.max(...t.boxes.map((b) => b.x + b.width));
      const height = Math.max(...t.boxes.map((b) => b.y + b.height));
      expect(layoutSize(podCountsByBox(nodes, pods), k)).toEqual({ width, height });
    }
  });
  const cases: Array<{ name: string; counts: number[]; viewport: { width: number; height: number }; want: number }> = [
    { name: 'wide viewport: one row', counts: [0, 0, 0], viewport: { width: 2000, height: 300 }, want: 3 },
    { name: 'tall viewport: one column', counts: [0, 0, 0], viewport: { width: 400, height: 2000 }, want: 1 },
    { name: 'both fit at full size: fewer rows wins', counts: [3, 3, 3], viewport: { width: 1200, height: 700 }, want: 2 },
    { name: 'square viewport with pods: one column', counts: [3, 3, 3], viewport: { width: 800, height: 800 }, want: 1 },
    { name: 'single box', counts: [5], viewport: { width: 800, height: 800 }, want: 1 },
  ];
  for (const c of cases) it(c.name, () => expect(pickBoxesPerRow(c.counts, c.viewport)).toBe(c.want));
});
