/**
 * The replica calculator of the horizontal pod autoscaler (pkg/controller/podautoscaler/replica_calculator.go):
 * desired = ceil(ready pods × usage / target), with the 10% tolerance, pods grouped into ready, unready
 * (pending, or within the CPU initialization period and not yet measured ready), missing (no metrics) and
 * ignored (deleted or failed), and the conservative rebalancing of missing and unready pods.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../../util/quantity.ts';

export const DEFAULT_TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_MS = 30_000;

/** One pod's metric: a milli-value, when it was measured, and the length of its sampling window in ms. */
export interface PodMetric {
  value: number;
  timestampMs: number;
  windowMs: number;
}
export type PodMetricsInfo = Map<string, PodMetric>;

export interface CalculatorOptions {
  tolerance: number;
  cpuInitializationPeriodMs: number;
  delayOfInitialReadinessStatusMs: number;
  /** Virtual now, and a converter from API timestamps to the same scale. */
  nowMs: number;
  parseTime(ts: string): number;
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilization: number;
  timestampMs: number;
}

/** groupPods. */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, o: CalculatorOptions) {
  let readyPodCount = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const cond = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
      let isUnready: boolean;
      if (!cond || !pod.status?.startTime) isUnready = true;
      else {
        const start = o.parseTime(pod.status.startTime);
        const transition = cond.lastTransitionTime ? o.parseTime(cond.lastTransitionTime) : -Infinity;
        if (start + o.cpuInitializationPeriodMs > o.nowMs) {
          // Within the initialization period: ignore the sample if unready or not a full window since readiness.
          isUnready = cond.status === 'False' || metric.timestampMs < transition + metric.windowMs;
        } else {
          // Afterwards: ignore the metric only if the pod is unready and has never been ready.
          isUnready = cond.status === 'False' && start + o.delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

/** calculatePodRequests: the summed request (milli) of the containers (and restartable init containers). */
export function calculatePodRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container !== '' && container !== c.name) continue;
      const req = (c.resources?.requests as Record<string, string> | undefined)?.[resource];
      if (req === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`);
      sum += parseQuantity(req).milliValue;
    }
    requests.set(pod.metadata?.name ?? '', sum);
  }
  return requests;
}

/** metricsclient.GetResourceUtilizationRatio: integer percent of the summed requests, and the raw average. */
export function getResourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

/** GetResourceReplicas (after the metrics were fetched and the pods listed). */
export function getResourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, container: string, pods: readonly Pod[], fetched: PodMetricsInfo, o: CalculatorOptions): ResourceReplicas {
  if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
  const metrics: PodMetricsInfo = new Map(fetched);
  const timestampMs = [...fetched.values()][0]?.timestampMs ?? o.nowMs;
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, o);
  for (const n of [...ignored, ...unready]) metrics.delete(n);
  if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const requests = calculatePodRequests(pods, container, resource);
  const { ratio: usageRatio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, targetUtilization);
  const result = (replicas: number): ResourceReplicas => ({ replicas, utilization, rawUtilization: rawAverage, timestampMs });

  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= o.tolerance) return result(currentReplicas);
    return result(Math.ceil(usageRatio * readyPodCount));
  }
  if (missing.size > 0) {
    if (usageRatio < 1.0) {
      // On a scale-down, missing pods count as using 100% of their request (or the target, when above 100%).
      const fallback = Math.max(100, targetUtilization);
      for (const n of missing) metrics.set(n, { value: Math.trunc(((requests.get(n) ?? 0) * fallback) / 100), timestampMs, windowMs: 0 });
    } else if (usageRatio > 1.0) {
      for (const n of missing) metrics.set(n, { value: 0, timestampMs, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { value: 0, timestampMs, windowMs: 0 });

  const newRatio = getResourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
  if (Math.abs(1.0 - newRatio) <= o.tolerance || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
    return result(currentReplicas);
  }
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) return result(currentReplicas);
  return result(newReplicas);
}

/** GetRawResourceReplicas / calcPlainMetricReplicas: an AverageValue target (milli-value per pod). */
export function getRawResourceReplicas(currentReplicas: number, targetUsage: number, resource: string, pods: readonly Pod[], fetched: PodMetricsInfo, o: CalculatorOptions): { replicas: number; usage: number; timestampMs: number } {
  if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
  const metrics: PodMetricsInfo = new Map(fetched);
  const timestampMs = [...fetched.values()][0]?.timestampMs ?? o.nowMs;
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, o);
  for (const n of [...ignored, ...unready]) metrics.delete(n);
  if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  const ratioOf = (m: PodMetricsInfo) => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    return { ratio: total / m.size / targetUsage, usage: Math.trunc(total / m.size) };
  };
  const { ratio: usageRatio, usage } = ratioOf(metrics);
  const result = (replicas: number) => ({ replicas, usage, timestampMs });
  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= o.tolerance) return result(currentReplicas);
    return result(Math.ceil(usageRatio * readyPodCount));
  }
  if (missing.size > 0) {
    if (usageRatio < 1.0) for (const n of missing) metrics.set(n, { value: targetUsage, timestampMs, windowMs: 0 });
    else if (usageRatio > 1.0) for (const n of missing) metrics.set(n, { value: 0, timestampMs, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { value: 0, timestampMs, windowMs: 0 });
  const newRatio = ratioOf(metrics).ratio;
  if (Math.abs(1.0 - newRatio) <= o.tolerance || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
    return result(currentReplicas);
  }
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) return result(currentReplicas);
  return result(newReplicas);
}
