import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { StoreEvent } from '../store/store.ts';
import { ClusterEvent, type ClusterEventMask } from './framework/events.ts';
import { podInfo } from './podinfo.ts';
import type { Scheduler } from './scheduler.ts';

const WORKLOADS = new Set(['services', 'replicasets', 'statefulsets', 'replicationcontrollers']);
// CSINode too: VolumeBinding re-queues on it (EventsToRegister).
const VOLUMES = new Set(['persistentvolumes', 'persistentvolumeclaims', 'storageclasses', 'csinodes']);

const specOf = (p: KubeObject) => (p.spec ?? {}) as NonNullable<Pod['spec']>;
const phaseOf = (p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase;
const isTerminal = (p: KubeObject) => phaseOf(p) === 'Succeeded' || phaseOf(p) === 'Failed';

/**
 * Keep the scheduler's caches current from store events, as its informers do upstream: the node table
 * (nodes, and the requests of bound, non-terminal pods: the scheduler's pod informer excludes Succeeded and
 * Failed pods) and the queue (pending pods it is responsible for). Cluster changes that may help waiting
 * pods are forwarded to the queue as events.
 */
export function onStoreEvent(s: Scheduler, ev: StoreEvent): void {
  if (ev.resource === 'pods') onPod(s, ev);
  else if (ev.resource === 'nodes') onNode(s, ev);
  else if (WORKLOADS.has(ev.resource)) s.pods.workloadVersion++;
  else if (VOLUMES.has(ev.resource)) s.queue.moveAll(ClusterEvent.Volume);
  else if (ev.resource === 'namespaces' && ev.type === 'MODIFIED' && !sameJson(ev.oldObject?.metadata.labels, ev.object.metadata.labels)) s.queue.moveAll(ClusterEvent.Namespace);
}

function onPod(s: Scheduler, ev: StoreEvent): void {
  const pod = ev.object;
  const uid = pod.metadata.uid ?? '';
  if (ev.type === 'DELETED') {
    s.assumed.delete(uid);
    s.queue.delete(uid);
    s.records.delete(uid);
    s.pods.remove(uid);
    if (s.table.removePod(uid)) s.queue.moveAll(ClusterEvent.AssignedPodDelete);
    return;
  }
  const nodeName = specOf(pod).nodeName;
  if (nodeName) {
    // The pod's requests as computed when it was queued (containers are immutable; binding sets only nodeName).
    const queued = s.queue.get(uid)?.info;
    s.queue.delete(uid);
    if (isTerminal(pod)) {
      s.pods.remove(uid);
      if (s.table.removePod(uid)) s.queue.moveAll(ClusterEvent.AssignedPodDelete);
      return;
    }
    if (s.pods.set(pod, nodeName)) s.queue.moveAll(ClusterEvent.AssignedPodUpdate);
    // Container requests are immutable once bound (in-place resize is off in 1.32), so a pod is counted once.
    if (s.table.usageOf(uid)?.node === nodeName) {
      // Counted since it was assumed (a PreBind plugin waited): its binding is the AssignedPodAdd event.
      if (s.assumed.delete(uid)) s.queue.moveAll(ClusterEvent.AssignedPodAdd);
      return;
    }
    const info = queued && queued.spec.containers === specOf(pod).containers ? queued : podInfo(pod);
    s.table.addPod(uid, { node: nodeName, requests: info.requests, nonZero: info.nonZero });
    s.queue.moveAll(ClusterEvent.AssignedPodAdd);
    return;
  }
  if (!s.responsibleFor(pod) || pod.metadata.deletionTimestamp || isTerminal(pod)) {
    s.queue.delete(uid);
    return;
  }
  const queued = s.queue.get(uid);
  if (!queued) {
    s.queue.add(podInfo(pod));
    return;
  }
  // Status-only writes (the scheduler's own condition updates) change nothing the scheduler reads.
  const old = ev.oldObject;
  if (old && sameJson(old.spec, pod.spec) && sameJson(old.metadata.labels, pod.metadata.labels)) return;
  s.queue.update(podInfo(pod));
}

function onNode(s: Scheduler, ev: StoreEvent): void {
  const node = ev.object;
  if (ev.type === 'DELETED') {
    s.table.removeNode(node.metadata.name!);
    return;
  }
  s.table.setNode(node);
  if (ev.type === 'ADDED' || !ev.oldObject) {
    s.queue.moveAll(ClusterEvent.NodeAdd);
    return;
  }
  const mask = nodeChanges(ev.oldObject, node);
  if (mask) s.queue.moveAll(mask);
}

/** Which scheduling-relevant properties changed (upstream's nodeSchedulingPropertiesChange). Heartbeats change none. */
export function nodeChanges(oldNode: KubeObject, node: KubeObject): ClusterEventMask {
  const o = oldNode as unknown as Node;
  const n = node as unknown as Node;
  let mask = 0;
  if (!sameJson(o.status?.allocatable, n.status?.allocatable)) mask |= ClusterEvent.NodeAllocatable;
  if (!sameJson(o.metadata?.labels, n.metadata?.labels)) mask |= ClusterEvent.NodeLabel;
  if (!sameJson(o.spec?.taints, n.spec?.taints) || !!o.spec?.unschedulable !== !!n.spec?.unschedulable) mask |= ClusterEvent.NodeTaint;
  const ready = (x: Node) => x.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  if (ready(o) !== ready(n)) mask |= ClusterEvent.NodeCondition;
  return mask;
}

/** Same JSON text; the API server keeps unchanged parts by reference, so identity answers most calls. */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
