import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { createCluster } from '../../index.ts';
import { makePod, makeService, testCluster } from '../endpoints/testutil.ts';
import { planSlices } from './reconciler.ts';

function slicesOf(api: ReturnType<typeof testCluster>['api'], svc: string): EndpointSlice[] {
  return api.list('endpointslices', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc) as unknown as EndpointSlice[];
}

// Cases follow pkg/controller/endpointslice/endpointslice_controller_test.go and
// staging/src/k8s.io/endpointslice/reconciler_test.go.
describe('EndpointSlice controller', () => {
  it('TestSyncServiceNoSelector / TestSyncServiceExternalNameType: no slices', () => {
    const { rt, api } = testCluster();
    makeService(api, 'manual', { ports: [{ port: 80 }] });
    makeService(api, 'ext', { type: 'ExternalName', externalName: 'example.com', selector: { app: 'web' } });
    rt.settle();
    expect(slicesOf(api, 'manual')).toEqual([]);
    expect(slicesOf(api, 'ext')).toEqual([]);
  });

  it('TestSyncServicePodSelection: a slice named <service>-xxxxx with labels, owner, endpoints and ports', () => {
    const { rt, api } = testCluster();
    const svc = makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, 'default', { tier: 'fe' });
    const a = makePod(api, 'a', { ip: '10.244.1.2', node: 'n1' });
    makePod(api, 'b', { ip: '10.244.1.3', node: 'n2', ready: false });
    makePod(api, 'other', { ip: '10.244.1.4', labels: { app: 'other' } });
    rt.settle();
    const s = slicesOf(api, 'web');
    expect(s).toHaveLength(1);
    expect(s[0].metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s[0].metadata?.labels).toEqual({
      tier: 'fe',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(s[0].metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(s[0].addressType).toBe('IPv4');
    expect(s[0].ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s[0].endpoints).toEqual([
      {
        addresses: ['10.244.1.2'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: a.metadata.uid },
        nodeName: 'n1',
      },
      expect.objectContaining({ addresses: ['10.244.1.3'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'n2' }),
    ]);
  });

  it('zone comes from the node topology label (pods run by the kubelet)', () => {
    const c = createCluster({ nodes: 1 });
    const api = c.runtime.api;
    api.modify('nodes', undefined, 'worker-1', (n) => {
      n.metadata.labels = { ...n.metadata.labels, 'topology.kubernetes.io/zone': 'zone-a' };
    });
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }] } });
    c.runtime.advance(30_000);
    const ep = slicesOf(api, 'web')[0].endpoints?.[0];
    expect(ep).toMatchObject({ nodeName: 'worker-1', zone: 'zone-a', conditions: { ready: true, serving: true, terminating: false } });
  });

  it('terminating pods stay with terminating=true, ready=false', () => {
    const { rt, api } = testCluster();
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    makePod(api, 'a', { ip: '10.244.1.2', node: 'n1' });
    rt.settle();
    api.delete('pods', 'default', 'a');
    rt.settle();
    expect(slicesOf(api, 'web')[0].endpoints?.[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('placeholder slice for a service without endpoints, replaced when pods appear; max 100 per slice', () => {
    const { rt, api } = testCluster();
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    rt.settle();
    const ph = slicesOf(api, 'web');
    expect(ph).toHaveLength(1);
    expect(ph[0].endpoints).toBeNull();
    expect(ph[0].ports).toBeUndefined();
    for (let i = 0; i < 250; i++) makePod(api, `p${String(i).padStart(3, '0')}`, { ip: `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 1}` });
    rt.settle();
    const s = slicesOf(api, 'web');
    expect(s.map((x) => x.endpoints?.length).sort()).toEqual([100, 100, 50]);
    expect(s.some((x) => x.metadata?.name === ph[0].metadata?.name)).toBe(false);
    // Scaling to zero leaves one placeholder again.
    for (let i = 0; i < 250; i++) api.delete('pods', 'default', `p${String(i).padStart(3, '0')}`);
    rt.settle();
    const after = slicesOf(api, 'web');
    expect(after).toHaveLength(1);
    expect(after[0].endpoints).toBeNull();
  });

  it('deleting the service removes its slices through the garbage collector (ownerReferences)', () => {
    const { rt, api } = testCluster();
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    makePod(api, 'a', { ip: '10.244.1.2' });
    rt.settle();
    expect(slicesOf(api, 'web')).toHaveLength(1);
    api.delete('services', 'default', 'web');
    rt.settle();
    expect(slicesOf(api, 'web')).toHaveLength(0);
  });
});

describe('planSlices', () => {
  const ep = (uid: string) => ({ addresses: [`10.0.0.${uid}`], conditions: { ready: true }, targetRef: { kind: 'Pod', uid } });
  const slice = (name: string, uids: string[]) => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name }, addressType: 'IPv4', ports: [{ name: '', port: 80, protocol: 'TCP' }], endpoints: uids.map(ep) });
  const ports = [{ name: '', port: 80, protocol: 'TCP' }];
  it.each([
    { name: 'unchanged slice is kept', existing: [slice('s1', ['1', '2'])], want: ['1', '2'], wantPlan: { create: 0, update: 0, delete: 0, keep: 1 } },
    { name: 'new endpoint fills the existing slice', existing: [slice('s1', ['1'])], want: ['1', '2'], wantPlan: { create: 0, update: 1, delete: 0, keep: 0 } },
    { name: 'emptied slice is deleted, placeholder created', existing: [slice('s1', ['1'])], want: [], wantPlan: { create: 1, update: 0, delete: 1, keep: 0 } },
    { name: 'removed endpoint updates the slice', existing: [slice('s1', ['1', '2'])], want: ['2'], wantPlan: { create: 0, update: 1, delete: 0, keep: 0 } },
  ])('$name', ({ existing, want, wantPlan }) => {
    const plan = planSlices(existing, [{ ports, endpoints: want.map(ep) }], 3);
    expect({ create: plan.create.length, update: plan.update.length, delete: plan.delete.length, keep: plan.keep.length }).toEqual(wantPlan);
  });
});
