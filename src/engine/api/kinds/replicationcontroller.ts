import type { FieldError, KubeObject } from '../types.ts';
import { goValue } from '../errors.ts';
import { nonNegative, required } from '../validation/field.ts';
import { validateLabels } from '../validation/meta.ts';
import { validatePodSpec, validateWorkloadTemplate } from '../validation/podspec.ts';
import { matchesMapSelector } from '../../util/labels.ts';
import { defineKind } from './define.ts';
import { decodeTemplate, defaultTemplate, replicasStatus, type WorkloadSpec } from './workload.ts';

type RcSpec = WorkloadSpec & { selector?: Record<string, string> };

/** ReplicationController (v1). */
export const replicationController = defineKind({
  kind: 'ReplicationController',
  group: '',
  version: 'v1',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  specOf: (o: KubeObject) => o.spec,
  decode: decodeTemplate,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as RcSpec;
    const tlabels = spec.template?.metadata?.labels;
    // SetDefaults_ReplicationController: selector and labels default to the template's labels.
    if (tlabels && Object.keys(tlabels).length > 0) {
      if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...tlabels };
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...tlabels };
    }
    spec.replicas ??= 1;
    defaultTemplate(obj);
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    const spec = (obj.spec ?? {}) as RcSpec;
    const errs: FieldError[] = [];
    errs.push(...nonNegative('spec.replicas', spec.replicas));
    errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
    const sel = spec.selector ?? {};
    if (Object.keys(sel).length === 0) errs.push(required('spec.selector'));
    else errs.push(...validateLabels(sel, 'spec.selector'));
    const t = spec.template;
    if (!t) {
      errs.push(required('spec.template'));
    } else {
      const labels = t.metadata?.labels ?? {};
      if (Object.keys(sel).length > 0 && !matchesMapSelector(sel, labels)) {
        const shown = t.metadata?.labels ? goValue(labels) : 'map[string]string(nil)';
        errs.push({ type: 'Invalid', field: 'spec.template.metadata.labels', value: shown, rawValue: true, detail: '`selector` does not match template `labels`' });
      }
      errs.push(...validateLabels(labels, 'spec.template.metadata.labels'));
      errs.push(...validatePodSpec(t.spec, 'spec.template.spec'));
      errs.push(...validateWorkloadTemplate(t.spec, 'spec.template.spec', 'ReplicationController'));
    }
    return errs;
  },
  fieldLabels: {
    'metadata.name': (o) => o.metadata.name ?? '',
    'metadata.namespace': (o) => o.metadata.namespace ?? '',
    'status.replicas': replicasStatus,
  },
});
