import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { rankPodsForDeletion } from './ranking.ts';

const epoch = Date.parse('2025-01-01T00:00:00Z');
const parse = (ts: string) => Date.parse(ts) - epoch;
const at = (s: number) => new Date(epoch + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface P {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readyAt?: number;
  created?: number;
  restarts?: number;
  cost?: string;
}

function pod(p: P): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, uid: p.name, creationTimestamp: at(p.created ?? 0), annotations: p.cost ? { 'controller.kubernetes.io/pod-deletion-cost': p.cost } : undefined },
    spec: { nodeName: p.node, containers: [] },
    status: {
      phase: p.phase ?? 'Running',
      conditions: p.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: at(p.readyAt ?? 0) }] : [],
      containerStatuses: [{ name: 'c', restartCount: p.restarts ?? 0 }],
    },
  };
}

// The orderings of TestSortingActivePods / TestSortingActivePodsWithRanks (pkg/controller/controller_utils_test.go).
describe('rankPodsForDeletion', () => {
  const now = 10_000_000;
  const cases: Array<{ name: string; pods: P[]; want: string[]; related?: P[] }> = [
    { name: 'unscheduled before scheduled', pods: [{ name: 'a', node: 'n1', phase: 'Pending' }, { name: 'b', phase: 'Pending' }], want: ['b', 'a'] },
    { name: 'Pending < Unknown < Running', pods: [{ name: 'run', node: 'n' }, { name: 'unk', node: 'n', phase: 'Unknown' }, { name: 'pend', node: 'n', phase: 'Pending' }], want: ['pend', 'unk', 'run'] },
    { name: 'not ready before ready', pods: [{ name: 'r', node: 'n', ready: true }, { name: 'nr', node: 'n' }], want: ['nr', 'r'] },
    { name: 'lower deletion cost first', pods: [{ name: 'hi', node: 'n', ready: true, cost: '10' }, { name: 'lo', node: 'n', ready: true, cost: '-5' }], want: ['lo', 'hi'] },
    {
      name: 'doubled up before alone',
      pods: [{ name: 'alone', node: 'n1', ready: true }, { name: 'double', node: 'n2', ready: true }],
      related: [{ name: 'alone', node: 'n1' }, { name: 'double', node: 'n2' }, { name: 'x', node: 'n2' }],
      want: ['double', 'alone'],
    },
    { name: 'ready for less time first (log buckets)', pods: [{ name: 'old', node: 'n', ready: true, readyAt: 0 }, { name: 'new', node: 'n', ready: true, readyAt: 9000 }], want: ['new', 'old'] },
    { name: 'more restarts first', pods: [{ name: 'few', node: 'n', restarts: 1 }, { name: 'many', node: 'n', restarts: 5 }], want: ['many', 'few'] },
    { name: 'newer before older', pods: [{ name: 'older', node: 'n', created: 0 }, { name: 'newer', node: 'n', created: 9000 }], want: ['newer', 'older'] },
    { name: 'same log bucket: by uid', pods: [{ name: 'b', node: 'n', created: 9990 }, { name: 'a', node: 'n', created: 9991 }], want: ['a', 'b'] },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const pods = tc.pods.map(pod);
      const related = (tc.related ?? tc.pods).map(pod);
      expect(rankPodsForDeletion(pods, related, now, parse).map((p) => p.metadata.name)).toEqual(tc.want);
    });
  }
});
