import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import { isStatusError, type KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import { NamespacedCache } from '../endpoints/cache.ts';
import { HEADLESS_LABEL, selectedPods, servicesForPodEvent, TRIGGER_TIME_ANNOTATION } from '../endpoints/controller.ts';
import { isServiceIPSet, shouldPodBeInEndpoints } from '../endpoints/podutil.ts';
import { TriggerTimeTracker } from '../endpoints/triggertime.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';
import { endpointPorts, podToEndpoint, portsKey } from './endpoint.ts';
import { planSlices, type DesiredGroup } from './reconciler.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/** Slices this controller manages, indexed by their Service's key. */
class SliceIndex {
  private bySvc = new Map<string, Map<string, KubeObject>>();

  private static svcKey(o: KubeObject): string | undefined {
    const l = o.metadata.labels ?? {};
    return l[MANAGED_BY_LABEL] === CONTROLLER_NAME && l[SERVICE_NAME_LABEL] ? keyOf(o.metadata.namespace, l[SERVICE_NAME_LABEL]) : undefined;
  }

  onEvent(ev: StoreEvent): string[] {
    const keys = new Set<string>();
    const oldKey = ev.oldObject ? SliceIndex.svcKey(ev.oldObject) : undefined;
    if (oldKey) {
      this.bySvc.get(oldKey)?.delete(ev.object.metadata.name!);
      keys.add(oldKey);
    }
    const key = SliceIndex.svcKey(ev.object);
    if (key && ev.type !== 'DELETED') {
      let m = this.bySvc.get(key);
      if (!m) this.bySvc.set(key, (m = new Map()));
      m.set(ev.object.metadata.name!, ev.object);
    }
    if (key) keys.add(key);
    return [...keys];
  }

  list(key: string): KubeObject[] {
    return [...(this.bySvc.get(key)?.values() ?? [])].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }
}

/** setEndpointSliceLabels: the Service's labels plus the controller's own. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL) labels[k] = v;
  labels[SERVICE_NAME_LABEL] = svc.metadata!.name!;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  return labels;
}

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): IPv4 EndpointSlices of at most 100 endpoints
 * for every Service with a selector, owned by the Service.
 */
export function endpointSliceController(rt: ClusterRuntime): Controller {
  const pods = new NamespacedCache('pods');
  const services = new NamespacedCache('services');
  const slices = new SliceIndex();
  const tracker = new TriggerTimeTracker((ts) => rt.clock.parse(ts));
  return {
    name: 'endpointslice-controller',
    watches: [
      {
        resource: 'services',
        keys: (ev) => {
          services.onEvent(ev);
          return [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)];
        },
      },
      {
        resource: 'pods',
        keys: (ev) => {
          pods.onEvent(ev);
          return servicesForPodEvent(services, ev);
        },
      },
      { resource: 'endpointslices', keys: (ev) => slices.onEvent(ev) },
    ],
    start(ctx, enqueue) {
      pods.prime(ctx.store);
      services.prime(ctx.store);
      for (const s of ctx.store.list('endpointslices')) slices.onEvent({ type: 'ADDED', resource: 'endpointslices', object: s, resourceVersion: 0 });
      for (const s of ctx.store.list('services')) enqueue(keyOf(s.metadata.namespace, s.metadata.name!));
    },
    reconcile(key, ctx) {
      syncService(key, ctx, pods, slices, tracker);
    },
  };
}

function syncService(key: string, ctx: ControllerContext, pods: NamespacedCache, slices: SliceIndex, tracker: TriggerTimeTracker): void {
  const [ns, name] = splitKey(key);
  const svc = ctx.store.get('services', ns, name) as unknown as Service | undefined;
  if (!svc) {
    // Slices go with their owner through the garbage collector.
    tracker.delete(key);
    return;
  }
  if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;

  const selected = selectedPods(pods, svc);
  const groups = new Map<string, DesiredGroup>();
  for (const pod of selected) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const node = pod.spec?.nodeName ? (ctx.store.get('nodes', undefined, pod.spec.nodeName) as unknown as Node | undefined) : undefined;
    const ep = podToEndpoint(pod as Pod, node, svc);
    if (!ep) continue;
    const ports = endpointPorts(svc, pod);
    const k = portsKey(ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports, endpoints: [] }));
    g.endpoints.push(ep);
  }
  const all = slices.list(key);
  const foreign = all.filter((s) => s.addressType !== 'IPv4');
  const existing = all.filter((s) => s.addressType === 'IPv4');
  const plan = planSlices(existing, [...groups.values()]);
  plan.delete.push(...foreign);
  const trigger = tracker.compute(key, svc, selected);
  const labels = sliceLabels(svc);
  const annotate = (o: KubeObject) => {
    const a = { ...(o.metadata.annotations ?? {}) };
    if (trigger !== undefined) a[TRIGGER_TIME_ANNOTATION] = ctx.clock.timestamp(trigger);
    else delete a[TRIGGER_TIME_ANNOTATION];
    if (Object.keys(a).length) o.metadata.annotations = a;
    else delete o.metadata.annotations;
  };

  try {
    // Don't create slices for a Service being deleted: the garbage collector is removing them.
    if (!svc.metadata?.deletionTimestamp) {
      for (const c of plan.create) {
        const slice: KubeObject = {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`,
            namespace: ns,
            labels: { ...labels },
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
          },
          addressType: 'IPv4',
          endpoints: c.endpoints.length ? clone(c.endpoints) : null,
        };
        if (c.ports.length) slice.ports = clone(c.ports);
        annotate(slice);
        ctx.api.create(slice);
      }
    }
    for (const u of plan.update) {
      const next = clone(u.slice);
      next.endpoints = clone(u.endpoints);
      next.metadata.labels = { ...labels };
      annotate(next);
      ctx.api.update(next);
    }
    for (const s of plan.keep) {
      if (JSON.stringify(s.metadata.labels ?? {}) === JSON.stringify(labels)) continue;
      const next = clone(s);
      next.metadata.labels = { ...labels };
      ctx.api.update(next);
    }
    for (const s of plan.delete) {
      try {
        ctx.api.delete('endpointslices', ns, s.metadata.name!);
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) throw e;
      }
    }
  } catch (e) {
    if (!isStatusError(e, 'Forbidden')) throw e;
  }
}
