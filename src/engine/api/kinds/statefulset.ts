import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { goValue } from '../errors.ts';
import type { FieldError, KubeObject, ValidationContext } from '../types.ts';
import { deepEqual } from '../../util/equal.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { invalid, nonNegative, notSupported, required } from '../validation/field.ts';
import { validateAnnotations, validateLabels } from '../validation/meta.ts';
import { nameIsDNSLabel } from '../validation/names.ts';
import { validateWorkloadTemplate, type PodSpecLike } from '../validation/podspec.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { defineKind } from './define.ts';
import { intOrPercentValue, intstrGoValue, isNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from './intorpercent.ts';
import { decodeTemplate, defaultTemplate, validateLabelSelector } from './workload.ts';

interface ClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  spec?: { volumeMode?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } };
  status?: Record<string, unknown>;
}

export interface StatefulSetSpecLike {
  replicas?: number;
  selector?: LabelSelector | null;
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } | null };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  ordinals?: { start?: number } | null;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string } | null;
  volumeClaimTemplates?: ClaimTemplate[];
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: PodSpecLike } | null;
}

const specOf = (o: KubeObject): StatefulSetSpecLike => (o.spec ?? {}) as StatefulSetSpecLike;

/** SetDefaults_StatefulSet (feature gates as in 1.32: StatefulSetAutoDeletePVC on, MaxUnavailableStatefulSet off). */
export function defaultStatefulSet(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as StatefulSetSpecLike;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const st = (spec.updateStrategy ??= {});
  if (!st.type) {
    st.type = 'RollingUpdate';
    st.rollingUpdate ??= {};
  }
  if (st.type === 'RollingUpdate' && st.rollingUpdate) st.rollingUpdate.partition ??= 0;
  const policy = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!policy.whenDeleted) policy.whenDeleted = 'Retain';
  if (!policy.whenScaled) policy.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(obj);
  // The claim templates are PersistentVolumeClaims: SetDefaults_PersistentVolumeClaim runs on each.
  for (const c of spec.volumeClaimTemplates ?? []) {
    if (!c || typeof c !== 'object') continue;
    c.apiVersion ??= 'v1';
    c.kind ??= 'PersistentVolumeClaim';
    const meta = (c.metadata ??= {});
    if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
    const cs = (c.spec ??= {});
    cs.volumeMode ??= 'Filesystem';
    const status = (c.status ??= {});
    status.phase ??= 'Pending';
  }
}

function validateRetention(p: StatefulSetSpecLike['persistentVolumeClaimRetentionPolicy']): FieldError[] {
  const errs: FieldError[] = [];
  if (!p) return errs;
  for (const k of ['whenDeleted', 'whenScaled'] as const) {
    const v = p[k] ?? '';
    if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, v, ['Retain', 'Delete']));
  }
  return errs;
}

function validateUpdateStrategy(s: StatefulSetSpecLike['updateStrategy']): FieldError[] {
  const p = 'spec.updateStrategy';
  switch (s?.type ?? '') {
    case '':
      return [required(p)];
    case 'OnDelete':
      return s?.rollingUpdate
        ? [{ type: 'Invalid', field: `${p}.rollingUpdate`, value: goRollingUpdate(s.rollingUpdate), rawValue: true, detail: "only allowed for updateStrategy 'RollingUpdate'" }]
        : [];
    case 'RollingUpdate': {
      const ru = s?.rollingUpdate;
      if (!ru) return [];
      const errs = nonNegative(`${p}.rollingUpdate.partition`, ru.partition);
      if (ru.maxUnavailable !== undefined) {
        const mp = `${p}.rollingUpdate.maxUnavailable`;
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mp));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push({ type: 'Invalid', field: mp, value: intstrGoValue(ru.maxUnavailable), rawValue: true, detail: 'cannot be 0' });
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, mp));
      }
      return errs;
    }
    default:
      return [
        {
          type: 'Invalid',
          field: p,
          value: `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(s?.type)}, RollingUpdate:${s?.rollingUpdate ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000010000)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)'}}`,
          rawValue: true,
          detail: "must be 'RollingUpdate' or 'OnDelete'",
        },
      ];
  }
}

function goRollingUpdate(ru: { partition?: number }): string {
  return `&apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}`;
}

/** The spec fields an update may change (ValidateStatefulSetUpdate). */
const updatableFields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'] as const;

export const statefulSetUpdateForbidden =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** ValidateStatefulSetSpec, plus ValidateStatefulSetUpdate's immutability rule on updates. */
export function validateStatefulSet(obj: KubeObject, ctx: ValidationContext): FieldError[] {
  if (ctx.subresource === 'status') return [];
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  errs.push(...validateRetention(spec.persistentVolumeClaimRetentionPolicy));
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  if (spec.ordinals) errs.push(...nonNegative('spec.ordinals.start', spec.ordinals.start));
  const sel = spec.selector;
  if (!sel) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push({ type: 'Invalid', field: 'spec.selector', value: 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', rawValue: true, detail: 'empty selector is invalid for statefulset' });
    }
  }
  const t = spec.template ?? {};
  const labels = t.metadata?.labels;
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length > 0 && !matchesLabelSelector(sel, labels ?? {})) {
    const shown = labels ? goValue(labels) : 'map[string]string(nil)';
    errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', value: shown, rawValue: true, detail: '`selector` does not match template `labels`' });
  }
  errs.push(...validateLabels(labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(t.metadata?.annotations, 'spec.template.annotations'));
  // ValidatePodTemplateSpecForStatefulSet does not validate the pod spec (its volumes would not include the
  // claim templates); a bad spec surfaces when the controller creates pods.
  errs.push(...validateWorkloadTemplate(t.spec, 'spec.template.spec', 'StatefulSet'));
  if (ctx.old && !deepEqual(immutablePart(spec), immutablePart(specOf(ctx.old)))) {
    errs.push({ type: 'Forbidden', field: 'spec', detail: statefulSetUpdateForbidden });
  }
  return errs;
}

function immutablePart(spec: StatefulSetSpecLike): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...spec };
  for (const k of updatableFields) delete rest[k];
  return rest;
}

/** StatefulSet (apps/v1). */
export const statefulSet = defineKind({
  kind: 'StatefulSet',
  group: 'apps',
  version: 'v1',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  validateName: nameIsDNSLabel,
  decode(obj) {
    decodeTemplate(obj);
    for (const c of specOf(obj).volumeClaimTemplates ?? []) {
      canonicalizeList(obj, c?.spec?.resources?.requests);
      canonicalizeList(obj, c?.spec?.resources?.limits);
    }
  },
  defaults: defaultStatefulSet,
  prepareForCreate(obj) {
    obj.status = { replicas: 0, availableReplicas: 0 };
  },
  validate: validateStatefulSet,
});
