import type { KubeObject } from '../../api/types.ts';
import { createCluster } from '../../index.ts';

/** Shared fixtures for the Endpoints/EndpointSlice tests: a cluster without nodes and pod helpers. */
export function testCluster() {
  const c = createCluster({ nodes: 0 });
  const rt = c.runtime;
  return { c, rt, api: rt.api };
}

export interface PodOpts {
  ns?: string;
  labels?: Record<string, string>;
  ip?: string;
  ready?: boolean;
  node?: string;
  phase?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  hostname?: string;
  subdomain?: string;
}

/** Create a pod and drive its status directly (as the kubelet would): IP, phase, Ready condition. */
export function makePod(api: ReturnType<typeof testCluster>['api'], name: string, o: PodOpts = {}): KubeObject {
  const ns = o.ns ?? 'default';
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx', ports: o.ports ?? [] }] };
  if (o.node) spec.nodeName = o.node;
  if (o.hostname) spec.hostname = o.hostname;
  if (o.subdomain) spec.subdomain = o.subdomain;
  api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: o.labels ?? { app: 'web' } }, spec });
  return setPodStatus(api, name, o);
}

export function setPodStatus(api: ReturnType<typeof testCluster>['api'], name: string, o: PodOpts = {}): KubeObject {
  const ns = o.ns ?? 'default';
  const cur = api.get('pods', ns, name);
  const status: Record<string, unknown> = { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] };
  if (o.ip) {
    status.podIP = o.ip;
    status.podIPs = [{ ip: o.ip }];
  }
  return api.updateStatus({ ...cur, status });
}

export function makeService(api: ReturnType<typeof testCluster>['api'], name: string, spec: Record<string, unknown>, ns = 'default', labels?: Record<string, string>): KubeObject {
  return api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, ...(labels ? { labels } : {}) }, spec });
}
