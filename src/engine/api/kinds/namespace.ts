import { immutable } from '../validation/field.ts';
import { nameIsDNSLabel, isQualifiedName } from '../validation/names.ts';
import type { FieldError } from '../types.ts';
import { defineKind } from './define.ts';

type NsSpec = { finalizers?: string[] };

/** Namespace (v1). Deletion and the `finalize` subresource live in the API server. */
export const namespace = defineKind({
  kind: 'Namespace',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  hasStatus: true,
  validateName: nameIsDNSLabel,
  defaults(obj) {
    // SetDefaults_Namespace: the immutable name label.
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
  },
  prepareForCreate(obj) {
    const spec = (obj.spec ??= {}) as NsSpec;
    if (!(spec.finalizers ?? []).includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    // Spec finalizers change only through the finalize subresource.
    obj.spec = old.spec;
  },
  validate(obj, ctx) {
    const errs: FieldError[] = [];
    for (const f of ((obj.spec as NsSpec | undefined)?.finalizers ?? [])) {
      if (f === 'kubernetes') continue;
      const msgs = isQualifiedName(f);
      if (msgs.length > 0) errs.push({ type: 'Invalid', field: 'spec.finalizers', value: f, detail: msgs.join('; ') });
      else if (!f.includes('/')) errs.push({ type: 'Invalid', field: 'spec.finalizers', value: f, detail: 'name is neither a standard finalizer name nor is it fully qualified' });
    }
    if (ctx.old && ctx.subresource === '') {
      const label = obj.metadata.labels?.['kubernetes.io/metadata.name'];
      errs.push(...immutable('metadata.labels[kubernetes.io/metadata.name]', label, ctx.old.metadata.name));
    }
    return errs;
  },
  fieldLabels: {
    'metadata.name': (o) => o.metadata.name ?? '',
    'status.phase': (o) => String((o.status as { phase?: string } | undefined)?.phase ?? ''),
  },
});
