import type { FieldError, KubeObject } from '../types.ts';
import { forbidden, invalid, notSupported } from '../validation/field.ts';
import { defineKind } from './define.ts';

/** scheduling.HighestUserDefinablePriority. */
export const highestUserDefinablePriority = 1_000_000_000;
export const systemPriorityClassPrefix = 'system-';

/** The built-in classes the apiserver creates at start-up (scheduling.SystemPriorityClasses). */
export const systemPriorityClasses = [
  {
    name: 'system-node-critical',
    value: 2_000_001_000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical',
    value: 2_000_000_000,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

export interface PriorityClassLike {
  value?: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: string;
}

/** scheduling.IsKnownSystemPriorityClass: '' when the name, value and globalDefault are a built-in's. */
function knownSystemClassError(name: string, value: number, globalDefault: boolean): string {
  const spc = systemPriorityClasses.find((c) => c.name === name);
  if (!spc) return `${name} is not a known system priority class`;
  if (spc.value !== value) return `value of ${spc.name} PriorityClass must be ${spc.value}`;
  if (globalDefault) return `globalDefault of ${spc.name} PriorityClass must be false`;
  return '';
}

function validatePriorityClass(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const pc = obj as unknown as PriorityClassLike;
  const errs: FieldError[] = [];
  const name = obj.metadata.name ?? '';
  const value = pc.value ?? 0;
  if (old) {
    const o = old as unknown as PriorityClassLike;
    if ((o.value ?? 0) !== value) errs.push(forbidden('value', 'may not be changed in an update.'));
    if ((o.preemptionPolicy ?? '') !== (pc.preemptionPolicy ?? '')) errs.push(invalid('preemptionPolicy', pc.preemptionPolicy ?? '', 'field is immutable'));
    return errs;
  }
  if (name.startsWith(systemPriorityClassPrefix)) {
    const why = knownSystemClassError(name, value, !!pc.globalDefault);
    if (why) errs.push(forbidden('metadata.name', `priority class names with '${systemPriorityClassPrefix}' prefix are reserved for system use only. error: ${why}`));
  } else if (value > highestUserDefinablePriority) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  const policy = pc.preemptionPolicy;
  if (policy !== undefined && policy !== 'Never' && policy !== 'PreemptLowerPriority') {
    errs.push(notSupported('preemptionPolicy', policy, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

/** PriorityClass (scheduling.k8s.io/v1): cluster-scoped; `value`, `globalDefault`, `preemptionPolicy` at top level. */
export const priorityClass = defineKind({
  kind: 'PriorityClass',
  group: 'scheduling.k8s.io',
  version: 'v1',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  shortNames: ['pc'],
  namespaced: false,
  defaults(obj) {
    const pc = obj as unknown as PriorityClassLike;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
    pc.value ??= 0;
  },
  validate(obj, ctx) {
    return validatePriorityClass(obj, ctx.old);
  },
});
