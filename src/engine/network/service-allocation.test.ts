import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { createCluster } from '../index.ts';
import { isStatusError, type KubeObject } from '../api/types.ts';
import { clone } from '../store/store.ts';

function svc(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ports: [{ port: 80, protocol: 'TCP' }], ...spec } };
}

function setup() {
  const c = createCluster({ nodes: 0 });
  return { c, api: c.runtime.api };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return `${e.reason}: ${e.message}`;
    throw e;
  }
  return '';
}

// Cases follow pkg/registry/core/service/storage/storage_test.go (TestCreateInitClusterIPsFromClusterIP,
// TestCreateInitNodePorts, TestUpdateNodePorts, TestServiceRegistryIPReallocation) with single-stack IPv4.
describe('Service allocation', () => {
  it('the kubernetes Service holds 10.96.0.1', () => {
    const { api } = setup();
    const k = api.get('services', 'default', 'kubernetes') as unknown as Service;
    expect(k.spec?.clusterIP).toBe('10.96.0.1');
    expect(k.metadata?.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(k.spec?.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
  });

  it.each([
    {
      name: 'requested IP already allocated',
      spec: { clusterIP: '10.96.0.1' },
      want: 'Invalid: Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    },
    {
      name: 'requested IP out of range',
      spec: { clusterIP: '192.168.0.1' },
      want: 'Invalid: Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.1"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'network address',
      spec: { clusterIP: '10.96.0.0' },
      want: 'Invalid: Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    },
    {
      name: 'nodePort out of range',
      spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', nodePort: 80 }] },
      want: 'Invalid: Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    },
    {
      name: 'dual-stack demanded',
      spec: { ipFamilyPolicy: 'RequireDualStack' },
      want: 'Invalid: Service "s" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    },
  ])('create rejects: $name', ({ spec, want }) => {
    const { api } = setup();
    expect(errorOf(() => api.create(svc('s', spec)))).toBe(want);
    expect(api.tryGet('services', 'default', 's')).toBeUndefined();
  });

  it('allocates a random ClusterIP in the upper band and sets families', () => {
    const { api } = setup();
    const s = api.create(svc('web', {})) as unknown as Service;
    expect(s.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.spec?.clusterIP).not.toMatch(/^10\.96\.0\./);
    expect(s.spec?.clusterIPs).toEqual([s.spec?.clusterIP]);
    expect(s.spec?.ipFamilies).toEqual(['IPv4']);
    expect(s.spec?.ipFamilyPolicy).toBe('SingleStack');
  });

  it('honours a requested clusterIP, rejects a second claim, frees it on delete', () => {
    const { api } = setup();
    api.create(svc('a', { clusterIP: '10.96.5.5' }));
    expect(errorOf(() => api.create(svc('b', { clusterIP: '10.96.5.5' })))).toContain('provided IP is already allocated');
    api.delete('services', 'default', 'a');
    expect((api.create(svc('b', { clusterIP: '10.96.5.5' })) as unknown as Service).spec?.clusterIP).toBe('10.96.5.5');
  });

  it('a dry-run create keeps nothing', () => {
    const { api } = setup();
    const dry = api.create(svc('a', { clusterIP: '10.96.7.7', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), { dryRun: true }) as unknown as Service;
    expect(dry.spec?.clusterIP).toBe('10.96.7.7');
    const real = api.create(svc('b', { clusterIP: '10.96.7.7', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })) as unknown as Service;
    expect(real.spec?.ports?.[0].nodePort).toBe(30080);
  });

  it('headless services get no ClusterIP; selectorless headless ones are RequireDualStack', () => {
    const { api } = setup();
    const h = api.create(svc('h', { clusterIP: 'None' })) as unknown as Service;
    expect(h.spec?.clusterIPs).toEqual(['None']);
    expect(h.spec?.ipFamilyPolicy).toBe('SingleStack');
    const n = api.create({ ...svc('n', { clusterIP: 'None' }), spec: { clusterIP: 'None', ports: [{ port: 80 }] } }) as unknown as Service;
    expect(n.spec?.ipFamilyPolicy).toBe('RequireDualStack');
    expect(n.spec?.ipFamilies).toEqual(['IPv4', 'IPv6']);
  });

  it('NodePort: random ports, requested ports, collisions, shared port numbers', () => {
    const { api } = setup();
    const a = api.create(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443, nodePort: 30443 }] })) as unknown as Service;
    const [p0, p1] = a.spec!.ports!;
    expect(p0.nodePort).toBeGreaterThanOrEqual(30086);
    expect(p0.nodePort).toBeLessThanOrEqual(32767);
    expect(p1.nodePort).toBe(30443);
    expect(errorOf(() => api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30443 }] })))).toBe(
      'Invalid: Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30443: provided port is already allocated',
    );
    const d = api.create(svc('d', { type: 'NodePort', ports: [{ name: 'tcp', port: 53, protocol: 'TCP' }, { name: 'udp', port: 53, protocol: 'UDP' }] })) as unknown as Service;
    expect(d.spec!.ports![0].nodePort).toBe(d.spec!.ports![1].nodePort);
  });

  it('update keeps allocations when the client omits them; type changes allocate and release ports', () => {
    const { api } = setup();
    const a = api.create(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }] })) as unknown as Service;
    const ip = a.spec!.clusterIP!;
    const np = a.spec!.ports![0].nodePort!;
    // Resubmit the original manifest (no clusterIP, no nodePort): values are kept.
    const again = api.update(svc('a', { type: 'NodePort', ports: [{ name: 'http', port: 80 }] })) as unknown as Service;
    expect(again.spec?.clusterIP).toBe(ip);
    expect(again.spec?.ports?.[0].nodePort).toBe(np);
    // NodePort → ClusterIP with nodePorts left as they were: wiped and released.
    const asCluster = api.modify('services', 'default', 'a', (o) => {
      (o as unknown as { spec: { type: string } }).spec.type = 'ClusterIP';
    }) as unknown as Service;
    expect(asCluster.spec?.ports?.[0].nodePort).toBeUndefined();
    expect(asCluster.spec?.clusterIP).toBe(ip);
    expect((api.create(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: np }] })) as unknown as Service).spec?.ports?.[0].nodePort).toBe(np);
    // ClusterIP → NodePort allocates a fresh port.
    const back = api.modify('services', 'default', 'a', (o) => {
      (o as unknown as { spec: { type: string } }).spec.type = 'NodePort';
    }) as unknown as Service;
    expect(back.spec?.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(back.spec?.ports?.[0].nodePort).not.toBe(np);
  });

  it('a failed create does not leak its tentative ClusterIP', () => {
    const { api } = setup();
    const s = svc('a', { clusterIP: '10.96.9.9', type: 'NodePort', ports: [{ port: 80, nodePort: 1 }] });
    expect(errorOf(() => api.create(s))).toContain('spec.ports[0].nodePort');
    const ok = clone(s);
    (ok.spec as { ports: unknown[] }).ports = [{ port: 80 }];
    expect((api.create(ok) as unknown as Service).spec?.clusterIP).toBe('10.96.9.9');
  });
});
