import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { makeNode, makePod } from '../../testing/builders.ts';
import { handleOf } from '../../testing/handle.ts';
import { nodePorts } from './index.ts';

/** A pod with host ports given as "proto/ip/port" (upstream's newPod helper in node_ports_test.go). */
function podWith(name: string, node: string | undefined, ...ports: string[]): KubeObject {
  const o = makePod(name).container().obj() as KubeObject & { spec: { containers: Array<{ ports?: unknown[] }>; nodeName?: string } };
  o.spec.containers[0].ports = ports.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { protocol, hostIP, hostPort: Number(port), containerPort: Number(port) };
  });
  if (node) o.spec.nodeName = node;
  return o;
}

// Follows upstream's TestNodePorts (framework/plugins/nodeports/node_ports_test.go).
describe('NodePorts', () => {
  const cases: Array<{ name: string; pod: KubeObject; existing: KubeObject[]; want?: string; skip?: boolean }> = [
    { name: 'nothing running', pod: podWith('p', undefined), existing: [], skip: true },
    { name: 'other port', pod: podWith('p', undefined, 'UDP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'UDP/127.0.0.1/9090')] },
    { name: 'same udp port', pod: podWith('p', undefined, 'UDP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'UDP/127.0.0.1/8080')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'same tcp port', pod: podWith('p', undefined, 'TCP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'TCP/127.0.0.1/8080')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'different host ip', pod: podWith('p', undefined, 'TCP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'TCP/127.0.0.2/8080')] },
    { name: 'different protocol', pod: podWith('p', undefined, 'UDP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'TCP/127.0.0.1/8080')] },
    { name: 'second udp port conflict', pod: podWith('p', undefined, 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'UDP/127.0.0.1/8080')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'first tcp port conflict', pod: podWith('p', undefined, 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), existing: [podWith('e', 'n', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: podWith('p', undefined, 'TCP/0.0.0.0/8001'), existing: [podWith('e', 'n', 'TCP/127.0.0.1/8001')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: podWith('p', undefined, 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), existing: [podWith('e', 'n', 'TCP/127.0.0.1/8001')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: podWith('p', undefined, 'TCP/127.0.0.1/8001'), existing: [podWith('e', 'n', 'TCP/0.0.0.0/8001')], want: "node(s) didn't have free ports for the requested pod ports" },
    { name: 'second different protocol', pod: podWith('p', undefined, 'UDP/127.0.0.1/8001'), existing: [podWith('e', 'n', 'TCP/0.0.0.0/8001')] },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', pod: podWith('p', undefined, 'UDP/127.0.0.1/8001'), existing: [podWith('e', 'n', 'TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')], want: "node(s) didn't have free ports for the requested pod ports" },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const h = handleOf([makeNode('n').obj()], tc.existing);
      const pl = nodePorts(h);
      const state = new CycleState();
      const info = makePod('x').info();
      const pod = { ...info, spec: (tc.pod.spec ?? {}) as typeof info.spec };
      const pre = pl.preFilter(state, pod, h);
      expect(pre?.status?.isSkip() ?? false).toBe(!!tc.skip);
      const s = pl.filter(state, pod, h.nodes, 0);
      expect(s?.code).toBe(tc.want ? 'Unschedulable' : undefined);
      expect(s?.message()).toBe(tc.want);
    });
  }
});
