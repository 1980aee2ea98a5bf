import type { FieldError, KubeObject } from '../types.ts';
import { invalid, notSupported, required } from '../validation/field.ts';
import { nameIsPathSegment } from '../validation/names.ts';
import { parseQuantity } from '../../util/quantity.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { defineKind } from './define.ts';
import { hpaV1ToV2 } from './horizontalpodautoscaler-v1.ts';

/** autoscaling/v2 HorizontalPodAutoscaler, as the engine stores it (the storage version). */
export interface MetricTarget {
  type?: string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}
export interface MetricValueStatus {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}
export interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: { name?: string; container?: string; target?: MetricTarget };
  pods?: { metric?: { name?: string }; target?: MetricTarget };
  object?: { describedObject?: CrossVersionObjectReference; metric?: { name?: string }; target?: MetricTarget };
  external?: { metric?: { name?: string }; target?: MetricTarget };
}
export interface MetricStatus {
  type: string;
  resource?: { name: string; current: MetricValueStatus };
  containerResource?: { name: string; container: string; current: MetricValueStatus };
}
export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
}
export interface ScalingPolicy {
  type?: string;
  value?: number;
  periodSeconds?: number;
}
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: ScalingPolicy[];
}
export interface HPASpec {
  scaleTargetRef?: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: MetricSpec[];
  behavior?: { scaleUp?: ScalingRules; scaleDown?: ScalingRules };
}
export interface HPACondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
export interface HPAStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  conditions?: HPACondition[];
}

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

/** GenerateHPAScaleUpRules' defaults: no window, max(4 pods, 100%) per 15 s. */
export function defaultScaleUpRules(): ScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** GenerateHPAScaleDownRules' defaults: 100% per 15 s; the window stays unset (the controller's 5 minutes). */
export function defaultScaleDownRules(): ScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: set fields of `from` over the defaults. */
function fillRules(from: ScalingRules | undefined, to: ScalingRules): ScalingRules {
  if (!from) return to;
  const out: ScalingRules = {};
  const win = from.stabilizationWindowSeconds ?? to.stabilizationWindowSeconds;
  if (win !== undefined) out.stabilizationWindowSeconds = win;
  out.selectPolicy = from.selectPolicy ?? to.selectPolicy;
  out.policies = from.policies ?? to.policies;
  return out;
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
export function defaultHPA(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as HPASpec;
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior = {
      scaleUp: fillRules(spec.behavior.scaleUp, defaultScaleUpRules()),
      scaleDown: fillRules(spec.behavior.scaleDown, defaultScaleDownRules()),
    };
  }
}

/** Quantities in targets are stored in canonical form; a bad one is a decode error. */
function decodeHPA(obj: KubeObject): void {
  const spec = obj.spec as HPASpec | undefined;
  for (const m of spec?.metrics ?? []) {
    for (const src of [m?.resource, m?.containerResource, m?.pods, m?.object, m?.external]) {
      const t = src?.target as Record<string, unknown> | undefined;
      if (!t) continue;
      const list: Record<string, unknown> = {};
      for (const k of ['value', 'averageValue']) if (t[k] != null) list[k] = t[k];
      canonicalizeList(obj, list);
      Object.assign(t, list);
    }
  }
}

/** ValidateCrossVersionObjectReference. */
function validateRef(ref: CrossVersionObjectReference | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref?.kind) errs.push(required(`${path}.kind`));
  else for (const msg of nameIsPathSegment(ref.kind, false)) errs.push(invalid(`${path}.kind`, ref.kind, msg));
  if (!ref?.name) errs.push(required(`${path}.name`));
  else for (const msg of nameIsPathSegment(ref.name, false)) errs.push(invalid(`${path}.name`, ref.name, msg));
  return errs;
}

/** validateMetricTarget. */
function validateTarget(t: MetricTarget | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!t?.type) errs.push(required(`${path}.type`, 'must specify a metric target type'));
  else if (!['Utilization', 'Value', 'AverageValue'].includes(t.type)) {
    errs.push(invalid(`${path}.type`, t.type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (t?.value != null && parseQuantity(t.value).nano <= 0n) errs.push(invalid(`${path}.value`, t.value, 'must be positive'));
  if (t?.averageValue != null && parseQuantity(t.averageValue).nano <= 0n) errs.push(invalid(`${path}.averageValue`, t.averageValue, 'must be positive'));
  if (t?.averageUtilization != null && t.averageUtilization < 1) errs.push(invalid(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  return errs;
}

/** validateResourceSource / validateContainerResourceSource. */
function validateResourceSource(src: { name?: string; container?: string; target?: MetricTarget }, path: string, container: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.name) errs.push(required(`${path}.name`, 'must specify a resource name'));
  if (container && !src.container) errs.push(required(`${path}.container`, 'must specify a container'));
  errs.push(...validateTarget(src.target, `${path}.target`));
  const t = src.target ?? {};
  if (t.averageUtilization == null && t.averageValue == null) errs.push(required(`${path}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
  if (t.averageUtilization != null && t.averageValue != null) errs.push(forbiddenBoth(`${path}.target.averageValue`));
  return errs;
}

function forbiddenBoth(field: string): FieldError {
  return { type: 'Forbidden', field, detail: 'may not set both a target raw value and a target utilization' };
}

const metricTypes = ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'];

/** validateMetricSpec: the source named by `type` must be set, and only it. */
function validateMetric(m: MetricSpec, path: string): FieldError[] {
  if (!m.type) return [required(`${path}.type`, 'must specify a metric source type')];
  if (!metricTypes.includes(m.type)) return [notSupported(`${path}.type`, m.type, metricTypes)];
  const key = (m.type[0].toLowerCase() + m.type.slice(1)) as keyof MetricSpec;
  const set = (['object', 'pods', 'resource', 'containerResource', 'external'] as const).filter((k) => m[k] != null);
  const errs: FieldError[] = [];
  if (m[key] == null) errs.push(required(`${path}.${key}`, `must populate information for the given metric source`));
  if (set.length > 1 || (set.length === 1 && set[0] !== key)) {
    errs.push(invalid(`${path}.type`, m.type, 'must populate the given metric source only'));
  }
  if (errs.length > 0) return errs;
  if (m.type === 'Resource') errs.push(...validateResourceSource(m.resource!, `${path}.resource`, false));
  if (m.type === 'ContainerResource') errs.push(...validateResourceSource(m.containerResource!, `${path}.containerResource`, true));
  if (m.type === 'Pods') {
    if (!m.pods!.metric?.name) errs.push(required(`${path}.pods.metric.name`, 'must specify a metric name'));
    errs.push(...validateTarget(m.pods!.target, `${path}.pods.target`));
  }
  if (m.type === 'Object' || m.type === 'External') {
    const src = m.type === 'Object' ? m.object! : m.external!;
    const p = `${path}.${key}`;
    if (m.type === 'Object') errs.push(...validateRef(m.object!.describedObject, `${p}.describedObject`));
    if (!src.metric?.name) errs.push(required(`${p}.metric.name`, 'must specify a metric name'));
    errs.push(...validateTarget(src.target, `${p}.target`));
  }
  return errs;
}

/** validateScalingRules (the apiserver's bounds: window ≤ 1 h, periods ≤ 30 min). */
function validateRules(r: ScalingRules | undefined, path: string): FieldError[] {
  if (!r) return [];
  const errs: FieldError[] = [];
  const w = r.stabilizationWindowSeconds;
  if (w != null && w < 0) errs.push(invalid(`${path}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero'));
  if (w != null && w > 3600) errs.push(invalid(`${path}.stabilizationWindowSeconds`, w, 'must be less than or equal to 3600'));
  if (r.selectPolicy != null && !['Max', 'Min', 'Disabled'].includes(r.selectPolicy)) {
    errs.push(notSupported(`${path}.selectPolicy`, r.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies = r.policies ?? [];
  if (policies.length === 0 && r.selectPolicy !== 'Disabled') errs.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    if (p.type !== 'Pods' && p.type !== 'Percent') errs.push(notSupported(`${pp}.type`, p.type ?? '', ['Percent', 'Pods']));
    if ((p.value ?? 0) <= 0) errs.push(invalid(`${pp}.value`, p.value ?? 0, 'must be greater than zero'));
    if ((p.periodSeconds ?? 0) <= 0) errs.push(invalid(`${pp}.periodSeconds`, p.periodSeconds ?? 0, 'must be greater than zero'));
    else if (p.periodSeconds! > 1800) errs.push(invalid(`${pp}.periodSeconds`, p.periodSeconds, 'must be less than or equal to 1800'));
  });
  return errs;
}

/** validateHorizontalPodAutoscalerSpec (HPAScaleToZero off: minReplicas ≥ 1). */
export function validateHPASpec(spec: HPASpec): FieldError[] {
  const errs: FieldError[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (min != null && min < 1) errs.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min != null && max < min) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const refErrs = validateRef(spec.scaleTargetRef, 'spec.scaleTargetRef');
  if (refErrs.length > 0) return [...errs, ...refErrs];
  const metricErrs = (spec.metrics ?? []).flatMap((m, i) => validateMetric(m, `spec.metrics[${i}]`));
  if (metricErrs.length > 0) return [...errs, ...metricErrs];
  errs.push(...validateRules(spec.behavior?.scaleUp, 'spec.behavior.scaleUp'));
  errs.push(...validateRules(spec.behavior?.scaleDown, 'spec.behavior.scaleDown'));
  return errs;
}

/** HorizontalPodAutoscaler (autoscaling/v2, the preferred and storage version). */
export const horizontalPodAutoscaler = defineKind({
  kind: 'HorizontalPodAutoscaler',
  group: 'autoscaling',
  version: 'v2',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  shortNames: ['hpa'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: true,
  // autoscaling/v1 is served too: its objects are converted to v2 (targetCPUUtilizationPercentage → metrics).
  alternateVersions: [{ version: 'v1', toStored: hpaV1ToV2 }],
  decode: decodeHPA,
  defaults: defaultHPA,
  prepareForCreate(obj: KubeObject) {
    obj.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    return validateHPASpec((obj.spec ?? {}) as HPASpec);
  },
});
