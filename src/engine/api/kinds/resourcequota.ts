import { parseQuantity } from '../../util/quantity.ts';
import type { FieldError, KubeObject } from '../types.ts';
import { invalid, notSupported, sortedEntries } from '../validation/field.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { defineKind } from './define.ts';

type ResourceList = Record<string, string>;
export interface ScopedRequirement {
  scopeName?: string;
  operator?: string;
  values?: string[];
}
export interface ResourceQuotaSpec {
  hard?: ResourceList;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopedRequirement[] };
}
export interface ResourceQuotaStatus {
  hard?: ResourceList;
  used?: ResourceList;
}

export const quotaScopes = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

function validateScopes(spec: ResourceQuotaSpec): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.scopes ?? []).forEach((s, i) => {
    if (!quotaScopes.includes(s)) errs.push(notSupported(`spec.scopes[${i}]`, s, quotaScopes));
    seen.add(s);
  });
  (spec.scopeSelector?.matchExpressions ?? []).forEach((r, i) => {
    const p = `spec.scopeSelector.matchExpressions[${i}]`;
    if (!quotaScopes.includes(r.scopeName ?? '')) errs.push(notSupported(`${p}.scopeName`, r.scopeName ?? '', quotaScopes));
    const ops = ['DoesNotExist', 'Exists', 'In', 'NotIn'];
    if (!ops.includes(r.operator ?? '')) errs.push(notSupported(`${p}.operator`, r.operator ?? '', ops));
    seen.add(r.scopeName ?? '');
  });
  const conflict = (a: string, b: string) => seen.has(a) && seen.has(b);
  if (conflict('Terminating', 'NotTerminating') || conflict('BestEffort', 'NotBestEffort')) {
    errs.push(invalid('spec.scopes', [...(spec.scopes ?? [])], 'conflicting scopes'));
  }
  return errs;
}

function validateHard(list: ResourceList | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, q] of sortedEntries(list)) {
    if (parseQuantity(q).nano < 0n) errs.push(invalid(`${path}[${name}]`, q, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** ResourceQuota (v1). The quota controller fills `status.hard` and `status.used`. */
export const resourceQuota = defineKind({
  kind: 'ResourceQuota',
  group: '',
  version: 'v1',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  shortNames: ['quota'],
  namespaced: true,
  hasStatus: true,
  decode(obj) {
    const spec = obj.spec as ResourceQuotaSpec | undefined;
    const status = obj.status as ResourceQuotaStatus | undefined;
    canonicalizeList(obj, spec?.hard);
    canonicalizeList(obj, status?.hard);
    canonicalizeList(obj, status?.used);
  },
  prepareForCreate(obj: KubeObject) {
    delete obj.status;
  },
  validate(obj, ctx) {
    const spec = (obj.spec ?? {}) as ResourceQuotaSpec;
    if (ctx.subresource === 'status') {
      const st = (obj.status ?? {}) as ResourceQuotaStatus;
      return [...validateHard(st.hard, 'status.hard'), ...validateHard(st.used, 'status.used')];
    }
    return [...validateHard(spec.hard, 'spec.hard'), ...validateScopes(spec)];
  },
});
