import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { goValue } from '../errors.ts';
import type { FieldError, KubeObject, ValidationContext } from '../types.ts';
import { deepEqual } from '../../util/equal.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { nonNegative, required } from '../validation/field.ts';
import { validateLabels } from '../validation/meta.ts';
import { validatePodSpec, validateWorkloadTemplate, type PodSpecLike } from '../validation/podspec.ts';
import { defineKind } from './define.ts';
import { intOrPercentValue, intstrGoValue, isNotMoreThan100Percent, validatePositiveIntOrPercent, type IntOrString } from './intorpercent.ts';
import { decodeTemplate, defaultTemplate, validateLabelSelector } from './workload.ts';

/** The apps/v1 annotation that carries the internal spec.templateGeneration. */
export const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

interface DaemonSetSpec {
  selector?: LabelSelector | null;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: PodSpecLike } | null;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } | null };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

const specOf = (o: KubeObject): DaemonSetSpec => (o.spec ?? {}) as DaemonSetSpec;

/** The template generation the annotation records (0 when absent or not a number). */
export function templateGenerationOf(o: KubeObject): number {
  const v = o.metadata.annotations?.[templateGenerationAnnotation];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

function setTemplateGeneration(o: KubeObject, g: number): void {
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [templateGenerationAnnotation]: String(g) };
}

/** %#v of the *apps.DaemonSetUpdateStrategy an unsupported type is reported with. */
function goStrategy(s: DaemonSetSpec['updateStrategy']): string {
  const ru = s?.rollingUpdate ? '(*apps.RollingUpdateDaemonSet)(0xc000010000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
  return `&apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(s?.type ?? '')}, RollingUpdate:${ru}}`;
}

/** ValidateDaemonSetUpdateStrategy + ValidateRollingUpdateDaemonSet. */
function validateUpdateStrategy(s: DaemonSetSpec['updateStrategy']): FieldError[] {
  const p = 'spec.updateStrategy';
  const errs: FieldError[] = [];
  switch (s?.type) {
    case 'OnDelete':
      return errs;
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [required(`${p}.rollingUpdate`)];
      const mu = ru.maxUnavailable ?? 0;
      const ms = ru.maxSurge ?? 0;
      errs.push(...validatePositiveIntOrPercent(mu, `${p}.rollingUpdate.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ms, `${p}.rollingUpdate.maxSurge`));
      errs.push(...isNotMoreThan100Percent(mu, `${p}.rollingUpdate.maxUnavailable`));
      errs.push(...isNotMoreThan100Percent(ms, `${p}.rollingUpdate.maxSurge`));
      const hasUnavailable = intOrPercentValue(mu) !== 0;
      const hasSurge = intOrPercentValue(ms) !== 0;
      if (hasUnavailable && hasSurge) {
        errs.push({ type: 'Invalid', field: `${p}.rollingUpdate.maxSurge`, value: intstrGoValue(ms), rawValue: true, detail: 'may not be set when maxUnavailable is non-zero' });
      } else if (!hasUnavailable && !hasSurge) {
        errs.push(required(`${p}.rollingUpdate.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      }
      return errs;
    }
    default:
      return [{ type: 'NotSupported', field: p, value: goStrategy(s), rawValue: true, supported: ['RollingUpdate', 'OnDelete'] }];
  }
}

/** ValidateDaemonSetSpec (and the update rules that apply to apps/v1 clients). */
export function validateDaemonSetSpec(obj: KubeObject, ctx: ValidationContext): FieldError[] {
  if (ctx.subresource === 'status') return [];
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (sel) errs.push(...validateLabelSelector(sel, 'spec.selector'));
  const t = spec.template ?? {};
  const labels = t.metadata?.labels;
  // LabelSelectorAsSelector(nil) selects nothing, so a missing selector fails the template-labels check.
  if (!matchesLabelSelector(sel ?? null, labels ?? {})) {
    const shown = labels ? goValue(labels) : 'map[string]string(nil)';
    errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', value: shown, rawValue: true, detail: '`selector` does not match template `labels`' });
  }
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push({ type: 'Invalid', field: 'spec.selector', value: 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}', rawValue: true, detail: 'empty selector is invalid for daemonset' });
  }
  errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
  errs.push(...validatePodSpec(t.spec, 'spec.template.spec'));
  errs.push(...validateWorkloadTemplate(t.spec, 'spec.template.spec', 'DaemonSet'));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  errs.push(...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  if (ctx.old) {
    const oldSel = specOf(ctx.old).selector;
    if (!deepEqual(sel ?? null, oldSel ?? null)) {
      errs.push({ type: 'Invalid', field: 'spec.selector', value: goSelector(sel), rawValue: true, detail: 'field is immutable' });
    }
  }
  return errs;
}

function goSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return 'null';
  const ml = sel.matchLabels ? goValue(sel.matchLabels) : 'map[string]string(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

/** SetDefaults_DaemonSet. */
export function defaultDaemonSet(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as DaemonSetSpec;
  const st = (spec.updateStrategy ??= {});
  if (!st.type) st.type = 'RollingUpdate';
  if (st.type === 'RollingUpdate') {
    const ru = (st.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(obj);
}

/** DaemonSet (apps/v1). */
export const daemonSet = defineKind({
  kind: 'DaemonSet',
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  decode: decodeTemplate,
  defaults: defaultDaemonSet,
  prepareForCreate(obj) {
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    // daemonSetStrategy.PrepareForCreate: templateGeneration starts at 1 (kept if the client set a higher one).
    if (templateGenerationOf(obj) < 1) setTemplateGeneration(obj, 1);
  },
  prepareForUpdate(obj, old) {
    // The template generation is server-managed: it moves on exactly when the template changes.
    const gen = templateGenerationOf(old);
    const changed = !deepEqual(specOf(obj).template ?? null, specOf(old).template ?? null);
    setTemplateGeneration(obj, changed ? gen + 1 : gen);
  },
  validate: validateDaemonSetSpec,
});
