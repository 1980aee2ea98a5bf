import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { parseQuantity } from '../util/quantity.ts';
import { unitHash } from './hash.ts';
import type { ContainerUsage } from './types.ts';

/** Time constants of the first-order lag between offered load and measured usage (a rate over a window). */
export const CPU_TAU_MS = 20_000;
export const MEMORY_TAU_MS = 30_000;
/** Resident memory of a container whose program the kubelet cannot tell us about. */
export const DEFAULT_MEMORY_BYTES = 8 * 1024 * 1024;

interface ContainerState {
  cpu: number;
  memory: number;
  atMs: number;
  /** Idle usage: what the container uses with no offered load. */
  idleCpu: number;
  baseMemory: number;
  /** Share of the pod's extra load, and the CPU limit (parsed once per container instance). */
  share: number;
  limit: number | undefined;
}

function milli(list: Record<string, string> | undefined, key: string): number | undefined {
  const v = list?.[key];
  if (v === undefined) return undefined;
  try {
    return parseQuantity(v).milliValue;
  } catch {
    return undefined;
  }
}

/** Idle CPU of a container: a steady 1–3m, fixed per container instance. */
function idleCpu(podUid: string, container: string): number {
  return 1 + Math.floor(unitHash('idle', podUid, container) * 3);
}

/** Split a pod's extra CPU over its containers in proportion to their CPU requests (evenly when none). */
function shares(containers: readonly Container[]): number[] {
  const req = containers.map((c) => milli(c.resources?.requests as Record<string, string> | undefined, 'cpu') ?? 0);
  const total = req.reduce((a, b) => a + b, 0);
  return total > 0 ? req.map((r) => r / total) : containers.map(() => 1 / containers.length);
}

/**
 * Per-container usage over time: each running container converges on its idle usage plus its share of the
 * offered load, with a first-order lag (CPU τ 20 s, memory τ 30 s); CPU is capped at the container's limit,
 * as CFS throttling caps it. State is keyed by container instance (a restart starts from idle again).
 */
export class UsageModel {
  private states = new Map<string, ContainerState>();
  private touched = new Set<string>();

  /**
   * Usage of the running containers of `pod` at `nowMs`, given the pod's extra load. `running` names the
   * containers running now with their instance id; `baseMemory` reports a container's resident memory.
   */
  sample(
    pod: KubeObject,
    running: ReadonlyMap<string, string>,
    extra: { cpu: number; memory: number } | undefined,
    nowMs: number,
    tick: number,
    baseMemory: (container: string) => number | undefined,
  ): ContainerUsage[] {
    const uid = pod.metadata.uid ?? '';
    const containers = ((pod as unknown as Pod).spec?.containers ?? []) as Container[];
    let split: number[] | undefined;
    const out: ContainerUsage[] = [];
    containers.forEach((c, i) => {
      const instance = running.get(c.name);
      if (instance === undefined) return;
      const key = `${uid}/${c.name}/${instance}`;
      this.touched.add(key);
      let st = this.states.get(key);
      if (!st) {
        const idle = idleCpu(uid, c.name);
        const mem = baseMemory(c.name) ?? DEFAULT_MEMORY_BYTES;
        split ??= shares(containers);
        const limit = milli(c.resources?.limits as Record<string, string> | undefined, 'cpu');
        st = { cpu: idle, memory: mem, atMs: nowMs, idleCpu: idle, baseMemory: mem, share: split[i], limit };
        this.states.set(key, st);
      }
      let cpuTarget = st.idleCpu + (extra?.cpu ?? 0) * st.share;
      if (st.limit !== undefined && cpuTarget > st.limit) cpuTarget = st.limit;
      const memTarget = st.baseMemory + (extra?.memory ?? 0) * st.share;
      const dt = nowMs - st.atMs;
      if (dt > 0) {
        st.cpu = cpuTarget + (st.cpu - cpuTarget) * Math.exp(-dt / CPU_TAU_MS);
        st.memory = memTarget + (st.memory - memTarget) * Math.exp(-dt / MEMORY_TAU_MS);
        st.atMs = nowMs;
      }
      // A measured rate wobbles a little from window to window (±2%).
      const wobble = 1 + (unitHash('cpu', key, tick) - 0.5) * 0.04;
      out.push({ name: c.name, cpu: st.cpu * wobble, memory: Math.round(st.memory) });
    });
    return out;
  }

  /** Forget containers not sampled since the last call (deleted pods, replaced instances). */
  sweep(): void {
    for (const k of this.states.keys()) if (!this.touched.has(k)) this.states.delete(k);
    this.touched.clear();
  }
}
