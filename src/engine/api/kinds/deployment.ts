import type { FieldError, KubeObject } from '../types.ts';
import { invalid, notSupported } from '../validation/field.ts';
import { defineKind } from './define.ts';
import { decodeTemplate, defaultTemplate, validateAppsSpec, type WorkloadSpec } from './workload.ts';

type IntOrString = number | string;
interface Strategy {
  type?: string;
  rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
}

function intstrText(v: IntOrString): string {
  return typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

function intstrValue(v: IntOrString | undefined): { n: number; percent: boolean; ok: boolean } {
  if (v === undefined) return { n: 0, percent: false, ok: true };
  if (typeof v === 'number') return { n: v, percent: false, ok: true };
  const m = /^(\d+)%$/.exec(v);
  return m ? { n: Number(m[1]), percent: true, ok: true } : { n: 0, percent: true, ok: false };
}

function validateStrategy(s: Strategy | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!s) return errs;
  if (s.type !== 'Recreate' && s.type !== 'RollingUpdate') {
    errs.push(notSupported('spec.strategy.type', s.type ?? '', ['Recreate', 'RollingUpdate']));
    return errs;
  }
  if (s.type === 'Recreate') {
    if (s.rollingUpdate) errs.push({ type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: 'may not be specified when strategy `type` is \'Recreate\'' });
    return errs;
  }
  const ru = s.rollingUpdate;
  if (!ru) return errs;
  for (const k of ['maxUnavailable', 'maxSurge'] as const) {
    const raw = ru[k];
    if (raw === undefined) continue;
    const v = intstrValue(raw);
    const p = `spec.strategy.rollingUpdate.${k}`;
    if (!v.ok) errs.push({ type: 'Invalid', field: p, value: intstrText(raw), rawValue: true, detail: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')" });
    else if (v.n < 0) errs.push({ type: 'Invalid', field: p, value: intstrText(raw), rawValue: true, detail: 'must be greater than or equal to 0' });
    else if (k === 'maxUnavailable' && v.percent && v.n > 100) errs.push({ type: 'Invalid', field: p, value: intstrText(raw), rawValue: true, detail: 'must not be greater than 100%' });
  }
  const mu = intstrValue(ru.maxUnavailable);
  const ms = intstrValue(ru.maxSurge);
  if (mu.ok && ms.ok && mu.n === 0 && ms.n === 0 && ru.maxUnavailable !== undefined) {
    errs.push({ type: 'Invalid', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: intstrText(ru.maxUnavailable), rawValue: true, detail: 'may not be 0 when `maxSurge` is 0' });
  }
  return errs;
}

/** Deployment (apps/v1). */
export const deployment = defineKind({
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  // Spec and annotation changes bump the generation (annotations are copied to ReplicaSets).
  specOf: (o: KubeObject) => [o.spec, o.metadata.annotations ?? {}],
  decode: decodeTemplate,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as WorkloadSpec & { strategy?: Strategy; revisionHistoryLimit?: number; progressDeadlineSeconds?: number };
    spec.replicas ??= 1;
    const st = (spec.strategy ??= {});
    if (!st.type) st.type = 'RollingUpdate';
    if (st.type === 'RollingUpdate') {
      const ru = (st.rollingUpdate ??= {});
      ru.maxUnavailable ??= '25%';
      ru.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(obj);
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    const spec = (obj.spec ?? {}) as WorkloadSpec & { strategy?: Strategy; revisionHistoryLimit?: number; progressDeadlineSeconds?: number };
    const errs = validateAppsSpec(obj, ctx);
    errs.push(...validateStrategy(spec.strategy));
    if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit < 0) {
      errs.push(invalid('spec.revisionHistoryLimit', spec.revisionHistoryLimit, 'must be greater than or equal to 0'));
    }
    const pds = spec.progressDeadlineSeconds;
    if (pds !== undefined) {
      if (pds < 0) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than or equal to 0'));
      else if (pds <= (spec.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
    }
    return errs;
  },
});
