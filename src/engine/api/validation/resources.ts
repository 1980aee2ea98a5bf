import { parseQuantity, QuantityError } from '../../util/quantity.ts';
import { badRequest } from '../errors.ts';
import type { FieldError, KubeObject } from '../types.ts';
import { invalid, sortedEntries } from './field.ts';

type ResourceList = Record<string, unknown>;
type PodSpecLike = { containers?: Array<{ resources?: { requests?: ResourceList; limits?: ResourceList } }>; initContainers?: PodSpecLike['containers']; overhead?: ResourceList; volumes?: Array<{ emptyDir?: { sizeLimit?: unknown } }> };

/** The apiserver's decode failure, as transformDecodeError words it. */
export function decodeError(obj: KubeObject, reason: string): never {
  throw badRequest(`${obj.kind} in version "${String(obj.apiVersion).split('/').pop()}" cannot be handled as a ${obj.kind}: ${reason}`);
}

/** Canonicalise every quantity of a ResourceList in place; a bad one is a decode error. */
export function canonicalizeList(obj: KubeObject, list: ResourceList | undefined | null): void {
  if (!list || typeof list !== 'object') return;
  for (const [k, v] of Object.entries(list)) {
    if (v === undefined) continue;
    list[k] = canonical(obj, v);
  }
}

function canonical(obj: KubeObject, v: unknown): string {
  try {
    if (typeof v !== 'string' && typeof v !== 'number') throw new QuantityError('quantities must be strings or numbers');
    return parseQuantity(v).canonical;
  } catch (e) {
    if (e instanceof QuantityError) decodeError(obj, e.message);
    throw e;
  }
}

/** Canonicalise the quantities of a pod spec (container resources, overhead, emptyDir size limits). */
export function canonicalizePodSpec(obj: KubeObject, spec: PodSpecLike | undefined): void {
  if (!spec || typeof spec !== 'object') return;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    canonicalizeList(obj, c?.resources?.requests);
    canonicalizeList(obj, c?.resources?.limits);
  }
  canonicalizeList(obj, spec.overhead);
  for (const v of spec.volumes ?? []) {
    if (v?.emptyDir && v.emptyDir.sizeLimit !== undefined) v.emptyDir.sizeLimit = canonical(obj, v.emptyDir.sizeLimit);
  }
}

const standardContainerResources = ['cpu', 'memory', 'ephemeral-storage'];

function validateResourceName(name: string, path: string): FieldError[] {
  if (standardContainerResources.includes(name) || name.startsWith('hugepages-') || name.includes('/')) return [];
  return [invalid(path, name, 'must be a standard resource for containers')];
}

/** ValidateResourceRequirements: non-negative values, known names, requests ≤ limits. */
export function validateResourceRequirements(
  res: { requests?: ResourceList; limits?: ResourceList } | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!res) return errs;
  const limits = (res.limits ?? {}) as Record<string, string>;
  const requests = (res.requests ?? {}) as Record<string, string>;
  for (const [name, q] of sortedEntries(limits)) {
    const p = `${path}.limits[${name}]`;
    errs.push(...validateResourceName(name, p));
    if (parseQuantity(q).nano < 0n) errs.push(invalid(p, q, 'must be greater than or equal to 0'));
  }
  for (const [name, q] of sortedEntries(requests)) {
    const p = `${path}.requests[${name}]`;
    errs.push(...validateResourceName(name, p));
    const rq = parseQuantity(q);
    if (rq.nano < 0n) errs.push(invalid(p, q, 'must be greater than or equal to 0'));
    const lim = limits[name];
    if (lim !== undefined) {
      const lq = parseQuantity(lim);
      const overcommit = standardContainerResources.includes(name);
      if (!overcommit && rq.nano !== lq.nano) errs.push(invalid(p, rq.canonical, `must be equal to ${name} limit of ${lq.canonical}`));
      else if (rq.nano > lq.nano) errs.push(invalid(p, rq.canonical, `must be less than or equal to ${name} limit of ${lq.canonical}`));
    }
  }
  return errs;
}
