import type { Node, Pod, Probe } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/index.ts';
import { podStatusText, podTone, type PodTone } from '../topology/podStatus.ts';
import { workloadSummary } from '../topology/relations.ts';

/** What the inspector's summary shows for a pod or a node: plain data, no React. */
export interface Summary {
  kind: string;
  name: string;
  namespace?: string;
  status: string;
  tone: PodTone;
  /** Label ids the view translates (`node`, `ip`, `namespace`, `type`, `selector`, `ports`...), then values. */
  fields: Array<[label: string, value: string]>;
  annotations: Array<[string, string]>;
  conditions: Array<{ type: string; status: string; reason?: string; message?: string }>;
  labels: Array<[string, string]>;
  containers: Array<{ name: string; image: string; state: string; ready: boolean; restarts: number; init: boolean; probes?: string[] }>;
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
  ].map(({ c, s, init }) => ({ name: c.name, image: c.image ?? '', state: containerState(s), ready: s?.ready ?? false, restarts: s?.restartCount ?? 0, init, probes: probes(c) }));
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
    annotations: labels(pod.metadata?.annotations),
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
    annotations: labels(node.metadata?.annotations),
    containers: [],
    resources: names.map((n) => ({ name: n, capacity: String(node.status?.capacity?.[n] ?? ''), allocatable: String(node.status?.allocatable?.[n] ?? '') })),
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
  };
}

/** One probe as `kubectl describe pod` prints it: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeText(p: Probe): string {
  let what = 'unknown';
  if (p.httpGet) {
    const host = p.httpGet.host ?? '';
    what = `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${p.httpGet.port}${p.httpGet.path ?? ''}`;
  } else if (p.tcpSocket) what = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port}`;
  else if (p.exec) what = `exec [${(p.exec.command ?? []).join(' ')}]`;
  else if (p.grpc) what = `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''}`;
  return `${what} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

function probes(c: { livenessProbe?: Probe; readinessProbe?: Probe; startupProbe?: Probe }): string[] {
  const out: string[] = [];
  if (c.livenessProbe) out.push(`Liveness: ${probeText(c.livenessProbe)}`);
  if (c.readinessProbe) out.push(`Readiness: ${probeText(c.readinessProbe)}`);
  if (c.startupProbe) out.push(`Startup: ${probeText(c.startupProbe)}`);
  return out;
}

type Loose = KubeObject & { spec?: Record<string, unknown>; status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> } & Record<string, unknown> };

function servicePorts(spec: Record<string, unknown>): string {
  const ports = (spec.ports as Array<{ name?: string; port: number; targetPort?: number | string; nodePort?: number; protocol?: string }> | undefined) ?? [];
  return ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'} → ${p.targetPort ?? p.port}`).join(', ') || '<none>';
}

/** Any object's summary: pods and nodes in full; Services, workloads and the rest by their common parts. */
export function objectSummary(o: KubeObject): Summary {
  if (o.kind === 'Pod') return podSummary(o as Pod);
  if (o.kind === 'Node') return nodeSummary(o as Node);
  const obj = o as Loose;
  const spec = obj.spec ?? {};
  const fields: Summary['fields'] = [];
  if (o.metadata?.namespace) fields.push(['namespace', o.metadata.namespace]);
  let status = '';
  let tone: PodTone = 'running';
  if (o.kind === 'Service') {
    fields.push(['type', String(spec.type ?? 'ClusterIP')], ['clusterIP', String(spec.clusterIP ?? '<none>')], ['ports', servicePorts(spec)]);
    const sel = Object.entries((spec.selector as Record<string, string>) ?? {});
    fields.push(['selector', sel.length ? sel.map(([k, v]) => `${k}=${v}`).join(',') : '<none>']);
    status = String(spec.type ?? 'ClusterIP');
  } else {
    const w = workloadSummary(o);
    status = w.sub || 'Active';
    tone = w.tone === 'unknown' ? 'running' : w.tone;
  }
  return {
    kind: o.kind,
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace,
    status,
    tone,
    fields,
    conditions: (obj.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message })),
    labels: labels(o.metadata?.labels),
    annotations: labels(o.metadata?.annotations),
    containers: [],
    resources: [],
    taints: [],
  };
}
