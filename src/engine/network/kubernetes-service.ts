import type { Node } from 'kubernetes-types/core/v1';
import { isStatusError, type KubeObject } from '../api/types.ts';
import type { Controller, ControllerContext } from '../controllers/types.ts';
import { clone } from '../store/store.ts';

export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** The apiserver's secure port: the target of the `kubernetes` Service. */
export const APISERVER_PORT = 6443;
const KEY = 'default/kubernetes';

export function kubernetesService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

/** The control-plane node's InternalIP, or undefined while there is none. */
export function apiserverIPs(ctx: Pick<ControllerContext, 'store'>): string[] {
  const ips: string[] = [];
  for (const n of ctx.store.list('nodes') as unknown as Node[]) {
    const labels = n.metadata?.labels ?? {};
    if (!('node-role.kubernetes.io/control-plane' in labels)) continue;
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) ips.push(ip);
  }
  return ips.sort();
}

function desiredEndpoints(ips: string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: ips.length ? [{ addresses: ips.map((ip) => ({ ip })), ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }] : undefined,
  };
}

function desiredSlice(ips: string[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  };
}

/** Create `want` or bring the stored object's payload (everything but metadata) and labels in line with it. */
function ensure(ctx: ControllerContext, resource: string, want: KubeObject): void {
  const cur = ctx.store.get(resource, 'default', want.metadata.name!);
  if (!cur) {
    ctx.api.create(want);
    return;
  }
  const next = clone(cur);
  for (const k of Object.keys(next)) if (!['apiVersion', 'kind', 'metadata'].includes(k)) delete next[k];
  for (const [k, v] of Object.entries(want)) if (!['apiVersion', 'kind', 'metadata'].includes(k) && v !== undefined) next[k] = clone(v);
  next.metadata.labels = { ...(cur.metadata.labels ?? {}), ...want.metadata.labels };
  if (JSON.stringify(next) !== JSON.stringify(cur)) ctx.api.update(next);
}

/**
 * The apiserver's own Service: the `kubernetes` Service in `default` (pkg/controlplane/controller/
 * kubernetesservice), and its Endpoints and EndpointSlice kept pointing at the apiservers as the lease
 * endpoint reconciler does. Recreated when deleted.
 */
export function kubernetesServiceController(): Controller {
  const key = () => [KEY];
  const mine = (ev: { object: KubeObject }) => (ev.object.metadata.namespace === 'default' && ev.object.metadata.name === 'kubernetes' ? [KEY] : []);
  return {
    name: 'kubernetes-service',
    watches: [
      { resource: 'nodes', keys: key },
      { resource: 'services', keys: mine },
      { resource: 'endpoints', keys: mine },
      { resource: 'endpointslices', keys: mine },
    ],
    start(_ctx, enqueue) {
      enqueue(KEY);
    },
    reconcile(_key, ctx) {
      if (!ctx.store.get('namespaces', undefined, 'default')) return;
      if (!ctx.store.get('services', 'default', 'kubernetes')) {
        try {
          ctx.api.create(kubernetesService());
        } catch (e) {
          if (!isStatusError(e)) throw e;
          // 10.96.0.1 taken by someone else, or default terminating: try again later, as the apiserver does.
          return { requeueAfterMs: 10_000 };
        }
      }
      const ips = apiserverIPs(ctx);
      ensure(ctx, 'endpoints', desiredEndpoints(ips));
      ensure(ctx, 'endpointslices', desiredSlice(ips));
    },
  };
}
