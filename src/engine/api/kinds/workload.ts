import { defaultPodTemplate } from '../defaults/podspec.ts';
import type { FieldError, KubeObject, ValidationContext } from '../types.ts';
import { goValue } from '../errors.ts';
import { immutable, invalid, nonNegative, required } from '../validation/field.ts';
import { validateLabels } from '../validation/meta.ts';
import { validatePodSpec, validateWorkloadTemplate, type PodSpecLike } from '../validation/podspec.ts';
import { canonicalizePodSpec } from '../validation/resources.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** Shared by Deployment, ReplicaSet and ReplicationController: template defaults, decode, validation. */
interface Template {
  metadata?: { labels?: Record<string, string> };
  spec?: PodSpecLike;
}
export interface WorkloadSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector | Record<string, string> | null;
  template?: Template | null;
  [k: string]: unknown;
}

export function decodeTemplate(obj: KubeObject): void {
  const t = (obj.spec as WorkloadSpec | undefined)?.template;
  if (t && typeof t === 'object') canonicalizePodSpec(obj, t.spec as never);
}

export function defaultTemplate(obj: KubeObject): void {
  const t = (obj.spec as WorkloadSpec | undefined)?.template;
  if (t && typeof t === 'object') defaultPodTemplate(t as Record<string, unknown>);
}

/** metav1validation.ValidateLabelSelector (matchLabels + matchExpressions). */
export function validateLabelSelector(sel: LabelSelector, path: string): FieldError[] {
  const errs: FieldError[] = [...validateLabels(sel.matchLabels as Record<string, string> | undefined, `${path}.matchLabels`)];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const vals = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && vals.length === 0) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && vals.length > 0) errs.push({ type: 'Forbidden', field: `${p}.values`, detail: 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'' });
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) errs.push(invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
  });
  return errs;
}

function selectorEmpty(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/**
 * apps ValidateDeploymentSpec / ValidateReplicaSetSpec: replicas ≥ 0, selector required, non-empty and
 * matching the template labels, template valid with restartPolicy Always.
 */
export function validateAppsSpec(obj: KubeObject, ctx: ValidationContext): FieldError[] {
  if (ctx.subresource === 'status') return [];
  const spec = (obj.spec ?? {}) as WorkloadSpec;
  const errs: FieldError[] = [];
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  const sel = spec.selector as LabelSelector | undefined | null;
  if (!sel) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (selectorEmpty(sel)) {
      errs.push({ type: 'Invalid', field: 'spec.selector', value: goLabelSelector(sel), rawValue: true, detail: 'empty selector is invalid for deployment' });
    }
  }
  const t = spec.template;
  const labels = t?.metadata?.labels ?? {};
  if (t && sel && !selectorEmpty(sel) && !matchesLabelSelector(sel, labels)) {
    const shown = t.metadata?.labels ? goValue(labels) : 'map[string]string(nil)';
    errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', value: shown, rawValue: true, detail: '`selector` does not match template `labels`' });
  }
  if (t) {
    errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
    errs.push(...validatePodSpec(t.spec, 'spec.template.spec'));
    errs.push(...validateWorkloadTemplate(t.spec, 'spec.template.spec', 'ReplicaSet'));
  } else {
    errs.push(required('spec.template'));
  }
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  if (ctx.old) {
    const oldSel = (ctx.old.spec as WorkloadSpec | undefined)?.selector;
    errs.push(...immutable('spec.selector', sel, oldSel).map((e) => ({ ...e, value: goLabelSelector(sel), rawValue: true })));
  }
  return errs;
}

/** %#v of a *metav1.LabelSelector, as the immutable-selector error prints it. */
function goLabelSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return 'null';
  const ml = sel.matchLabels ? goValue(sel.matchLabels) : 'map[string]string(nil)';
  const me = sel.matchExpressions && sel.matchExpressions.length > 0
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? goValue([...e.values]) : '[]string(nil)'}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

export const replicasStatus = (o: KubeObject): string => String((o.status as { replicas?: number } | undefined)?.replicas ?? 0);
