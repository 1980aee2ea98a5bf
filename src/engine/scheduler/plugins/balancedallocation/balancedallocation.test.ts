import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf } from '../../testing/builders.ts';
import { balancedAllocation } from './index.ts';

// Cases follow upstream's TestNodeResourcesBalancedAllocation (noderesources/balanced_allocation_test.go).
describe('NodeResourcesBalancedAllocation', () => {
  const n = (name: string, milliCPU: number, memory: number) => makeNode(name).capacity({ cpu: `${milliCPU}m`, memory: `${memory}`, pods: '110' }).obj();
  const cpuOnly = (node: string) => makePod('cpu-only').node(node).req({ cpu: '1000m', memory: '0' }).req({ cpu: '2000m', memory: '0' });
  const cpuAndMemory = (node: string) => makePod('cpu-mem').node(node).req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' });
  const cases = [
    // 1.32 still scores best-effort pods (the PreScore skip came in 1.33): no requests anywhere → std 0.
    { name: 'nothing scheduled, nothing requested', pod: makePod('p'), nodes: [n('node1', 4000, 10000), n('node2', 4000, 10000)], pods: [], want: [100, 100] },
    // node1: cpu 3000/4000 = .75, memory 5000/10000 = .5 → std .125 → 87; node2: .5/.5 → 100
    { name: 'nothing scheduled, resources requested, differently sized nodes', pod: cpuAndMemory('node2'), nodes: [n('node1', 4000, 10000), n('node2', 6000, 10000)], pods: [], want: [87, 100] },
    // node1: cpu 6000/10000, memory 5000/20000 → std .175 → 82; node2: 6000/10000, 10000/20000 → 95
    { name: 'resources requested, pods scheduled with resources', pod: cpuAndMemory('node2'), nodes: [n('node1', 10000, 20000), n('node2', 10000, 20000)], pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()], want: [82, 95] },
    { name: 'resources requested, pods scheduled with resources, differently sized nodes', pod: cpuAndMemory('node2'), nodes: [n('node1', 10000, 20000), n('node2', 10000, 50000)], pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()], want: [82, 80] },
    // cpu share capped at 1: node1 (1, 0) → 50; node2 (1, .5) → 75
    { name: 'requested resources at node capacity', pod: cpuOnly('node1'), nodes: [n('node1', 6000, 10000), n('node2', 6000, 10000)], pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()], want: [50, 75] },
    { name: 'containers without requests count as zero (no scoring defaults)', pod: makePod('p').container(), nodes: [n('node1', 4000, 10000)], pods: [cpuOnly('node1').obj()], want: [62] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const pl = balancedAllocation();
      const t = tableOf(tc.nodes, tc.pods);
      const info = tc.pod.info();
      expect(tc.nodes.map((_, i) => pl.score(new CycleState(), info, t, i))).toEqual(tc.want);
    });
  }
});
