import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { initialNamespaces } from '../../bootstrap.ts';

// Follows pkg/controller/serviceaccount/serviceaccounts_controller_test.go TestServiceAccountCreation.
describe('ServiceAccount controller', () => {
  it('every initial namespace has a default ServiceAccount at start', () => {
    const c = createCluster({ nodes: 0 });
    for (const ns of initialNamespaces) expect(c.get('serviceaccounts', 'default', ns)?.metadata.name).toBe('default');
  });

  it.each([
    { name: 'new active namespace', act: 'create', want: true },
    { name: 'deleted default ServiceAccount is recreated', act: 'delete-sa', want: true },
    { name: 'terminating namespace gets nothing', act: 'terminating', want: false },
  ])('$name', ({ act, want }) => {
    const c = createCluster({ nodes: 0 });
    const { api } = c.runtime;
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    // A finalizer on some content keeps the namespace terminating for the test.
    c.runtime.settle();
    if (act === 'delete-sa') {
      api.delete('serviceaccounts', 'team', 'default');
      c.runtime.settle();
    }
    if (act === 'terminating') {
      api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'team', finalizers: ['example.com/hold'] } });
      api.delete('namespaces', undefined, 'team');
      c.runtime.settle();
      expect(api.tryGet('serviceaccounts', 'team', 'default')).toBeUndefined();
      api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
      api.modify('namespaces', undefined, 'team', (o) => {
        o.metadata.labels = { ...o.metadata.labels, touched: 'yes' };
      });
      c.runtime.settle();
    }
    expect(api.tryGet('serviceaccounts', 'team', 'default') !== undefined).toBe(want);
  });
});
