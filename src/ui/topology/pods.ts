import type { Pod } from 'kubernetes-types/core/v1';
import { podStatusText, podTone } from './podStatus.ts';
import type { ContainerChip, PodCardData } from './types.ts';

type Status = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function chipState(s: Status | undefined, init: boolean): ContainerChip['state'] {
  const st = s?.state;
  if (!st) return 'waiting';
  if (st.running) return 'running';
  if (st.terminated) return st.terminated.exitCode === 0 ? 'done' : 'failed';
  if (st.waiting && /BackOff|Err|Invalid|Error/.test(st.waiting.reason ?? '')) return 'failed';
  return init && s?.ready ? 'done' : 'waiting';
}

/** Container chips: init containers first (in order), then the app containers; `istio-proxy` and restartable init containers are sidecars. */
export function containerChips(pod: Pod): ContainerChip[] {
  const init = new Map((pod.status?.initContainerStatuses ?? []).map((s) => [s.name, s]));
  const main = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const out: ContainerChip[] = [];
  for (const c of pod.spec?.initContainers ?? []) {
    const sidecar = c.restartPolicy === 'Always' || c.name === 'istio-proxy';
    const s = init.get(c.name);
    out.push({ name: c.name, role: sidecar ? 'sidecar' : 'init', state: chipState(s, !sidecar), ready: s?.ready ?? false });
  }
  for (const c of pod.spec?.containers ?? []) {
    const s = main.get(c.name);
    out.push({ name: c.name, role: c.name === 'istio-proxy' ? 'sidecar' : 'app', state: chipState(s, false), ready: s?.ready ?? false });
  }
  return out;
}

/** Namespaces of the cluster's own pods: the control plane, kube-proxy and CoreDNS, and the CNI's. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-flannel']);

const cache = new WeakMap<Pod, PodCardData>();

/** A pod's card data (cached per stored object: the engine never mutates a stored object in place). */
export function podCard(pod: Pod): PodCardData {
  const hit = cache.get(pod);
  if (hit) return hit;
  const status = podStatusText(pod);
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = pod.spec?.containers?.length ?? statuses.length;
  const data: PodCardData = {
    kind: 'pod',
    name: pod.metadata?.name ?? '',
    nodeName: pod.spec?.nodeName ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    status,
    tone: podTone(status),
    ready: `${statuses.filter((s) => s.ready).length}/${containers}`,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
    containers: containerChips(pod),
    terminating: !!pod.metadata?.deletionTimestamp,
    system: SYSTEM_NAMESPACES.has(pod.metadata?.namespace ?? 'default'),
  };
  cache.set(pod, data);
  return data;
}
