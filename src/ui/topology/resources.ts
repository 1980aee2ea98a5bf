import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../engine/util/quantity.ts';
import type { ResourceBar } from './types.ts';

/** CPU in millicores and memory in bytes a pod requests: max(sum of containers, largest init container), as the scheduler counts. */
export interface PodRequests {
  cpu: number;
  memory: number;
}

function qty(v: unknown, milli: boolean): number {
  if (v === undefined || v === null) return 0;
  try {
    const q = parseQuantity(v as string);
    return milli ? q.milliValue : q.value;
  } catch {
    return 0;
  }
}

const cache = new WeakMap<Pod, PodRequests>();

export function podRequests(pod: Pod): PodRequests {
  const hit = cache.get(pod);
  if (hit) return hit;
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += qty(c.resources?.requests?.cpu, true);
    memory += qty(c.resources?.requests?.memory, false);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, qty(c.resources?.requests?.cpu, true));
    memory = Math.max(memory, qty(c.resources?.requests?.memory, false));
  }
  cpu += qty(pod.spec?.overhead?.cpu, true);
  memory += qty(pod.spec?.overhead?.memory, false);
  const out = { cpu, memory };
  cache.set(pod, out);
  return out;
}

/** Pods that still hold their node's resources (as `kubectl describe node`: not Succeeded or Failed). */
export function holdsResources(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function cpuText(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function memText(b: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let i = 0;
  let v = b;
  while (i < units.length - 1 && v >= 1024 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  if (i === 0 && b >= 1024 * 1024) return `${(b / (1024 * 1024)).toFixed(0)}Mi`;
  return `${v}${units[i]}`;
}

/** The CPU and memory bars of a node box: requested by its pods against allocatable. */
export function resourceBars(node: Node, pods: readonly Pod[]): ResourceBar[] {
  let cpu = 0;
  let memory = 0;
  for (const p of pods) {
    if (!holdsResources(p)) continue;
    const r = podRequests(p);
    cpu += r.cpu;
    memory += r.memory;
  }
  const allocCpu = qty(node.status?.allocatable?.cpu, true);
  const allocMem = qty(node.status?.allocatable?.memory, false);
  return [
    { resource: 'cpu', requested: cpu, allocatable: allocCpu, text: `${cpuText(cpu)} / ${cpuText(allocCpu)}` },
    { resource: 'memory', requested: memory, allocatable: allocMem, text: `${memText(memory)} / ${memText(allocMem)}` },
  ];
}
