/**
 * The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go). Every HPA is synced
 * 15 s after it appears and every 15 s after that (the HPA work queue's fixed rate limiter: updates do not
 * speed it up), on a background timer: read the target's scale, compute the desired replicas from the
 * metrics, normalise (stabilization, limits, behavior policies), rescale through spec.replicas, and write
 * status with the AbleToScale / ScalingActive / ScalingLimited conditions and the upstream events.
 */
import type { HPASpec, HPAStatus, HPACondition } from '../../api/kinds/horizontalpodautoscaler.ts';
import { clone } from '../../store/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { METRICS_SERVICE, type MetricsApi } from '../../metrics/types.ts';
import { deepEqual } from '../../util/equal.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';
import type { TimerId } from '../../clock/clock.ts';
import { orderedConditions, setCondition } from './conditions.ts';
import { computeReplicasForMetrics } from './metrics.ts';
import { normalizeDesiredReplicas, normalizeWithBehaviors, storeScaleEvent, type HPAState } from './normalize.ts';
import { CPU_INITIALIZATION_PERIOD_MS, DEFAULT_TOLERANCE, INITIAL_READINESS_DELAY_MS } from './replicas.ts';
import { getScale, ScaleError, updateScale } from './scale.ts';

/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
const SOURCE = { component: 'horizontal-pod-autoscaler' };

export function hpaController(rt: ClusterRuntime): Controller {
  const states = new Map<string, HPAState>();
  const timers = new Map<string, TimerId>();
  let enqueue: (key: string) => void = () => {};

  const schedule = (key: string) => {
    if (timers.has(key)) return;
    const id = rt.clock.schedule(
      () => {
        timers.delete(key);
        enqueue(`sync:${key}`);
      },
      HPA_SYNC_PERIOD_MS,
      { background: true, label: `hpa:${key}` },
    );
    timers.set(key, id);
  };

  return {
    name: 'horizontal-pod-autoscaler',
    watches: [
      {
        resource: 'horizontalpodautoscalers',
        keys: (ev) => (ev.type === 'ADDED' ? [`add:${keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)}`] : []),
      },
    ],
    start(ctx, enq) {
      enqueue = enq;
      for (const h of ctx.store.list('horizontalpodautoscalers')) enq(`add:${keyOf(h.metadata.namespace, h.metadata.name!)}`);
    },
    reconcile(k, ctx) {
      const key = k.slice(k.indexOf(':') + 1);
      const [ns, name] = splitKey(key);
      const hpa = ctx.store.get('horizontalpodautoscalers', ns, name);
      if (!hpa) {
        states.delete(key);
        rt.clock.cancel(timers.get(key));
        timers.delete(key);
        return;
      }
      if (k.startsWith('sync:')) {
        let st = states.get(key);
        if (!st) states.set(key, (st = { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] }));
        reconcileAutoscaler(rt, ctx, hpa, st);
      }
      schedule(key);
    },
  };
}

function reconcileAutoscaler(rt: ClusterRuntime, ctx: ControllerContext, shared: KubeObject, st: HPAState): void {
  const spec = (shared.spec ?? {}) as HPASpec;
  const original = (shared.status ?? { desiredReplicas: 0 }) as HPAStatus;
  const status: HPAStatus = clone(original);
  const conditions: HPACondition[] = [...(status.conditions ?? []).map((c) => ({ ...c }))];
  const now = ctx.clock.timestamp();
  const nowMs = ctx.clock.now();
  const cond = (type: string, s: 'True' | 'False', reason: string, message: string) => setCondition(conditions, type, s, reason, message, now);
  const warn = (reason: string, message: string) => ctx.events.warning(shared, reason, message, SOURCE);
  const ns = shared.metadata.namespace ?? 'default';
  const ref = spec.scaleTargetRef ?? {};

  const write = (currentReplicas: number, desiredReplicas: number, metrics: HPAStatus['currentMetrics'], rescaled: boolean) => {
    const next = {} as HPAStatus;
    if (original.observedGeneration !== undefined) next.observedGeneration = original.observedGeneration;
    const last = rescaled ? now : original.lastScaleTime;
    if (last) next.lastScaleTime = last;
    next.currentReplicas = currentReplicas;
    next.desiredReplicas = desiredReplicas;
    if (metrics && metrics.length > 0) next.currentMetrics = metrics;
    if (conditions.length > 0) next.conditions = orderedConditions(conditions);
    if (deepEqual(next, original)) return;
    try {
      const obj = clone(ctx.store.get('horizontalpodautoscalers', ns, shared.metadata.name!)!);
      obj.status = next;
      ctx.api.updateStatus(obj, { owned: true });
    } catch (e) {
      warn('FailedUpdateStatus', e instanceof Error ? e.message : String(e));
    }
  };

  let scale;
  try {
    scale = getScale(ctx.api, ns, ref);
  } catch (e) {
    if (!(e instanceof ScaleError)) throw e;
    warn('FailedGetScale', e.message);
    cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${e.message}`);
    write(original.currentReplicas ?? 0, original.desiredReplicas, original.currentMetrics, false);
    return;
  }
  cond('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
  const currentReplicas = scale.specReplicas;
  if (st.recommendations.length === 0) st.recommendations.push({ replicas: currentReplicas, atMs: nowMs });
  const minReplicas = spec.minReplicas ?? 1;
  const maxReplicas = spec.maxReplicas ?? 0;
  let desired = 0;
  let reason = '';
  let rescale = true;
  let metricStatuses: HPAStatus['currentMetrics'];

  if (currentReplicas === 0 && minReplicas !== 0) {
    desired = 0;
    rescale = false;
    cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
  } else if (currentReplicas > maxReplicas) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = maxReplicas;
  } else if (currentReplicas < minReplicas) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = minReplicas;
  } else {
    if (!scale.selector) {
      warn('SelectorRequired', 'selector is required');
      cond('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      write(currentReplicas, original.desiredReplicas, [], false);
      warn('FailedComputeMetricsReplicas', 'selector is required');
      return;
    }
    const selector = scale.selector;
    const pods = ctx.store.list('pods', ns).filter((p) => matchesLabelSelector(selector, p.metadata.labels ?? {}));
    const r = computeReplicasForMetrics(
      {
        metrics: rt.service<MetricsApi>(METRICS_SERVICE),
        namespace: ns,
        selector,
        pods,
        specReplicas: currentReplicas,
        calc: {
          tolerance: DEFAULT_TOLERANCE,
          cpuInitializationPeriodMs: CPU_INITIALIZATION_PERIOD_MS,
          delayOfInitialReadinessStatusMs: INITIAL_READINESS_DELAY_MS,
          nowMs,
          parseTime: (ts) => ctx.clock.parse(ts),
        },
        warn,
      },
      spec.metrics ?? [],
    );
    if (r.condition) cond(r.condition.type, r.condition.status as 'True' | 'False', r.condition.reason ?? '', r.condition.message ?? '');
    metricStatuses = r.statuses;
    if (r.replicas === -1) {
      write(currentReplicas, original.desiredReplicas, metricStatuses, false);
      warn('FailedComputeMetricsReplicas', r.error ?? '');
      return;
    }
    let rescaleMetric = '';
    if (r.replicas > desired) {
      desired = r.replicas;
      rescaleMetric = r.metricName;
    }
    if (desired > currentReplicas) reason = `${rescaleMetric} above target`;
    if (desired < currentReplicas) reason = 'All metrics below target';
    const behavior = spec.behavior ? { scaleUp: spec.behavior.scaleUp ?? {}, scaleDown: spec.behavior.scaleDown ?? {} } : undefined;
    const n = behavior
      ? normalizeWithBehaviors(st, nowMs, behavior, currentReplicas, desired, minReplicas, maxReplicas)
      : normalizeDesiredReplicas(st, nowMs, currentReplicas, desired, minReplicas, maxReplicas);
    cond('AbleToScale', 'True', n.able.reason, n.able.message);
    cond('ScalingLimited', n.limited.status, n.limited.reason, n.limited.message);
    desired = n.replicas;
    rescale = desired !== currentReplicas;
  }

  if (rescale) {
    try {
      updateScale(ctx.api, scale, desired);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      warn('FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${msg}`);
      cond('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`);
      write(currentReplicas, original.desiredReplicas, metricStatuses, false);
      return;
    }
    cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
    ctx.events.normal(shared, 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, SOURCE);
    const behavior = spec.behavior ? { scaleUp: spec.behavior.scaleUp ?? {}, scaleDown: spec.behavior.scaleDown ?? {} } : undefined;
    storeScaleEvent(st, behavior, currentReplicas, desired, nowMs);
  } else {
    desired = currentReplicas;
  }
  write(currentReplicas, desired, metricStatuses, rescale);
}
