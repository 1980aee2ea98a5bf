import type { Node, Pod } from 'kubernetes-types/core/v1';
import { podStatusText, podTone, type PodTone } from '../topology/podStatus.ts';

/** What the inspector's summary shows for a pod or a node: plain data, no React. */
export interface Summary {
  kind: 'Pod' | 'Node';
  name: string;
  namespace?: string;
  status: string;
  tone: PodTone;
  fields: Array<[label: 'node' | 'ip' | 'namespace', value: string]>;
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  labels: Array<[string, string]>;
  containers: Array<{ name: string; image: string; state: string; ready: boolean; restarts: number; init: boolean }>;
  /** Nodes: capacity and allocatable by resource; taints as `key=value:Effect`. */
  resources: Array<{ name: string; capacity: string; allocatable: string }>;
  taints: string[];
}

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

/** A container's state as `kubectl describe` names it: Running, Waiting (Reason), Terminated (Reason, exit N). */
export function containerState(s: ContainerStatus | undefined): string {
  if (!s?.state) return 'Waiting';
  if (s.state.running) return 'Running';
  if (s.state.terminated) return `Terminated (${s.state.terminated.reason ?? 'Error'}, exit ${s.state.terminated.exitCode})`;
  if (s.state.waiting) return s.state.waiting.reason ? `Waiting (${s.state.waiting.reason})` : 'Waiting';
  return 'Waiting';
}

function labels(l: Readonly<Record<string, string>> | undefined): Array<[string, string]> {
  return Object.entries(l ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function podSummary(pod: Pod): Summary {
  const status = podStatusText(pod);
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const initStatuses = new Map((pod.status?.initContainerStatuses ?? []).map((s) => [s.name, s]));
  const containers = [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ c, s: initStatuses.get(c.name), init: true })),
    ...(pod.spec?.containers ?? []).map((c) => ({ c, s: statuses.get(c.name), init: false })),
  ].map(({ c, s, init }) => ({ name: c.name, image: c.image ?? '', state: containerState(s), ready: s?.ready ?? false, restarts: s?.restartCount ?? 0, init }));
  return {
    kind: 'Pod',
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    status,
    tone: podTone(status),
    fields: [
      ['namespace', pod.metadata?.namespace ?? 'default'],
      ['node', pod.spec?.nodeName ?? '<none>'],
      ['ip', pod.status?.podIP ?? '<none>'],
    ],
    conditions: (pod.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    labels: labels(pod.metadata?.labels),
    containers,
    resources: [],
    taints: [],
  };
}

export function nodeSummary(node: Node): Summary {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = (ready?.status === 'True' ? 'Ready' : ready?.status === 'Unknown' ? 'Unknown' : 'NotReady') + (node.spec?.unschedulable ? ',SchedulingDisabled' : '');
  const ip = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '<none>';
  const names = [...new Set([...Object.keys(node.status?.capacity ?? {}), ...Object.keys(node.status?.allocatable ?? {})])].sort();
  return {
    kind: 'Node',
    name: node.metadata?.name ?? '',
    status,
    tone: ready?.status === 'True' ? 'running' : ready?.status === 'Unknown' ? 'unknown' : 'failing',
    fields: [['ip', ip]],
    conditions: (node.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    labels: labels(node.metadata?.labels),
    containers: [],
    resources: names.map((n) => ({ name: n, capacity: String(node.status?.capacity?.[n] ?? ''), allocatable: String(node.status?.allocatable?.[n] ?? '') })),
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
  };
}
