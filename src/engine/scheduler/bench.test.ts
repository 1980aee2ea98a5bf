import { describe, expect, it } from 'vitest';
import { bareCluster } from './testing/bare.ts';

/**
 * A sanity check of the hot path, not a timed assertion (machines differ): 3,000 pods onto 100 nodes with
 * the scheduler alone, printing the wall time. Kubelab aims for well under 100 ms here.
 */
describe('scheduling throughput (sanity check)', () => {
  it('schedules 3,000 pods onto 100 nodes and spreads them evenly', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => ({ name: `worker-${i + 1}` }));
    const { rt, scheduler, createPod } = bareCluster(nodes, 7);
    // Create while the queue is not being drained, then time the drain alone.
    for (let i = 0; i < 3000; i++) createPod(`web-${i}`, { cpu: '100m', memory: '128Mi' });
    const t0 = performance.now();
    rt.settle();
    const ms = performance.now() - t0;
    const perNode = new Int32Array(101);
    for (const p of rt.store.list('pods', 'default')) {
      const n = (p.spec as { nodeName?: string }).nodeName;
      expect(n).toBeDefined();
      perNode[Number(n!.split('-')[1])]++;
    }
    const counts = [...perNode.subarray(1)];
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...counts)).toBeLessThanOrEqual(35);
    expect(scheduler.queue.stats().active).toBe(0);
    console.log(`scheduled 3000 pods on 100 nodes (with binding and events) in ${ms.toFixed(1)} ms`);
  });
});
