import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { Status, unschedulable } from '../../framework/status.ts';
import { NodeResourcesFit } from '../../names.ts';
import type { NodeTable } from '../../nodetable.ts';
import type { PodInfo } from '../../podinfo.ts';
import { MAX_NODE_SCORE } from '../helper/normalize.ts';

/** MaxNodeScore as a module constant: read on every node scored. */
const MAX = MAX_NODE_SCORE;
const TOO_MANY_PODS = 1;
const CPU = 2;
const MEMORY = 4;
const EPHEMERAL = 8;

/** The four fixed reasons combine into 16 statuses, made once: Filter allocates nothing when it rejects. */
const fixedStatuses: Status[] = Array.from({ length: 16 }, (_, mask) => {
  const reasons: string[] = [];
  if (mask & TOO_MANY_PODS) reasons.push('Too many pods');
  if (mask & CPU) reasons.push('Insufficient cpu');
  if (mask & MEMORY) reasons.push('Insufficient memory');
  if (mask & EPHEMERAL) reasons.push('Insufficient ephemeral-storage');
  return unschedulable(NodeResourcesFit, ...reasons);
});

/**
 * fitsRequest: which resources the node lacks for the pod, in upstream's order (pods, cpu, memory,
 * ephemeral-storage, then extended resources). Returns undefined when the pod fits.
 */
export function fitsRequest(pod: PodInfo, t: NodeTable, i: number): Status | undefined {
  let mask = 0;
  if (t.podCount[i] + 1 > t.allocPods[i]) mask |= TOO_MANY_PODS;
  const r = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && !r.scalars) return mask ? fixedStatuses[mask] : undefined;
  if (r.milliCPU > 0 && r.milliCPU > t.allocCPU[i] - t.reqCPU[i]) mask |= CPU;
  if (r.memory > 0 && r.memory > t.allocMem[i] - t.reqMem[i]) mask |= MEMORY;
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > t.allocEph[i] - t.reqEph[i]) mask |= EPHEMERAL;
  let extra: string[] | undefined;
  if (r.scalars) {
    for (const [name, want] of r.scalars) {
      const free = (t.allocScalar[i]?.get(name) ?? 0) - (t.reqScalar[i]?.get(name) ?? 0);
      if (want > free) (extra ??= []).push(`Insufficient ${name}`);
    }
  }
  if (extra) return unschedulable(NodeResourcesFit, ...fixedStatuses[mask].reasons, ...extra);
  return mask ? fixedStatuses[mask] : undefined;
}

/** leastRequestedScore: the free share of a resource after placing the pod, 0–100 (integer division). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX) / capacity);
}

/**
 * NodeResourcesFit.
 * Filter: the node's allocatable minus what its pods request must cover the pod's requests; the pod count
 * must stay within allocatable pods. Rejections are Unschedulable (freeing resources may help).
 * Score (LeastAllocated, cpu and memory weight 1): the average free share after placing the pod, using the
 * non-zero requests (100m CPU / 200Mi for containers that request nothing).
 */
export interface ScoringStrategy {
  type: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
  resources: Array<{ name: string; weight: number }>;
  requestedToCapacityRatio?: { shape: Array<{ utilization: number; score: number }> };
}

const DEFAULT_STRATEGY: ScoringStrategy = { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] };

/** mostRequestedScore: the used share after placing the pod, 0–100 (requests beyond capacity count as full). */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return Math.trunc((requested * MAX_NODE_SCORE) / capacity);
}

/** RequestedToCapacityRatio's broken linear function over utilization 0–100; shape scores 0–10 are scaled ×10. */
export function brokenLinear(shape: Array<{ utilization: number; score: number }>): (requested: number, capacity: number) => number {
  const pts = shape.map((p) => ({ u: p.utilization, s: p.score * 10 }));
  const f = (u: number) => {
    for (let i = 0; i < pts.length; i++) {
      if (u <= pts[i].u) {
        if (i === 0) return pts[0].s;
        return pts[i - 1].s + Math.trunc(((pts[i].s - pts[i - 1].s) * (u - pts[i - 1].u)) / (pts[i].u - pts[i - 1].u));
      }
    }
    return pts[pts.length - 1].s;
  };
  return (requested, capacity) => (capacity === 0 ? f(0) : f(Math.trunc(Math.min(requested, capacity) * 100 / capacity)));
}

export function nodeResourcesFit(_h?: unknown, args?: Record<string, unknown>): FilterPlugin & ScorePlugin {
  const strategy = (args?.scoringStrategy as ScoringStrategy | undefined) ?? DEFAULT_STRATEGY;
  const scorer =
    strategy.type === 'MostAllocated' ? mostRequestedScore : strategy.type === 'RequestedToCapacityRatio' ? brokenLinear(strategy.requestedToCapacityRatio?.shape ?? []) : leastRequestedScore;
  const cpuW = strategy.resources.find((r) => r.name === 'cpu')?.weight ?? 0;
  const memW = strategy.resources.find((r) => r.name === 'memory')?.weight ?? 0;
  // The default (LeastAllocated, cpu and memory weight 1) keeps its allocation-free fast path.
  const isDefault = strategy.type === 'LeastAllocated' && cpuW === 1 && memW === 1 && strategy.resources.length === 2;
  return {
    name: NodeResourcesFit,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeAllocatable | ClusterEvent.AssignedPodDelete | ClusterEvent.AssignedPodScaleDown,
    filter(_state, pod, nodes, i) {
      return fitsRequest(pod, nodes, i);
    },
    score(_state, pod, t, i) {
      if (!isDefault) {
        let total = 0;
        let weights = 0;
        if (cpuW && t.allocCPU[i] !== 0) {
          total += scorer(t.nonZeroCPU[i] + pod.nonZero.milliCPU, t.allocCPU[i]) * cpuW;
          weights += cpuW;
        }
        if (memW && t.allocMem[i] !== 0) {
          total += scorer(t.nonZeroMem[i] + pod.nonZero.memory, t.allocMem[i]) * memW;
          weights += memW;
        }
        return weights === 0 ? 0 : Math.trunc(total / weights);
      }
      let sum = 0;
      let weights = 0;
      if (t.allocCPU[i] !== 0) {
        sum += leastRequestedScore(t.nonZeroCPU[i] + pod.nonZero.milliCPU, t.allocCPU[i]);
        weights++;
      }
      if (t.allocMem[i] !== 0) {
        sum += leastRequestedScore(t.nonZeroMem[i] + pod.nonZero.memory, t.allocMem[i]);
        weights++;
      }
      return weights === 0 ? 0 : Math.trunc(sum / weights);
    },
    scoreAll(state, pod, t, feasible, n, out) {
      if (!isDefault) {
        for (let j = 0; j < n; j++) out[j] = this.score(state, pod, t, feasible[j]);
        return;
      }
      const podCPU = pod.nonZero.milliCPU;
      const podMem = pod.nonZero.memory;
      const allocCPU = t.allocCPU;
      const allocMem = t.allocMem;
      const usedCPU = t.nonZeroCPU;
      const usedMem = t.nonZeroMem;
      for (let j = 0; j < n; j++) {
        const i = feasible[j];
        const cpu = allocCPU[i];
        const mem = allocMem[i];
        let sum = 0;
        let weights = 0;
        if (cpu !== 0) {
          sum += leastRequestedScore(usedCPU[i] + podCPU, cpu);
          weights++;
        }
        if (mem !== 0) {
          sum += leastRequestedScore(usedMem[i] + podMem, mem);
          weights++;
        }
        out[j] = weights === 0 ? 0 : Math.trunc(sum / weights);
      }
    },
  };
}
