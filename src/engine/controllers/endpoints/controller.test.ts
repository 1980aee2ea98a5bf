import { describe, expect, it } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1';
import { makePod, makeService, setPodStatus, testCluster } from './testutil.ts';
import { repackSubsets } from './repack.ts';

function eps(api: ReturnType<typeof testCluster>['api'], name: string, ns = 'default'): Endpoints | undefined {
  return api.tryGet('endpoints', ns, name) as unknown as Endpoints | undefined;
}

const ref = (name: string, uid: string) => ({ kind: 'Pod', namespace: 'default', name, uid });

// Cases follow pkg/controller/endpoint/endpoints_controller_test.go.
describe('Endpoints controller', () => {
  it('TestSyncEndpointsItemsPreserveNoSelector: services without a selector are left alone', () => {
    const { rt, api } = testCluster();
    makeService(api, 'manual', { ports: [{ port: 80 }] });
    api.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'manual', namespace: 'default' }, subsets: [{ addresses: [{ ip: '6.7.8.9' }], ports: [{ port: 1000, protocol: 'TCP' }] }] });
    rt.settle();
    expect(eps(api, 'manual')?.subsets).toEqual([{ addresses: [{ ip: '6.7.8.9' }], ports: [{ port: 1000, protocol: 'TCP' }] }]);
  });

  it('ready and not-ready pods, named target ports, nodeName, targetRef, labels from the service', () => {
    const { rt, api } = testCluster();
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] }, 'default', { tier: 'fe' });
    const a = makePod(api, 'a', { ip: '10.244.1.2', node: 'n1', ports: [{ name: 'http', containerPort: 8080 }] });
    const b = makePod(api, 'b', { ip: '10.244.1.3', node: 'n1', ready: false, ports: [{ name: 'http', containerPort: 8080 }] });
    makePod(api, 'c', { ip: '10.244.1.4', ports: [{ name: 'other', containerPort: 9090 }] }); // no port named http: skipped
    makePod(api, 'd', { labels: { app: 'web' } }); // no IP yet: skipped
    rt.settle();
    const e = eps(api, 'web')!;
    expect(e.metadata?.labels).toEqual({ tier: 'fe' });
    expect(e.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.2', nodeName: 'n1', targetRef: ref('a', a.metadata.uid!) }],
        notReadyAddresses: [{ ip: '10.244.1.3', nodeName: 'n1', targetRef: ref('b', b.metadata.uid!) }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(e.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(api.get('services', 'default', 'web').metadata.creationTimestamp);
  });

  it('publishNotReadyAddresses lists not-ready pods as addresses', () => {
    const { rt, api } = testCluster();
    makeService(api, 'db', { selector: { app: 'db' }, clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ port: 5432 }] });
    makePod(api, 'db-0', { labels: { app: 'db' }, ip: '10.244.2.2', ready: false, hostname: 'db-0', subdomain: 'db' });
    rt.settle();
    const e = eps(api, 'db')!;
    expect(e.subsets?.[0].addresses?.[0]).toMatchObject({ ip: '10.244.2.2', hostname: 'db-0' });
    expect(e.metadata?.labels).toEqual({ 'service.kubernetes.io/headless': '' });
  });

  it('terminating and finished pods are not endpoints', () => {
    const { rt, api } = testCluster();
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    makePod(api, 'a', { ip: '10.244.1.2', node: 'n1' });
    makePod(api, 'b', { ip: '10.244.1.3', node: 'n1' });
    makePod(api, 'done', { ip: '10.244.1.9', phase: 'Succeeded' });
    rt.settle();
    expect(eps(api, 'web')!.subsets?.[0].addresses?.map((x) => x.ip)).toEqual(['10.244.1.2', '10.244.1.3']);
    api.delete('pods', 'default', 'a'); // bound: graceful, stays with a deletionTimestamp
    rt.settle();
    expect(api.get('pods', 'default', 'a').metadata.deletionTimestamp).toBeDefined();
    expect(eps(api, 'web')!.subsets?.[0].addresses?.map((x) => x.ip)).toEqual(['10.244.1.3']);
  });

  it('TestSyncEndpointsHeadlessWithoutPort: headless services without ports list addresses only', () => {
    const { rt, api } = testCluster();
    makeService(api, 'h', { selector: { app: 'web' }, clusterIP: 'None' });
    makePod(api, 'a', { ip: '10.244.1.2' });
    rt.settle();
    expect(eps(api, 'h')!.subsets).toEqual([{ addresses: [{ ip: '10.244.1.2', targetRef: expect.objectContaining({ name: 'a' }) }] }]);
  });

  it('no pods: an Endpoints object without subsets; service deletion deletes it; deleted Endpoints come back', () => {
    const { rt, api } = testCluster();
    makeService(api, 'empty', { selector: { app: 'none' }, ports: [{ port: 80 }] });
    rt.settle();
    expect(eps(api, 'empty')).toBeDefined();
    expect(eps(api, 'empty')!.subsets).toBeUndefined();
    api.delete('endpoints', 'default', 'empty');
    rt.settle();
    expect(eps(api, 'empty')).toBeDefined();
    api.delete('services', 'default', 'empty');
    rt.settle();
    expect(eps(api, 'empty')).toBeUndefined();
  });

  it('pod relabelled out of the selector leaves the endpoints', () => {
    const { rt, api } = testCluster();
    makeService(api, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    makePod(api, 'a', { ip: '10.244.1.2' });
    rt.settle();
    api.modify('pods', 'default', 'a', (p) => {
      p.metadata.labels = { app: 'other' };
    });
    rt.settle();
    expect(eps(api, 'web')!.subsets).toBeUndefined();
    setPodStatus(api, 'a', { ip: '10.244.1.2', ready: false });
    rt.settle();
    expect(eps(api, 'web')!.subsets).toBeUndefined();
  });
});

// pkg/api/v1/endpoints/util_test.go TestPackSubsets (a subset of its cases).
describe('repackSubsets', () => {
  const a = (ip: string) => ({ ip });
  const p = (port: number, name?: string) => (name ? { name, port, protocol: 'TCP' } : { port, protocol: 'TCP' });
  it.each([
    { name: 'empty everything', given: [], want: [] },
    { name: 'one set, one ip, one port', given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }], want: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }] },
    {
      name: 'one set, dup ips, one port',
      given: [{ addresses: [a('1.2.3.4'), a('1.2.3.4')], ports: [p(111)] }],
      want: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }],
    },
    {
      name: 'two sets, same ip, different ports',
      given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('1.2.3.4')], ports: [p(222)] }],
      want: [{ addresses: [a('1.2.3.4')], ports: [p(111), p(222)] }],
    },
    {
      name: 'two sets, different ips, same port',
      given: [{ addresses: [a('5.6.7.8')], ports: [p(111)] }, { addresses: [a('1.2.3.4')], ports: [p(111)] }],
      want: [{ addresses: [a('1.2.3.4'), a('5.6.7.8')], ports: [p(111)] }],
    },
    {
      name: 'ready wins over not ready for the same address',
      given: [{ notReadyAddresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('1.2.3.4')], ports: [p(111)] }],
      want: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }],
    },
    {
      name: 'two sets, different ips, different ports',
      given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(222)] }],
      want: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(222)] }],
    },
  ])('$name', ({ given, want }) => {
    expect(repackSubsets(given)).toEqual(want);
  });
});
