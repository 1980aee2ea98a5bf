import { describe, expect, it } from 'vitest';
import type { Namespace } from 'kubernetes-types/core/v1';
import { createCluster } from '../../index.ts';

function setup() {
  const c = createCluster({ nodes: 0 });
  const { api } = c.runtime;
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  c.runtime.settle();
  return { c, rt: c.runtime, api };
}

function conditions(ns: Namespace) {
  return Object.fromEntries((ns.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
}

// Follows pkg/controller/namespace/deletion/namespaced_resources_deleter_test.go (TestFinalizeNamespaceFunc,
// TestDeleteEmptyNamespace...) and test/integration/namespace TestNamespaceCondition.
describe('namespace controller', () => {
  it('an empty namespace is finalized and disappears', () => {
    const { rt, api } = setup();
    api.delete('namespaces', undefined, 'team');
    rt.settle();
    expect(api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });

  it('deletes all content, then the namespace', () => {
    const { rt, api } = setup();
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'team' } });
    api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'team' }, spec: { selector: { a: 'b' }, ports: [{ port: 80 }] } });
    api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    rt.settle();
    api.delete('namespaces', undefined, 'team');
    rt.settle();
    for (const r of ['configmaps', 'services', 'pods', 'endpoints', 'endpointslices', 'serviceaccounts']) expect(api.list(r, 'team')).toEqual([]);
    expect(api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });

  it('content with finalizers: Terminating with upstream conditions until the finalizer goes', () => {
    const { rt, api } = setup();
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'team', finalizers: ['custom.io/finalizer'] } });
    api.delete('namespaces', undefined, 'team');
    rt.settle();
    const ns = api.get('namespaces', undefined, 'team') as unknown as Namespace;
    expect(ns.status?.phase).toBe('Terminating');
    expect(conditions(ns)).toEqual({
      NamespaceDeletionDiscoveryFailure: 'False ResourcesDiscovered: All resources successfully discovered',
      NamespaceDeletionGroupVersionParsingFailure: 'False ParsedGroupVersions: All legacy kube types successfully parsed',
      NamespaceDeletionContentFailure: 'False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      NamespaceContentRemaining: 'True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances',
      NamespaceFinalizersRemaining: 'True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: custom.io/finalizer in 1 resource instances',
    });
    // Creating in a terminating namespace is refused.
    expect(() => api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'team' } })).toThrow(
      'configmaps "x" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    api.modify('configmaps', 'team', 'held', (o) => {
      o.metadata.finalizers = [];
    });
    rt.advance(9000); // rechecked after finalizerEstimateSeconds/2+1 = 8 s
    expect(api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });

  it('waits for pods to finish graceful termination', () => {
    const { rt, api } = setup();
    api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { nodeName: 'n1', terminationGracePeriodSeconds: 10, containers: [{ name: 'c', image: 'nginx' }] } });
    rt.settle();
    api.delete('namespaces', undefined, 'team');
    rt.settle();
    expect(api.get('pods', 'team', 'p').metadata.deletionTimestamp).toBeDefined();
    const ns = api.get('namespaces', undefined, 'team') as unknown as Namespace;
    expect(conditions(ns).NamespaceContentRemaining).toBe('True SomeResourcesRemain: Some resources are remaining: pods. has 1 resource instances');
    // The kubelet finishes the pod (force delete stands in for it here).
    rt.advance(2000);
    api.delete('pods', 'team', 'p', { gracePeriodSeconds: 0 });
    rt.advance(5000); // rechecked after 10/2+1 = 6 s
    expect(api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });
});
