import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { FieldError, KubeObject } from '../types.ts';
import { notSupported } from '../validation/field.ts';
import { defineKind } from './define.ts';
import { validateLabelSelector } from './workload.ts';

export type IntOrString = number | string;
export interface PDBSpec {
  minAvailable?: IntOrString;
  maxUnavailable?: IntOrString;
  selector?: LabelSelector | null;
  unhealthyPodEvictionPolicy?: string;
}
export interface PDBCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}
export interface PDBStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  conditions?: PDBCondition[];
}

/** %#v of an intstr.IntOrString. */
export function goIntOrString(v: IntOrString): string {
  return typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

const percentMsg = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** apps validation ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function validateIntOrPercent(v: IntOrString, path: string): FieldError[] {
  const bad = (detail: string): FieldError => ({ type: 'Invalid', field: path, value: goIntOrString(v), rawValue: true, detail });
  if (typeof v === 'number') return v < 0 ? [bad('must be greater than or equal to 0')] : [];
  const m = /^(\d+)%$/.exec(v);
  if (!m) return [bad(percentMsg)];
  return Number(m[1]) > 100 ? [bad('must not be greater than 100%')] : [];
}

/** %#v of the spec, as the "both set" error prints it (pointers shown as the values they point to). */
function goSpec(s: PDBSpec): string {
  const ptr = (v: IntOrString | undefined) => (v === undefined ? '(*intstr.IntOrString)(nil)' : `&${goIntOrString(v)}`);
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(s.minAvailable)}, Selector:(*v1.LabelSelector)(nil), MaxUnavailable:${ptr(s.maxUnavailable)}, UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}`;
}

export function validatePDBSpec(spec: PDBSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push({ type: 'Invalid', field: 'spec', value: goSpec(spec), rawValue: true, detail: 'minAvailable and maxUnavailable cannot be both set' });
  }
  if (spec.minAvailable !== undefined) errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  if (spec.maxUnavailable !== undefined) errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}

/** PodDisruptionBudget (policy/v1). The disruption controller maintains its status. */
export const podDisruptionBudget = defineKind({
  kind: 'PodDisruptionBudget',
  group: 'policy',
  version: 'v1',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  namespaced: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj: KubeObject) {
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    return validatePDBSpec((obj.spec ?? {}) as PDBSpec);
  },
});
