import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod, tableOf, type PodBuilder } from '../../testing/builders.ts';
import { nodeResourcesFit } from './index.ts';

/** A pod requesting `cpu` millicores and `mem` bytes in one container (upstream's newResourcePod). */
const rp = (cpu: number, mem: number, extra: Record<string, string> = {}) => makePod('p').req({ cpu: `${cpu}m`, memory: `${mem}`, ...extra });
const existing = (cpu: number, mem: number, extra: Record<string, string> = {}) => rp(cpu, mem, extra).node('n').obj();

// Node from upstream's makeResources(10, 20, 32, 5, 20, 5): 10m CPU, 20 bytes memory, 32 pods,
// 5 of example.com/foo, 20 bytes ephemeral storage, 5 hugepages-2Mi.
const node = (pods = '32') => makeNode('n').capacity({ cpu: '10m', memory: '20', pods, 'example.com/foo': '5', 'ephemeral-storage': '20', 'hugepages-2Mi': '5' }).obj();

function filter(pod: PodBuilder, pods: KubeObject[], n = node()) {
  const s = nodeResourcesFit().filter(new CycleState(), pod.info(), tableOf([n], pods), 0);
  return s ? [s.code, ...s.reasons] : 'fits';
}

// Cases follow upstream's TestEnoughRequests (framework/plugins/noderesources/fit_test.go).
describe('NodeResourcesFit Filter: TestEnoughRequests', () => {
  const cases: Array<{ name: string; pod: PodBuilder; existing: KubeObject[]; want: unknown }> = [
    { name: 'no resources requested always fits', pod: makePod('p'), existing: [existing(10, 20)], want: 'fits' },
    { name: 'too many resources fails', pod: rp(1, 1), existing: [existing(10, 20)], want: ['Unschedulable', 'Insufficient cpu', 'Insufficient memory'] },
    { name: 'too many resources fails due to init container cpu', pod: rp(1, 1).initReq({ cpu: '3m', memory: '1' }), existing: [existing(8, 19)], want: ['Unschedulable', 'Insufficient cpu'] },
    { name: 'too many resources fails due to highest init container cpu', pod: rp(1, 1).initReq({ cpu: '3m', memory: '1' }).initReq({ cpu: '2m', memory: '1' }), existing: [existing(8, 19)], want: ['Unschedulable', 'Insufficient cpu'] },
    { name: 'too many resources fails due to init container memory', pod: rp(1, 1).initReq({ cpu: '1m', memory: '3' }), existing: [existing(9, 19)], want: ['Unschedulable', 'Insufficient memory'] },
    { name: 'init container fits because it\'s the max, not sum, of containers and init containers', pod: rp(1, 1).initReq({ cpu: '1m', memory: '1' }), existing: [existing(9, 19)], want: 'fits' },
    { name: 'both resources fit', pod: rp(1, 1), existing: [existing(5, 5)], want: 'fits' },
    { name: 'one resource memory fits', pod: rp(2, 1), existing: [existing(9, 5)], want: ['Unschedulable', 'Insufficient cpu'] },
    { name: 'one resource cpu fits', pod: rp(1, 2), existing: [existing(5, 19)], want: ['Unschedulable', 'Insufficient memory'] },
    { name: 'equal edge case', pod: rp(5, 1), existing: [existing(5, 19)], want: 'fits' },
    { name: 'equal edge case for init container', pod: rp(4, 1).initReq({ cpu: '5m', memory: '1' }), existing: [existing(5, 19)], want: 'fits' },
    { name: 'extended resource fits', pod: rp(1, 1, { 'example.com/foo': '1' }), existing: [existing(0, 0)], want: 'fits' },
    { name: 'extended resource capacity enforced', pod: rp(1, 1, { 'example.com/foo': '10' }), existing: [existing(0, 0)], want: ['Unschedulable', 'Insufficient example.com/foo'] },
    { name: 'extended resource allocatable enforced for existing pods', pod: rp(1, 1, { 'example.com/foo': '1' }), existing: [existing(0, 0, { 'example.com/foo': '5' })], want: ['Unschedulable', 'Insufficient example.com/foo'] },
    { name: 'extended resource the node does not have', pod: rp(1, 1, { 'example.com/bar': '1' }), existing: [], want: ['Unschedulable', 'Insufficient example.com/bar'] },
    { name: 'hugepages resource allocatable enforced', pod: rp(1, 1, { 'hugepages-2Mi': '10' }), existing: [existing(0, 0)], want: ['Unschedulable', 'Insufficient hugepages-2Mi'] },
    { name: 'ephemeral storage enforced', pod: rp(1, 1, { 'ephemeral-storage': '25' }), existing: [], want: ['Unschedulable', 'Insufficient ephemeral-storage'] },
    { name: 'resources + pod overhead fits', pod: rp(1, 1).overhead({ cpu: '3m', memory: '13' }), existing: [existing(5, 5)], want: 'fits' },
    { name: 'requests + overhead does not fit for memory', pod: rp(1, 1).overhead({ cpu: '1m', memory: '15' }), existing: [existing(5, 5)], want: ['Unschedulable', 'Insufficient memory'] },
    { name: 'sidecar init containers add to the containers', pod: rp(3, 1).initReq({ cpu: '3m', memory: '1' }, 'Always'), existing: [existing(5, 5)], want: ['Unschedulable', 'Insufficient cpu'] },
  ];
  for (const tc of cases) it(tc.name, () => expect(filter(tc.pod, tc.existing)).toEqual(tc.want));
});

// Follows upstream's TestPredicateWithPods / "Too many pods" case of TestNotEnoughRequests.
describe('NodeResourcesFit Filter: pod count', () => {
  it('even for a pod requesting nothing, a full node reports Too many pods', () => {
    expect(filter(makePod('p'), [existing(10, 20)], node('1'))).toEqual(['Unschedulable', 'Too many pods']);
  });
  it('all reasons are kept', () => {
    expect(filter(rp(1, 1), [existing(10, 20)], node('1'))).toEqual(['Unschedulable', 'Too many pods', 'Insufficient cpu', 'Insufficient memory']);
  });
});

// Cases follow upstream's TestLeastAllocatedScoringStrategy (noderesources/least_allocated_test.go).
describe('NodeResourcesFit Score: LeastAllocated', () => {
  const n = (name: string, cpu: string, memory: string) => makeNode(name).capacity({ cpu, memory, pods: '110' }).obj();
  const cpuAndMemory = () => makePod('p').req({ cpu: '1000', memory: '2000' }).req({ cpu: '2000', memory: '3000' });
  const on = (node: string, req: Record<string, string>) => makePod('e').node(node).req(req).obj();
  const cases = [
    { name: 'nothing scheduled, nothing requested', pod: makePod('p'), nodes: [n('node1', '4000', '10000'), n('node2', '4000', '10000')], pods: [], want: [100, 100] },
    { name: 'nothing scheduled, resources requested, differently sized nodes', pod: cpuAndMemory(), nodes: [n('node1', '4000', '10000'), n('node2', '6000', '10000')], pods: [], want: [37, 50] },
    { name: 'no resources requested, pods scheduled', pod: makePod('p'), nodes: [n('node1', '4000', '10000'), n('node2', '4000', '10000')], pods: [makePod('a').node('node1').obj(), makePod('b').node('node2').obj()], want: [100, 100] },
    {
      name: 'no resources requested, pods scheduled with resources',
      pod: makePod('p'),
      nodes: [n('node1', '10000', '20000'), n('node2', '10000', '20000')],
      pods: [on('node1', { cpu: '3000', memory: '0' }), on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [70, 57],
    },
    {
      name: 'resources requested, pods scheduled with resources, differently sized nodes',
      pod: cpuAndMemory(),
      nodes: [n('node1', '10000', '20000'), n('node2', '10000', '50000')],
      pods: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [57, 60],
    },
    {
      name: 'requested resources exceed node capacity',
      pod: makePod('p').req({ cpu: '3000', memory: '0' }),
      nodes: [n('node1', '4000', '10000'), n('node2', '4000', '10000')],
      pods: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [50, 25],
    },
    { name: 'zero node resources, pods scheduled with resources', pod: makePod('p'), nodes: [makeNode('node1').capacity({}).obj(), makeNode('node2').capacity({}).obj()], pods: [on('node1', { cpu: '3000', memory: '0' })], want: [0, 0] },
    {
      name: 'a container without requests counts as 100m CPU and 200Mi memory',
      pod: makePod('p').container(),
      nodes: [n('node1', '1', '400Mi')],
      pods: [],
      want: [70],
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const pl = nodeResourcesFit();
      const t = tableOf(tc.nodes, tc.pods);
      const info = tc.pod.info();
      expect(tc.nodes.map((_, i) => pl.score(new CycleState(), info, t, i))).toEqual(tc.want);
    });
  }
});
