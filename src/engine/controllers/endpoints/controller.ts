import type { Pod, Service } from 'kubernetes-types/core/v1';
import { isStatusError, type KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';
import { NamespacedCache } from './cache.ts';
import { findPort, hostnameFor, isPodReady, isServiceIPSet, podIPv4, selects, shouldPodBeInEndpoints } from './podutil.ts';
import { repackSubsets, type Subset } from './repack.ts';
import { TriggerTimeTracker } from './triggertime.ts';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** maxCapacity: Endpoints hold at most this many addresses (EndpointSlices have no such limit). */
export const MAX_ENDPOINTS_CAPACITY = 1000;

/** Services in `pod`'s namespace whose selector picks it (getPodServiceMemberships), for old and new labels. */
export function servicesForPodEvent(services: NamespacedCache, ev: StoreEvent): string[] {
  const ns = ev.object.metadata.namespace ?? '';
  const labels = ev.object.metadata.labels;
  const oldLabels = ev.oldObject?.metadata.labels;
  // Runs for every pod write: nothing is allocated unless a Service selects the pod. Each Service is
  // visited once, so the keys need no de-duplication.
  let keys: string[] | undefined;
  for (const s of services.list(ns)) {
    const svc = s as unknown as Service;
    if (selects(svc, labels) || (ev.oldObject && oldLabels !== labels && selects(svc, oldLabels))) (keys ??= []).push(keyOf(ns, s.metadata.name!));
  }
  return keys ?? [];
}

/** Pods of the Service's namespace its selector picks, by name. */
export function selectedPods(pods: NamespacedCache, svc: Service): Pod[] {
  const out: Pod[] = [];
  for (const p of pods.list(svc.metadata!.namespace!)) if (selects(svc, p.metadata.labels)) out.push(p as unknown as Pod);
  return out.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

/** truncateEndpoints: keep at most MAX_ENDPOINTS_CAPACITY addresses, spread over subsets proportionally. */
function truncate(subsets: Subset[]): boolean {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  if (ready + notReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = ready > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let room = max;
  for (const s of subsets) {
    const n = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const keep = Math.min(Math.ceil((n / total) * max), room);
    if (truncateReady) {
      s.addresses = s.addresses?.slice(0, keep);
      delete s.notReadyAddresses;
      room -= s.addresses?.length ?? 0;
    } else {
      s.notReadyAddresses = s.notReadyAddresses?.slice(0, keep);
      room -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

/** The Endpoints subsets for a Service (syncService's pod loop, then RepackSubsets). */
export function computeSubsets(svc: Service, pods: Pod[]): Subset[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const subsets: Subset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const a: NonNullable<Subset['addresses']>[number] = { ip, targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid } };
    if (pod.spec?.nodeName) a.nodeName = pod.spec.nodeName;
    const hostname = hostnameFor(pod, svc);
    if (hostname) a.hostname = hostname;
    const ready = publishNotReady || isPodReady(pod);
    const add = (ports: Subset['ports']) => subsets.push(ready ? { addresses: [a], ports } : { notReadyAddresses: [a], ports });
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      if (svc.spec?.clusterIP === 'None') add(undefined);
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: NonNullable<Subset['ports']>[number] = { name: sp.name, port, protocol: sp.protocol ?? 'TCP' };
      if (!sp.name) delete ep.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      add([ep]);
    }
  }
  return repackSubsets(subsets);
}

function withoutHeadless(labels: Record<string, string> | undefined): Record<string, string> {
  const out = { ...(labels ?? {}) };
  delete out[HEADLESS_LABEL];
  return out;
}

function sameLabels(a: Record<string, string>, b: Record<string, string> | undefined): boolean {
  const bb = b ?? {};
  const ka = Object.keys(a);
  return ka.length === Object.keys(bb).length && ka.every((k) => a[k] === bb[k]);
}

/**
 * The Endpoints controller (pkg/controller/endpoint): one Endpoints object per Service with a selector,
 * listing ready pods in `addresses` and the others in `notReadyAddresses`.
 */
export function endpointsController(rt: ClusterRuntime): Controller {
  const pods = new NamespacedCache('pods');
  const services = new NamespacedCache('services');
  const tracker = new TriggerTimeTracker((ts) => rt.clock.parse(ts));
  return {
    name: 'endpoints-controller',
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
      // A deleted Endpoints object is recreated (onEndpointsDelete).
      { resource: 'endpoints', keys: (ev) => (ev.type === 'DELETED' ? [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] : []) },
    ],
    start(ctx, enqueue) {
      pods.prime(ctx.store);
      services.prime(ctx.store);
      for (const s of ctx.store.list('services')) enqueue(keyOf(s.metadata.namespace, s.metadata.name!));
    },
    reconcile(key, ctx) {
      syncService(key, ctx, pods, tracker);
    },
  };
}

function syncService(key: string, ctx: ControllerContext, pods: NamespacedCache, tracker: TriggerTimeTracker): void {
  const [ns, name] = splitKey(key);
  const svc = ctx.store.get('services', ns, name) as unknown as Service | undefined;
  if (!svc) {
    // The Service is gone: so are its Endpoints.
    tracker.delete(key);
    try {
      if (ctx.store.get('endpoints', ns, name)) ctx.api.delete('endpoints', ns, name);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    return;
  }
  if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
  const selected = selectedPods(pods, svc);
  let subsets = computeSubsets(svc, selected);
  const trigger = tracker.compute(key, svc, selected);

  const current = ctx.store.get('endpoints', ns, name);
  if (current) {
    const truncated = clone(subsets);
    const over = truncate(truncated);
    const overOk = over === (current.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined);
    if (
      JSON.stringify(current.subsets ?? []) === JSON.stringify(truncated) &&
      sameLabels(withoutHeadless(current.metadata.labels), svc.metadata?.labels) &&
      overOk
    ) {
      return;
    }
  }
  const next: KubeObject = current ? clone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
  const annotations = { ...(next.metadata.annotations ?? {}) };
  if (trigger !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = ctx.clock.timestamp(trigger);
  else delete annotations[TRIGGER_TIME_ANNOTATION];
  subsets = clone(subsets);
  if (truncate(subsets)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  if (Object.keys(annotations).length) next.metadata.annotations = annotations;
  else delete next.metadata.annotations;
  const labels = { ...(svc.metadata?.labels ?? {}) };
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  if (Object.keys(labels).length) next.metadata.labels = labels;
  else delete next.metadata.labels;
  if (subsets.length) next.subsets = subsets;
  else delete next.subsets;
  try {
    if (current) ctx.api.update(next);
    else ctx.api.create(next);
  } catch (e) {
    // A terminating namespace refuses new content; the Service goes away with it.
    if (!isStatusError(e, 'Forbidden')) throw e;
  }
}
