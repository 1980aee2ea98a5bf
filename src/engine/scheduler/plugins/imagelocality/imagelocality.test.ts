import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf } from '../../testing/builders.ts';
import { calculatePriority, imageLocality, normalizedImageName } from './index.ts';

const MB = 1024 * 1024;

function node(name: string, images: Record<string, number>): KubeObject {
  const o = makeNode(name).obj() as KubeObject & { status: Record<string, unknown> };
  o.status.images = Object.entries(images).map(([n, mb]) => ({ names: [n], sizeBytes: mb * MB }));
  return o;
}

function pod(...images: string[]) {
  const info = makePod('p').info();
  return { ...info, spec: { containers: images.map((image, k) => ({ name: `c${k}`, image })) } };
}

// Follows upstream's TestImageLocalityPriority (framework/plugins/imagelocality/image_locality_test.go): the
// same nodes and images, and the scores its comments derive.
describe('ImageLocality', () => {
  const node403002000 = node('node1', { 'gcr.io/40:latest': 40, 'gcr.io/300:latest': 300, 'gcr.io/2000:latest': 2000 });
  const node25010 = node('node2', { 'gcr.io/250:latest': 250, 'gcr.io/10:latest': 10 });
  const node60040900 = node('node3', { 'gcr.io/600:latest': 600, 'gcr.io/40:latest': 40, 'gcr.io/900:latest': 900 });
  const cases = [
    // Node1: 40 MB on 1 of 2 nodes = 20 MB → (20 − 23 → clamp) 0; Node2: 250 × 1/2 = 125 MB → (125−23)·100/(2000−23) = 5.
    { name: 'two images spread on two nodes, prefer the larger image one', pod: pod('gcr.io/40', 'gcr.io/250'), nodes: [node403002000, node25010], want: [0, 5] },
    // Node1: 300 × 1/2 + 2000 × 1/2 → clamp to 2000 → 100 ... over 2 containers: (150 + 1000 − 23)·100/(2000 − 23) = 57.
    { name: 'two images on one node, prefer this node', pod: pod('gcr.io/300', 'gcr.io/2000'), nodes: [node403002000, node25010], want: [57, 0] },
    // Node1: 2000 × 1/2 = 1000 MB → (1000 − 23)·100/(2000 − 23) = 49; Node2: 10 × 1/2 stays under 23 MB → 0.
    { name: 'if exceed limit, use limit', pod: pod('gcr.io/2000', 'gcr.io/10'), nodes: [node403002000, node25010], want: [49, 0] },
    // 40 MB on 2 of 3 nodes: 26 MB → 0; 900 MB on 1 of 3: 300 MB → (300 − 23)·100/(1000 − 23) = 28.
    { name: 'spread scaling: images on fewer nodes count less', pod: pod('gcr.io/40'), nodes: [node403002000, node25010, node60040900], want: [0, 0, 0] },
    { name: 'one image on one node of three', pod: pod('gcr.io/900'), nodes: [node403002000, node25010, node60040900], want: [0, 0, 28] },
    { name: 'no image present scores 0 everywhere', pod: pod('nginx:1.27'), nodes: [node403002000, node25010], want: [0, 0] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const t = tableOf(tc.nodes);
      const pl = imageLocality();
      const state = new CycleState();
      pl.preScore(state, tc.pod, t, new Int32Array(0), 0);
      expect(tc.nodes.map((_, i) => pl.score(state, tc.pod, t, i))).toEqual(tc.want);
    });
  }

  it('normalizedImageName adds :latest only when there is no tag', () => {
    expect(['nginx', 'gcr.io/x', 'localhost:5000/x', 'nginx:1.14', 'localhost:5000/x:1'].map(normalizedImageName)).toEqual([
      'nginx:latest',
      'gcr.io/x:latest',
      'localhost:5000/x:latest',
      'nginx:1.14',
      'localhost:5000/x:1',
    ]);
  });

  it('calculatePriority clamps to the thresholds', () => {
    expect([calculatePriority(0, 1), calculatePriority(5000 * MB, 1), calculatePriority(511 * MB, 1)]).toEqual([0, 100, 49]);
  });
});
