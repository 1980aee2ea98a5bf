import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { onlyStatusChanged, podUpdateIrrelevantToOwner } from './index.ts';

const labels = { app: 'web' };
const refs = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }];
const readyTrue = { type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:05Z' };
const spec = { containers: [{ name: 'c', image: 'nginx' }] };

function pod(over: { labels?: object; refs?: object; deletion?: string; phase?: string; conditions?: object[]; spec?: object } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u', labels: (over.labels ?? labels) as Record<string, string>, ownerReferences: (over.refs ?? refs) as never, deletionTimestamp: over.deletion },
    spec: over.spec ?? spec,
    status: { phase: over.phase ?? 'Pending', conditions: over.conditions },
  };
}
const mod = (oldObject: KubeObject, object: KubeObject, type: StoreEvent['type'] = 'MODIFIED'): StoreEvent => ({ type, resource: 'pods', object, oldObject, resourceVersion: 1 });

// What ReplicaSet/ReplicationController syncs read of a pod (pkg/controller/replicaset: claiming by labels and
// controller ref, IsPodActive by phase and deletion, IsPodReady / availability by the Ready condition).
describe('podUpdateIrrelevantToOwner', () => {
  const cases: Array<{ name: string; ev: StoreEvent; want: boolean }> = [
    { name: 'binding (spec only)', ev: mod(pod(), pod({ spec: { ...spec, nodeName: 'n' } })), want: true },
    { name: 'first kubelet status: Ready False where none was', ev: mod(pod(), pod({ conditions: [{ type: 'Ready', status: 'False' }] })), want: true },
    { name: 'pod IP only', ev: mod(pod({ conditions: [{ type: 'Ready', status: 'False' }] }), pod({ conditions: [{ type: 'Ready', status: 'False', reason: 'X' }] })), want: true },
    { name: 'turns Ready', ev: mod(pod(), pod({ conditions: [readyTrue] })), want: false },
    { name: 'Ready again at another time', ev: mod(pod({ conditions: [readyTrue] }), pod({ conditions: [{ ...readyTrue, lastTransitionTime: 'later' }] })), want: false },
    { name: 'phase changes', ev: mod(pod(), pod({ phase: 'Running' })), want: false },
    { name: 'labels replaced', ev: mod(pod(), pod({ labels: { app: 'web' } })), want: false },
    { name: 'owner references replaced', ev: mod(pod(), pod({ refs: [] })), want: false },
    { name: 'deletion starts', ev: mod(pod(), pod({ deletion: '2025-01-01T00:00:30Z' })), want: false },
    { name: 'ADDED is never skipped', ev: mod(pod(), pod(), 'ADDED'), want: false },
    { name: 'DELETED is never skipped', ev: mod(pod(), pod(), 'DELETED'), want: false },
  ];
  it.each(cases)('$name', ({ ev, want }) => expect(podUpdateIrrelevantToOwner(ev)).toBe(want));
});

describe('onlyStatusChanged', () => {
  const base: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', uid: 'u', generation: 2, labels }, spec: { replicas: 3 }, status: { replicas: 1 } };
  const cases: Array<{ name: string; next: KubeObject; want: boolean }> = [
    { name: 'status write', next: { ...base, metadata: { ...base.metadata }, status: { replicas: 2 } }, want: true },
    { name: 'spec replaced', next: { ...base, metadata: { ...base.metadata }, spec: { replicas: 3 } }, want: false },
    { name: 'generation bump', next: { ...base, metadata: { ...base.metadata, generation: 3 } }, want: false },
    { name: 'labels replaced', next: { ...base, metadata: { ...base.metadata, labels: { ...labels } } }, want: false },
    { name: 'annotations added', next: { ...base, metadata: { ...base.metadata, annotations: { a: 'b' } } }, want: false },
    { name: 'deletion starts', next: { ...base, metadata: { ...base.metadata, deletionTimestamp: 't' } }, want: false },
  ];
  it.each(cases)('$name', ({ next, want }) => expect(onlyStatusChanged({ type: 'MODIFIED', resource: 'replicasets', object: next, oldObject: base, resourceVersion: 1 })).toBe(want));
});
