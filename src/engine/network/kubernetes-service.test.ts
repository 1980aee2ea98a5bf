import { describe, expect, it } from 'vitest';
import type { Endpoints, Node } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { createCluster } from '../index.ts';

// Follows pkg/controlplane/reconcilers (lease endpoint reconciler) and controller/kubernetesservice tests.
describe('the kubernetes Service', () => {
  it('Endpoints and EndpointSlice point at the control-plane node InternalIP on 6443', () => {
    const c = createCluster({ nodes: 1 });
    const api = c.runtime.api;
    const cp = api.list('nodes').map((n) => n as unknown as Node).find((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata?.labels ?? {}));
    const ip = cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    expect(ip).toBeDefined();
    const ep = api.get('endpoints', 'default', 'kubernetes') as unknown as Endpoints;
    expect(ep.metadata?.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(ep.subsets).toEqual([{ addresses: [{ ip }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const slice = api.get('endpointslices', 'default', 'kubernetes') as unknown as EndpointSlice;
    expect(slice.metadata?.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice.endpoints).toEqual([{ addresses: [ip], conditions: { ready: true } }]);
    expect(slice.ports).toEqual([{ name: 'https', port: 6443, protocol: 'TCP' }]);
  });

  it.each([
    { name: 'Service deleted', resource: 'services' },
    { name: 'Endpoints deleted', resource: 'endpoints' },
    { name: 'EndpointSlice deleted', resource: 'endpointslices' },
  ])('is restored when its $name', ({ resource }) => {
    const c = createCluster({ nodes: 0 });
    const api = c.runtime.api;
    api.delete(resource, 'default', 'kubernetes');
    c.runtime.settle();
    expect(api.tryGet(resource, 'default', 'kubernetes')).toBeDefined();
    expect((api.get('services', 'default', 'kubernetes').spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1');
  });
});
