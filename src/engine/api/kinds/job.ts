import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { goValue } from '../errors.ts';
import type { FieldError, KubeObject, ValidationContext } from '../types.ts';
import { invalid, nonNegative, notSupported, required } from '../validation/field.ts';
import { validateAnnotations, validateLabels } from '../validation/meta.ts';
import { isDNS1123Label } from '../validation/names.ts';
import { validatePodSpec, type PodSpecLike } from '../validation/podspec.ts';
import { deepEqual } from '../../util/equal.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { defineKind } from './define.ts';
import { decodeTemplate, defaultTemplate, validateLabelSelector } from './workload.ts';

/** Labels and annotations of batch/v1 (k8s.io/api/batch/v1 types.go). */
export const JobNameLabel = 'batch.kubernetes.io/job-name';
export const ControllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const LegacyJobNameLabel = 'job-name';
export const LegacyControllerUidLabel = 'controller-uid';
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';

export interface JobTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: PodSpecLike;
}

/** The JobSpec fields the lab reads and writes. */
export interface JobSpecLike {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  manualSelector?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: unknown;
  successPolicy?: unknown;
  selector?: LabelSelector | null;
  template?: JobTemplate;
  [k: string]: unknown;
}

const maxInt32 = 2147483647;
const maxParallelismForIndexedJob = 100000;

/** SetDefaults_Job (pkg/apis/batch/v1/defaults.go), with the 1.32 feature gates (JobPodReplacementPolicy on). */
export function defaultJobSpec(spec: JobSpecLike): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? maxInt32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
}

/**
 * generateSelector (pkg/registry/batch/job/strategy.go): the job-name and controller-uid labels (legacy and
 * batch.kubernetes.io/ prefixed) on the template, and a selector on the prefixed controller-uid label.
 * Labels the user set are kept; validation reports a conflict.
 */
export function generateSelector(obj: KubeObject): void {
  const spec = obj.spec as JobSpecLike;
  const t = (spec.template ??= {});
  const md = (t.metadata ??= {});
  const labels = (md.labels ??= {});
  for (const k of [LegacyJobNameLabel, JobNameLabel]) if (!(k in labels)) labels[k] = obj.metadata.name ?? '';
  for (const k of [LegacyControllerUidLabel, ControllerUidLabel]) if (!(k in labels)) labels[k] = obj.metadata.uid ?? '';
  const sel = (spec.selector ??= {}) as { matchLabels?: Record<string, string> };
  const ml = (sel.matchLabels ??= {});
  if (!(ControllerUidLabel in ml)) ml[ControllerUidLabel] = obj.metadata.uid ?? '';
}

/** apivalidation.ValidateHasLabel. */
function validateHasLabel(labels: Record<string, string> | undefined, path: string, key: string, want: string): FieldError[] {
  const v = labels?.[key];
  if (v === undefined) return [required(`${path}.labels`, `must be '${key}=${want}'`)];
  if (v !== want) return [invalid(`${path}.labels`, v, `must be '${key}=${want}'`)];
  return [];
}

/** validateGeneratedSelector. */
function validateGeneratedSelector(obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as JobSpecLike;
  if (spec.manualSelector || !spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  if (!uid) errs.push(required('metadata.uid'));
  const labels = spec.template?.metadata?.labels;
  const p = 'spec.template.metadata';
  errs.push(...validateHasLabel(labels, p, LegacyControllerUidLabel, uid), ...validateHasLabel(labels, p, LegacyJobNameLabel, name));
  errs.push(...validateHasLabel(labels, p, ControllerUidLabel, uid), ...validateHasLabel(labels, p, JobNameLabel, name));
  const expected = { [ControllerUidLabel]: uid, [JobNameLabel]: name, [LegacyControllerUidLabel]: uid, [LegacyJobNameLabel]: name };
  if (!matchesLabelSelector(spec.selector, expected)) {
    errs.push({ type: 'Invalid', field: 'spec.selector', value: goSelector(spec.selector), rawValue: true, detail: '`selector` not auto-generated' });
  }
  return errs;
}

function goSelector(sel: LabelSelector): string {
  return `v1.LabelSelector{MatchLabels:${sel.matchLabels ? goValue(sel.matchLabels) : 'map[string]string(nil)'}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

/** validateJobSpec: the part shared by Jobs and CronJob job templates (at `path`, e.g. `spec`). */
export function validateJobSpecCommon(spec: JobSpecLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(`${path}.parallelism`, spec.parallelism));
  errs.push(...nonNegative(`${path}.completions`, spec.completions));
  errs.push(...nonNegative(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds));
  errs.push(...nonNegative(`${path}.backoffLimit`, spec.backoffLimit));
  errs.push(...nonNegative(`${path}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished));
  errs.push(...nonNegative(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex));
  if (spec.completionMode != null) {
    if (spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
      errs.push(notSupported(`${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
    }
    if (spec.completionMode === 'Indexed') {
      if (spec.completions == null) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
      if (spec.parallelism != null && spec.parallelism > maxParallelismForIndexedJob) {
        errs.push(invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      }
    }
  }
  if ((spec.completionMode ?? 'NonIndexed') === 'NonIndexed') {
    if (spec.backoffLimitPerIndex != null) errs.push(invalid(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes != null) errs.push(invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podReplacementPolicy != null && spec.podReplacementPolicy !== 'Failed' && spec.podReplacementPolicy !== 'TerminatingOrFailed') {
    errs.push(notSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  }
  const t = spec.template;
  const tp = `${path}.template`;
  errs.push(...validateLabels(t?.metadata?.labels, `${tp}.metadata.labels`));
  errs.push(...validateAnnotations(t?.metadata?.annotations, `${tp}.metadata.annotations`));
  errs.push(...validatePodSpec(t?.spec, `${tp}.spec`));
  const rp = t?.spec?.restartPolicy;
  if (rp === 'Always' || !rp) errs.push(required(`${tp}.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${tp}.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && rp !== 'Never') errs.push(invalid(`${tp}.spec.restartPolicy`, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJob / ValidateJobUpdate (pkg/apis/batch/validation). */
function validateJob(obj: KubeObject, ctx: ValidationContext): FieldError[] {
  if (ctx.subresource === 'status') return [];
  const spec = (obj.spec ?? {}) as JobSpecLike;
  const errs: FieldError[] = [];
  if (!ctx.old) errs.push(...validateGeneratedSelector(obj));
  errs.push(...validateJobSpecCommon(spec, 'spec'));
  if (!spec.selector) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const tlabels = spec.template?.metadata?.labels;
  if (spec.selector && !matchesLabelSelector(spec.selector, tlabels ?? {})) {
    errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', value: tlabels ? goValue(tlabels) : 'map[string]string(nil)', rawValue: true, detail: '`selector` does not match template `labels`' });
  }
  if (!ctx.old && spec.completionMode === 'Indexed' && spec.completions != null && spec.completions > 0) {
    const host = `${obj.metadata.name}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length > 0) errs.push(invalid('metadata.name', obj.metadata.name, `will not able to create pod with invalid DNS label: ${host}`));
  }
  if (ctx.old) {
    const old = (ctx.old.spec ?? {}) as JobSpecLike;
    if (!deepEqual(spec.completions, old.completions)) errs.push(invalid('spec.completions', spec.completions ?? null, 'field is immutable'));
    if (!deepEqual(spec.selector, old.selector)) {
      errs.push({ type: 'Invalid', field: 'spec.selector', value: spec.selector ? goSelector(spec.selector) : 'nil', rawValue: true, detail: 'field is immutable' });
    }
    if (!deepEqual(spec.template, old.template)) {
      errs.push({ type: 'Invalid', field: 'spec.template', value: 'core.PodTemplateSpec{...}', rawValue: true, detail: 'field is immutable' });
    }
    if (!deepEqual(spec.completionMode, old.completionMode)) errs.push(invalid('spec.completionMode', spec.completionMode ?? null, 'field is immutable'));
  }
  return errs;
}

/** Job (batch/v1). */
export const job = defineKind({
  kind: 'Job',
  group: 'batch',
  version: 'v1',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  uidBeforeValidate: true,
  decode: decodeTemplate,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as JobSpecLike;
    if (typeof spec !== 'object') return;
    defaultJobSpec(spec);
    const tl = spec.template?.metadata?.labels;
    if (tl && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...tl };
    defaultTemplate(obj);
  },
  prepareForCreate(obj) {
    obj.status = {};
    const spec = obj.spec as JobSpecLike;
    if (!spec || typeof spec !== 'object' || spec.manualSelector) return;
    // The apiserver generates the selector in the strategy's Validate, once the uid is known. A Job stored
    // without labels reads back with its template's labels (SetDefaults_Job runs on every decode).
    generateSelector(obj);
    if (Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...(spec.template?.metadata?.labels ?? {}) };
  },
  validate: validateJob,
});
