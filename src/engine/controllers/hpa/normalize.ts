/**
 * Normalising the metrics' recommendation (horizontal.go): the scale-down stabilization window, the
 * scale-up limit, and with `spec.behavior` the per-direction windows and rate policies with selectPolicy.
 * State (recent recommendations and scale events) is per HPA and lives in the controller, as upstream.
 */
import type { ScalingRules } from '../../api/kinds/horizontalpodautoscaler.ts';

export interface Recommendation {
  replicas: number;
  atMs: number;
}
export interface ScaleEvent {
  change: number;
  atMs: number;
  outdated: boolean;
}
export interface HPAState {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface Normalized {
  replicas: number;
  /** AbleToScale's reason and message, and ScalingLimited's. */
  able: { reason: string; message: string };
  limited: { status: 'True' | 'False'; reason: string; message: string };
}

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;
const SCALE_UP_LIMIT_FACTOR = 2.0;
const SCALE_UP_LIMIT_MINIMUM = 4.0;

const I32_MAX = 2147483647;
const I32_MIN = -2147483648;

/** stabilizeRecommendation: the highest recommendation within the window; the oldest stale one is replaced. */
function stabilize(st: HPAState, desired: number, nowMs: number, windowMs: number): number {
  let max = desired;
  let oldIndex = -1;
  const cutoff = nowMs - windowMs;
  st.recommendations.forEach((r, i) => {
    if (r.atMs < cutoff) oldIndex = i;
    else if (r.replicas > max) max = r.replicas;
  });
  if (oldIndex >= 0) st.recommendations[oldIndex] = { replicas: desired, atMs: nowMs };
  else st.recommendations.push({ replicas: desired, atMs: nowMs });
  return max;
}

export function calculateScaleUpLimit(current: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
}

/** convertDesiredReplicasWithRules. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = calculateScaleUpLimit(current);
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** normalizeDesiredReplicas: the path for HPAs without `spec.behavior`. */
export function normalizeDesiredReplicas(st: HPAState, nowMs: number, current: number, desired: number, min: number, max: number, windowMs = DOWNSCALE_STABILIZATION_MS): Normalized {
  const stabilized = stabilize(st, desired, nowMs, windowMs);
  const able =
    stabilized !== desired
      ? { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  const r = convertDesiredReplicasWithRules(current, stabilized, min, max);
  return { replicas: r.replicas, able, limited: { status: r.replicas === stabilized ? 'False' : 'True', reason: r.reason, message: r.message } };
}

/** getReplicasChangePerPeriod: replicas changed by events newer than the period. */
function changePerPeriod(periodSeconds: number, events: readonly ScaleEvent[], nowMs: number): number {
  const cutoff = nowMs - periodSeconds * 1000;
  let n = 0;
  for (const e of events) if (e.atMs > cutoff) n += e.change;
  return n;
}

/** calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimitWithRules(current: number, up: readonly ScaleEvent[], down: readonly ScaleEvent[], rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? I32_MAX : I32_MIN;
  for (const p of rules.policies ?? []) {
    const start = current - changePerPeriod(p.periodSeconds ?? 0, up, nowMs) + changePerPeriod(p.periodSeconds ?? 0, down, nowMs);
    let proposed = 0;
    if (p.type === 'Pods') proposed = start + (p.value ?? 0);
    else if (p.type === 'Percent') proposed = Math.ceil(start * (1 + (p.value ?? 0) / 100));
    result = useMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimitWithRules(current: number, up: readonly ScaleEvent[], down: readonly ScaleEvent[], rules: ScalingRules, nowMs: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? I32_MIN : I32_MAX;
  for (const p of rules.policies ?? []) {
    const start = current - changePerPeriod(p.periodSeconds ?? 0, up, nowMs) + changePerPeriod(p.periodSeconds ?? 0, down, nowMs);
    let proposed = 0;
    if (p.type === 'Pods') proposed = start - (p.value ?? 0);
    else if (p.type === 'Percent') proposed = Math.trunc(start * (1 - (p.value ?? 0) / 100));
    result = useMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** stabilizeRecommendationWithBehaviors. */
function stabilizeWithBehaviors(st: HPAState, nowMs: number, current: number, desired: number, upWindowS: number, downWindowS: number) {
  let upRec = desired;
  let downRec = desired;
  const upCutoff = nowMs - upWindowS * 1000;
  const downCutoff = nowMs - downWindowS * 1000;
  let oldIndex = -1;
  st.recommendations.forEach((r, i) => {
    if (r.atMs > upCutoff) upRec = Math.min(r.replicas, upRec);
    if (r.atMs > downCutoff) downRec = Math.max(r.replicas, downRec);
    if (r.atMs < upCutoff && r.atMs < downCutoff) oldIndex = i;
  });
  let rec = current;
  if (rec < upRec) rec = upRec;
  if (rec > downRec) rec = downRec;
  if (oldIndex >= 0) st.recommendations[oldIndex] = { replicas: desired, atMs: nowMs };
  else st.recommendations.push({ replicas: desired, atMs: nowMs });
  return desired >= current
    ? { replicas: rec, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas: rec, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeWithBehaviors(
  st: HPAState,
  nowMs: number,
  behavior: { scaleUp: ScalingRules; scaleDown: ScalingRules },
  current: number,
  desired: number,
  min: number,
  max: number,
  windowMs = DOWNSCALE_STABILIZATION_MS,
): Normalized {
  const downWindow = behavior.scaleDown.stabilizationWindowSeconds ?? Math.trunc(windowMs / 1000);
  const s = stabilizeWithBehaviors(st, nowMs, current, desired, behavior.scaleUp.stabilizationWindowSeconds ?? 0, downWindow);
  const able = s.replicas !== desired ? { reason: s.reason, message: s.message } : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  let replicas = s.replicas;
  let reason = 'DesiredWithinRange';
  let message = 'the desired count is within the acceptable range';
  if (s.replicas > current) {
    let limit = scaleUpLimitWithRules(current, st.scaleUpEvents, st.scaleDownEvents, behavior.scaleUp, nowMs);
    if (limit < current) limit = current;
    let maximumAllowed = max;
    let r = 'TooManyReplicas';
    let m = 'the desired replica count is more than the maximum replica count';
    if (maximumAllowed > limit) {
      maximumAllowed = limit;
      r = 'ScaleUpLimit';
      m = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (s.replicas > maximumAllowed) [replicas, reason, message] = [maximumAllowed, r, m];
  } else if (s.replicas < current) {
    let limit = scaleDownLimitWithRules(current, st.scaleUpEvents, st.scaleDownEvents, behavior.scaleDown, nowMs);
    if (limit > current) limit = current;
    let minimumAllowed = min;
    let r = 'TooFewReplicas';
    let m = 'the desired replica count is less than the minimum replica count';
    if (minimumAllowed < limit) {
      minimumAllowed = limit;
      r = 'ScaleDownLimit';
      m = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (s.replicas < minimumAllowed) [replicas, reason, message] = [minimumAllowed, r, m];
  }
  return { replicas, able, limited: { status: replicas === s.replicas ? 'False' : 'True', reason, message } };
}

/** storeScaleEvent: record a rescale for the rate policies, reusing an outdated slot. */
export function storeScaleEvent(st: HPAState, behavior: { scaleUp: ScalingRules; scaleDown: ScalingRules } | undefined, prev: number, next: number, nowMs: number): void {
  if (!behavior) return;
  const up = next > prev;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const events = up ? st.scaleUpEvents : st.scaleDownEvents;
  const longest = Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds ?? 0));
  const cutoff = nowMs - longest * 1000;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.atMs < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const ev = { change: up ? next - prev : prev - next, atMs: nowMs, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = ev;
  else events.push(ev);
}
