import { parseQuantity, type Quantity } from '../../util/quantity.ts';
import type { FieldError, KubeObject } from '../types.ts';
import { forbidden, notSupported, required } from '../validation/field.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { defineKind } from './define.ts';

type ResourceList = Record<string, string>;
export interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}
export interface LimitRangeSpec {
  limits?: LimitRangeItem[];
}

export const limitRangeFields = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
const limitTypes = ['Container', 'PersistentVolumeClaim', 'Pod'];

/** %#v of a resource.Quantity, as field errors print one (Quantity has a pointer-receiver String()). */
export function goQuantity(q: Quantity): string {
  let value = q.nano;
  let scale = -9;
  while (value !== 0n && value % 10n === 0n && scale < 0) {
    value /= 10n;
    scale++;
  }
  if (value === 0n) scale = 0;
  return `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${JSON.stringify(q.canonical)}, Format:${JSON.stringify(q.format)}}`;
}

function qInvalid(field: string, q: Quantity, detail: string): FieldError {
  return { type: 'Invalid', field, value: goQuantity(q), rawValue: true, detail };
}

function validateItem(item: LimitRangeItem, i: number): FieldError[] {
  const errs: FieldError[] = [];
  const p = `spec.limits[${i}]`;
  if (!item.type) errs.push(required(`${p}.type`));
  else if (!limitTypes.includes(item.type)) errs.push(notSupported(`${p}.type`, item.type, limitTypes));
  if (item.type === 'Pod') {
    if (Object.keys(item.default ?? {}).length > 0) errs.push(forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
    if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
  }
  const keys = new Set<string>();
  const parsed: Partial<Record<(typeof limitRangeFields)[number], Record<string, Quantity>>> = {};
  for (const f of limitRangeFields) {
    const m: Record<string, Quantity> = {};
    for (const [k, v] of Object.entries(item[f] ?? {})) {
      m[k] = parseQuantity(v);
      keys.add(k);
    }
    parsed[f] = m;
  }
  for (const k of [...keys].sort()) {
    const min = parsed.min?.[k];
    const max = parsed.max?.[k];
    const def = parsed.default?.[k];
    const defReq = parsed.defaultRequest?.[k];
    const ratio = parsed.maxLimitRequestRatio?.[k];
    const gt = (a: Quantity, b: Quantity) => a.nano > b.nano;
    if (min && max && gt(min, max)) errs.push(qInvalid(`${p}.min[${k}]`, min, `min value ${min.canonical} is greater than max value ${max.canonical}`));
    if (defReq && min && gt(min, defReq)) errs.push(qInvalid(`${p}.defaultRequest[${k}]`, defReq, `min value ${min.canonical} is greater than default request value ${defReq.canonical}`));
    if (defReq && max && gt(defReq, max)) errs.push(qInvalid(`${p}.defaultRequest[${k}]`, defReq, `default request value ${defReq.canonical} is greater than max value ${max.canonical}`));
    if (defReq && def && gt(defReq, def)) errs.push(qInvalid(`${p}.defaultRequest[${k}]`, defReq, `default request value ${defReq.canonical} is greater than default limit value ${def.canonical}`));
    if (def && min && gt(min, def)) errs.push(qInvalid(`${p}.default[${k}]`, min, `min value ${min.canonical} is greater than default value ${def.canonical}`));
    if (def && max && gt(def, max)) errs.push(qInvalid(`${p}.default[${k}]`, max, `default value ${def.canonical} is greater than max value ${max.canonical}`));
    if (ratio && ratio.nano < 1_000_000_000n) errs.push(qInvalid(`${p}.maxLimitRequestRatio[${k}]`, ratio, `ratio ${ratio.canonical} is less than 1`));
    if (ratio && min && max && min.milliValue > 0) {
      const limit = max.milliValue / min.milliValue;
      if (ratio.milliValue / 1000 > limit) errs.push(qInvalid(`${p}.maxLimitRequestRatio[${k}]`, ratio, `ratio ${ratio.canonical} is greater than max/min = ${limit.toFixed(6)}`));
    }
  }
  return errs;
}

/** LimitRange (v1): per-namespace defaults and bounds that the LimitRanger admission plugin applies. */
export const limitRange = defineKind({
  kind: 'LimitRange',
  group: '',
  version: 'v1',
  plural: 'limitranges',
  singular: 'limitrange',
  shortNames: ['limits'],
  namespaced: true,
  decode(obj: KubeObject) {
    for (const item of (obj.spec as LimitRangeSpec | undefined)?.limits ?? []) {
      for (const f of limitRangeFields) canonicalizeList(obj, item?.[f]);
    }
  },
  defaults(obj) {
    // SetDefaults_LimitRangeItem: for containers, a missing default limit takes max, and a missing default
    // request takes the default limit, then min.
    for (const item of (obj.spec as LimitRangeSpec | undefined)?.limits ?? []) {
      if (item.type !== 'Container') continue;
      item.default ??= {};
      for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
      item.defaultRequest ??= {};
      for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      if (Object.keys(item.default).length === 0) delete item.default;
      if (Object.keys(item.defaultRequest).length === 0) delete item.defaultRequest;
    }
  },
  validate(obj) {
    const limits = (obj.spec as LimitRangeSpec | undefined)?.limits ?? [];
    return limits.flatMap((item, i) => validateItem(item, i));
  },
});
