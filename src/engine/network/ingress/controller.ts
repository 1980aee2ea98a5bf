/**
 * The ingress-nginx controller's control loop: for every Ingress of its class it records `Sync` /
 * `Scheduled for sync` when it picks up a new version, and publishes the address it is reachable at in
 * `status.loadBalancer` (the LoadBalancer IP of its Service with --publish-service, otherwise the
 * InternalIP of the node its pod runs on). It acts only while the addon is installed and a controller pod
 * is placed on a node; when the addon goes, the addresses are cleared (update-status-on-shutdown).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { IngressSpec, IngressStatus } from '../../api/kinds/ingress.ts';
import { ingressClassAnnotation } from '../../api/kinds/ingress.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Controller } from '../../controllers/types.ts';
import { keyOf, splitKey } from '../../controllers/types.ts';
import { clone, type ObjectStore, type StoreEvent } from '../../store/store.ts';
import { CONTROLLER_CLASS, CONTROLLER_NAME, EVENT_SOURCE, INGRESS_NS } from './manifests.ts';

/** Is this Ingress for ingress-nginx? Its class names an IngressClass of our controller, or the legacy annotation says nginx. */
export function ownedByNginx(store: ObjectStore, ing: KubeObject): boolean {
  const spec = (ing.spec ?? {}) as IngressSpec;
  if (spec.ingressClassName) {
    const ic = store.get('ingressclasses', undefined, spec.ingressClassName);
    return (ic?.spec as { controller?: string } | undefined)?.controller === CONTROLLER_CLASS;
  }
  return ing.metadata.annotations?.[ingressClassAnnotation] === 'nginx';
}

/** The controller is running when its Deployment (or DaemonSet) exists and one of its pods has been placed on a node. */
export function controllerPod(store: ObjectStore): KubeObject | undefined {
  const d = store.get('deployments', INGRESS_NS, CONTROLLER_NAME) ?? store.get('daemonsets', INGRESS_NS, CONTROLLER_NAME);
  if (!d || d.metadata.deletionTimestamp) return undefined;
  return store
    .list('pods', INGRESS_NS)
    .find((p) => p.metadata.labels?.['app.kubernetes.io/component'] === 'controller' && !p.metadata.deletionTimestamp && (p.spec as { nodeName?: string }).nodeName);
}

/** The address ingress-nginx publishes, or undefined while it has none. */
export function publishedAddress(store: ObjectStore): string | undefined {
  const pod = controllerPod(store);
  if (!pod) return undefined;
  const svc = store.get('services', INGRESS_NS, CONTROLLER_NAME) as unknown as Service | undefined;
  if (svc?.spec?.type === 'LoadBalancer') {
    const lb = svc.status?.loadBalancer?.ingress?.[0];
    return lb?.ip || lb?.hostname || undefined;
  }
  const node = store.get('nodes', undefined, (pod.spec as { nodeName: string }).nodeName);
  const addrs = (node?.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address;
}

export function ingressNginxController(store: ObjectStore): Controller {
  const synced = new Map<string, string>();
  /** Ingresses whose status this controller wrote: it clears them when it stops (update-status-on-shutdown). */
  const published = new Set<string>();
  const allIngresses = (): string[] => store.list('ingresses').map((i) => keyOf(i.metadata.namespace, i.metadata.name!));
  const inNs = (ev: StoreEvent) => (ev.object.metadata.namespace === INGRESS_NS ? allIngresses() : []);
  return {
    name: 'ingress-nginx',
    watches: [
      { resource: 'ingresses', keys: (ev) => [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] },
      { resource: 'ingressclasses', keys: () => allIngresses() },
      { resource: 'deployments', keys: inNs },
      { resource: 'daemonsets', keys: inNs },
      { resource: 'pods', keys: inNs },
      { resource: 'services', keys: inNs },
    ],
    reconcile(key, ctx) {
      const [ns, name] = splitKey(key);
      const ing = ctx.store.get('ingresses', ns, name);
      if (!ing) {
        synced.delete(key);
        published.delete(key);
        return;
      }
      const running = !!controllerPod(ctx.store);
      const owned = ownedByNginx(ctx.store, ing);
      const want = running && owned ? publishedAddress(ctx.store) : undefined;
      if (running && owned && synced.get(key) !== ing.metadata.resourceVersion) {
        synced.set(key, ing.metadata.resourceVersion ?? '');
        ctx.events.normal(ing, 'Sync', 'Scheduled for sync', EVENT_SOURCE);
      }
      const cur = ((ing.status ?? {}) as IngressStatus).loadBalancer?.ingress ?? [];
      const curIP = cur.length === 1 ? cur[0].ip : undefined;
      if (want === curIP && (want !== undefined || cur.length === 0)) return;
      // Only ours to touch: an Ingress of another class keeps whatever its own controller wrote.
      if (!owned && !published.has(key)) return;
      if (want) published.add(key);
      else published.delete(key);
      const next = clone(ing);
      next.status = { loadBalancer: want ? { ingress: [{ ip: want }] } : {} };
      ctx.api.updateStatus(next, { owned: true });
    },
  };
}
