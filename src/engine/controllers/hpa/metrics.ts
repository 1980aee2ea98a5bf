/**
 * computeReplicasForMetrics for Resource and ContainerResource metrics, reading metrics.k8s.io through the
 * metrics-server service (the resource metrics client). Other metric sources need a custom or external
 * metrics API, which the lab does not serve: they fail as they do on a cluster without an adapter.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { HPACondition, MetricSpec, MetricStatus } from '../../api/kinds/horizontalpodautoscaler.ts';
import type { KubeObject } from '../../api/types.ts';
import { cpuMilliValue, type MetricsApi } from '../../metrics/types.ts';
import { fromNano, parseQuantity } from '../../util/quantity.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { getRawResourceReplicas, getResourceReplicas, type CalculatorOptions, type PodMetricsInfo } from './replicas.ts';

export interface MetricInputs {
  metrics: MetricsApi | undefined;
  namespace: string;
  selector: LabelSelector;
  pods: readonly KubeObject[];
  specReplicas: number;
  calc: CalculatorOptions;
  /** Record a Warning event on the HPA. */
  warn(reason: string, message: string): void;
}

export interface MetricsResult {
  /** -1 when no metric could be used. */
  replicas: number;
  metricName: string;
  statuses: MetricStatus[];
  /** The condition to set (ScalingActive), and the error for the FailedComputeMetricsReplicas event. */
  condition?: Omit<HPACondition, 'lastTransitionTime'>;
  error?: string;
}

const milliQuantity = (m: number): string => fromNano(BigInt(Math.trunc(m)) * 1_000_000n).canonical;

/** GetResourceMetric: per-pod summed usage (milli-values) of the pods the selector matches. */
function getResourceMetric(api: MetricsApi | undefined, resource: string, namespace: string, selector: LabelSelector, container: string): PodMetricsInfo {
  if (!api?.available()) throw new Error('unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)');
  const items = api.listPods(namespace).filter((m) => matchesLabelSelector(selector, m.labels));
  if (items.length === 0) throw new Error('no metrics returned from resource metrics API');
  const out: PodMetricsInfo = new Map();
  for (const m of items) {
    const cs = container === '' ? m.containers : m.containers.filter((c) => c.name === container);
    if (cs.length === 0) continue;
    let sum = 0;
    for (const c of cs) sum += resource === 'cpu' ? cpuMilliValue(c.cpu) : resource === 'memory' ? c.memory * 1000 : NaN;
    if (Number.isNaN(sum)) continue;
    out.set(m.name, { value: sum, timestampMs: m.timestampMs, windowMs: m.windowMs });
  }
  if (container !== '' && out.size === 0) throw new Error(`failed to get container metrics: container ${container} not present in metrics`);
  return out;
}

interface Proposal {
  replicas: number;
  metricName: string;
  status: MetricStatus;
}

/** computeStatusForResourceMetricGeneric. */
function computeResource(i: MetricInputs, spec: MetricSpec): Proposal {
  const container = spec.type === 'ContainerResource' ? spec.containerResource?.container ?? '' : '';
  const src = spec.type === 'ContainerResource' ? spec.containerResource! : spec.resource!;
  const name = src.name ?? '';
  const target = src.target ?? {};
  const pods = i.pods as unknown as Pod[];
  const status = (current: MetricStatus['resource'] extends infer R ? (R extends { current: infer C } ? C : never) : never): MetricStatus =>
    spec.type === 'ContainerResource' ? { type: 'ContainerResource', containerResource: { name, container, current } } : { type: 'Resource', resource: { name, current } };
  if (target.averageValue != null) {
    let fetched: PodMetricsInfo;
    try {
      fetched = getResourceMetric(i.metrics, name, i.namespace, i.selector, container);
    } catch (e) {
      throw new Error(`failed to get ${name} usage: unable to get metrics for resource ${name}: ${(e as Error).message}`);
    }
    let r;
    try {
      r = getRawResourceReplicas(i.specReplicas, parseQuantity(target.averageValue).milliValue, name, pods, fetched, i.calc);
    } catch (e) {
      throw new Error(`failed to get ${name} usage: ${(e as Error).message}`);
    }
    return { replicas: r.replicas, metricName: `${name} resource`, status: status({ averageValue: milliQuantity(r.usage) }) };
  }
  if (target.averageUtilization == null) {
    throw new Error('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
  }
  let fetched: PodMetricsInfo;
  try {
    fetched = getResourceMetric(i.metrics, name, i.namespace, i.selector, container);
  } catch (e) {
    throw new Error(`failed to get ${name} utilization: unable to get metrics for resource ${name}: ${(e as Error).message}`);
  }
  let r;
  try {
    r = getResourceReplicas(i.specReplicas, target.averageUtilization, name, container, pods, fetched, i.calc);
  } catch (e) {
    throw new Error(`failed to get ${name} utilization: ${(e as Error).message}`);
  }
  const metricName = spec.type === 'ContainerResource' ? `${name} container resource utilization (percentage of request)` : `${name} resource utilization (percentage of request)`;
  return { replicas: r.replicas, metricName, status: status({ averageValue: milliQuantity(r.rawUtilization), averageUtilization: r.utilization }) };
}

/** computeReplicasForMetric: one metric's proposal, or the condition and error it failed with. */
function computeOne(i: MetricInputs, spec: MetricSpec): Proposal | { condition: Omit<HPACondition, 'lastTransitionTime'>; error: string } {
  const fail = (reason: string, message: string, prefix: string) => {
    i.warn(reason, message);
    return { condition: { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${message}` }, error: `${prefix}${message}` };
  };
  switch (spec.type) {
    case 'Resource':
    case 'ContainerResource': {
      const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
      const what = spec.type === 'Resource' ? `${spec.resource?.name} resource metric value` : `${spec.containerResource?.container} container metric value`;
      try {
        return computeResource(i, spec);
      } catch (e) {
        return fail(reason, (e as Error).message, `failed to get ${what}: `);
      }
    }
    case 'Pods':
      return fail('FailedGetPodsMetric', `unable to get metric ${spec.pods?.metric?.name}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`, 'failed to get pods metric value: ');
    case 'Object':
      return fail('FailedGetObjectMetric', `unable to get metric ${spec.object?.metric?.name}: ${spec.object?.describedObject?.kind} on ${i.namespace} ${spec.object?.describedObject?.name}/unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`, 'failed to get object metric value: ');
    case 'External':
      return fail('FailedGetExternalMetric', `unable to get external metric ${i.namespace}/${spec.external?.metric?.name}/nil: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered`, `failed to get ${spec.external?.metric?.name} external metric value: `);
    default:
      return fail('InvalidMetricSourceType', `unknown metric source type "${spec.type}"`, '');
  }
}

/** computeReplicasForMetrics: the largest proposal; all invalid (or some invalid on a scale-down) is an error. */
export function computeReplicasForMetrics(i: MetricInputs, specs: readonly MetricSpec[]): MetricsResult {
  const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
  let replicas = 0;
  let metricName = '';
  let invalid = 0;
  let first: { condition: Omit<HPACondition, 'lastTransitionTime'>; error: string } | undefined;
  specs.forEach((spec, idx) => {
    const r = computeOne(i, spec);
    if ('error' in r) {
      if (invalid === 0) first = r;
      invalid++;
      return;
    }
    statuses[idx] = r.status;
    if (replicas === 0 || r.replicas > replicas) {
      replicas = r.replicas;
      metricName = r.metricName;
    }
  });
  const error = first ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${first.error}` : undefined;
  if (invalid >= specs.length || (invalid > 0 && replicas < i.specReplicas)) {
    return { replicas: -1, metricName: '', statuses, condition: first!.condition, error };
  }
  return {
    replicas,
    metricName,
    statuses,
    condition: { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${metricName}` },
    error,
  };
}
