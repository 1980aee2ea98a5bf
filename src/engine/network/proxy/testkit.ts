import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Mut } from '../../api/types.ts';

/** makeTestService / makeTestEndpointSlice from upstream's proxier tests, for our table tests. */
export function makeTestService(namespace: string, name: string, fn: (s: Mut<Service>) => void): Service {
  const s: Mut<Service> = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: {}, status: {} };
  fn(s);
  return s as Service;
}

export interface TestEndpoint {
  addresses: string[];
  nodeName?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export function makeTestEndpointSlice(
  namespace: string,
  name: string,
  slice: number,
  endpoints: TestEndpoint[],
  ports: Array<{ name?: string; port: number; protocol?: string }>,
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-${slice}`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: e.addresses,
      nodeName: e.nodeName,
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
    })),
    ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}
