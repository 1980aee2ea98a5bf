import { parseQuantity, type Quantity } from '../../util/quantity.ts';
import { forbidden } from '../errors.ts';
import type { LimitRangeItem, LimitRangeSpec } from '../kinds/limitrange.ts';
import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../server.ts';
import { podQOSClass } from '../kinds/pod.ts';
import type { KubeObject } from '../types.ts';
import type { PodSpecLike } from '../validation/podspec.ts';
import { add, fromList, type Usage } from './quota/resources.ts';

type List = Record<string, string>;
interface Container {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: List; limits?: List };
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}

export const limitRangerAnnotation = 'kubernetes.io/limit-ranger';

/** SupportsAttributes: pod creates (pod updates cannot change resources) and PVC writes, no subresources. */
function applies(a: AdmissionAttributes): boolean {
  if (a.subresource !== '') return false;
  if (a.resource.plural === 'pods') return a.operation === 'CREATE';
  return a.resource.plural === 'persistentvolumeclaims' && (a.operation === 'CREATE' || a.operation === 'UPDATE');
}

function limitRanges(a: AdmissionAttributes, api: ApiServer): KubeObject[] {
  if (a.oldObject?.metadata.deletionTimestamp) return [];
  return api.store.list('limitranges', a.namespace);
}

function sortedMap(m: List): List {
  const out: List = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** mergeContainerResources: fill unset requests/limits from the defaults; returns the annotation parts. */
function mergeContainer(c: Container, defReq: List, defLim: List, prefix: string, notes: string[]): void {
  const res = (c.resources ??= {});
  const limits = { ...(res.limits ?? {}) };
  const requests = { ...(res.requests ?? {}) };
  const setLimits = Object.keys(defLim).filter((k) => !(k in limits));
  const setRequests = Object.keys(defReq).filter((k) => !(k in requests));
  for (const k of setLimits) limits[k] = defLim[k];
  for (const k of setRequests) requests[k] = defReq[k];
  if (setLimits.length > 0) res.limits = sortedMap(limits);
  if (setRequests.length > 0) res.requests = sortedMap(requests);
  if (setRequests.length > 0) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name ?? ''}`);
  if (setLimits.length > 0) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name ?? ''}`);
}

/** PodMutateLimitFunc: apply a LimitRange's container defaults and annotate what was set. */
export function defaultPodResources(lr: KubeObject, pod: KubeObject): void {
  const defReq: List = {};
  const defLim: List = {};
  for (const item of (lr.spec as LimitRangeSpec | undefined)?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(defReq, item.defaultRequest ?? {});
    Object.assign(defLim, item.default ?? {});
  }
  const spec = (pod.spec ?? {}) as PodSpec;
  const notes: string[] = [];
  for (const c of spec.containers ?? []) mergeContainer(c, defReq, defLim, 'container', notes);
  for (const c of spec.initContainers ?? []) mergeContainer(c, defReq, defLim, 'init container', notes);
  if (notes.length > 0) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [limitRangerAnnotation]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

function get(m: Usage | List, k: string): Quantity | undefined {
  if (m instanceof Map) return m.get(k);
  return m[k] !== undefined ? parseQuantity(m[k]) : undefined;
}

function minConstraint(type: string, r: string, enforced: Quantity, req: Usage | List, lim: Usage | List): string {
  const rq = get(req, r);
  const lq = get(lim, r);
  if (!rq) return `minimum ${r} usage per ${type} is ${enforced.canonical}.  No request is specified`;
  if (enforced.nano > rq.nano) return `minimum ${r} usage per ${type} is ${enforced.canonical}, but request is ${rq.canonical}`;
  if (lq && enforced.nano > lq.nano) return `minimum ${r} usage per ${type} is ${enforced.canonical}, but limit is ${lq.canonical}`;
  return '';
}

function maxConstraint(type: string, r: string, enforced: Quantity, req: Usage | List, lim: Usage | List): string {
  const rq = get(req, r);
  const lq = get(lim, r);
  if (!lq) return `maximum ${r} usage per ${type} is ${enforced.canonical}.  No limit is specified`;
  if (lq.nano > enforced.nano) return `maximum ${r} usage per ${type} is ${enforced.canonical}, but limit is ${lq.canonical}`;
  if (rq && rq.nano > enforced.nano) return `maximum ${r} usage per ${type} is ${enforced.canonical}, but request is ${rq.canonical}`;
  return '';
}

function maxRequestConstraint(type: string, r: string, enforced: Quantity, req: List): string {
  const rq = get(req, r);
  if (!rq) return `maximum ${r} usage per ${type} is ${enforced.canonical}.  No request is specified`;
  if (rq.nano > enforced.nano) return `maximum ${r} usage per ${type} is ${enforced.canonical}, but request is ${rq.canonical}`;
  return '';
}

function ratioConstraint(type: string, r: string, enforced: Quantity, req: Usage | List, lim: Usage | List): string {
  const rq = get(req, r);
  const lq = get(lim, r);
  if (!rq || rq.nano === 0n) return `${r} max limit to request ratio per ${type} is ${enforced.canonical}, but no request is specified or request is 0`;
  if (!lq || lq.nano === 0n) return `${r} max limit to request ratio per ${type} is ${enforced.canonical}, but no limit is specified or limit is 0`;
  // limit > request × ratio, exactly: nano(l)·1e9 > nano(r)·nano(ratio).
  if (lq.nano * 1_000_000_000n > rq.nano * enforced.nano) {
    return `${r} max limit to request ratio per ${type} is ${enforced.canonical}, but provided ratio is ${(Number(lq.nano) / Number(rq.nano)).toFixed(6)}`;
  }
  return '';
}

function checkItem(item: LimitRangeItem, type: string, req: Usage | List, lim: Usage | List, errs: string[]): void {
  const each = (m: List | undefined, f: (r: string, q: Quantity) => string) => {
    for (const k of Object.keys(m ?? {}).sort()) {
      const msg = f(k, parseQuantity(m![k]));
      if (msg) errs.push(msg);
    }
  };
  each(item.min, (r, q) => minConstraint(type, r, q, req, lim));
  each(item.max, (r, q) => maxConstraint(type, r, q, req, lim));
  each(item.maxLimitRequestRatio, (r, q) => ratioConstraint(type, r, q, req, lim));
}

/** PodRequests / PodLimits over the spec only: containers summed, init containers (and sidecars) as a floor. */
function podTotal(spec: PodSpec, which: 'requests' | 'limits'): Usage {
  let sum: Usage = new Map();
  for (const c of spec.containers ?? []) sum = add(sum, fromList(c.resources?.[which]));
  let sidecars: Usage = new Map();
  let floor: Usage = new Map();
  const maxInto = (a: Usage, b: Usage) => {
    const out = new Map(a);
    for (const [k, v] of b) if (!out.has(k) || v.nano > out.get(k)!.nano) out.set(k, v);
    return out;
  };
  for (const c of spec.initContainers ?? []) {
    const own = fromList(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
      floor = maxInto(floor, sidecars);
    } else floor = maxInto(floor, add(own, sidecars));
  }
  return maxInto(sum, floor);
}

/** PodValidateLimitFunc: every error of one LimitRange, in item order. */
export function validatePodLimits(lr: KubeObject, pod: KubeObject): string[] {
  const errs: string[] = [];
  const spec = (pod.spec ?? {}) as PodSpec;
  for (const item of (lr.spec as LimitRangeSpec | undefined)?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        checkItem(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
      }
    } else if (item.type === 'Pod') {
      checkItem(item, 'Pod', podTotal(spec, 'requests'), podTotal(spec, 'limits'), errs);
    }
  }
  return errs;
}

/** PersistentVolumeClaimValidateLimitFunc: storage requests between min and max. */
function validateClaimLimits(lr: KubeObject, pvc: KubeObject): string[] {
  const errs: string[] = [];
  const requests = ((pvc.spec as { resources?: { requests?: List } } | undefined)?.resources?.requests ?? {}) as List;
  for (const item of (lr.spec as LimitRangeSpec | undefined)?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const k of Object.keys(item.min ?? {}).sort()) {
      const m = minConstraint('PersistentVolumeClaim', k, parseQuantity(item.min![k]), requests, {});
      if (m) errs.push(m);
    }
    for (const k of Object.keys(item.max ?? {}).sort()) {
      const m = maxRequestConstraint('PersistentVolumeClaim', k, parseQuantity(item.max![k]), requests);
      if (m) errs.push(m);
    }
  }
  return errs;
}

/** utilerrors.NewAggregate's message: one error alone, several in brackets. */
export function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

/**
 * LimitRanger: applies LimitRange container defaults to new pods (annotating what it set), then enforces
 * min / max / maxLimitRequestRatio per Container and per Pod, and storage bounds per claim.
 */
export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  mutate(a, api) {
    if (!applies(a) || a.resource.plural !== 'pods') return;
    const ranges = limitRanges(a, api);
    for (const lr of ranges) defaultPodResources(lr, a.object);
    // The QoS class is derived after admission upstream (PrepareForCreate); here it was set before, so refresh it.
    const status = a.object.status as { qosClass?: string } | undefined;
    if (ranges.length > 0 && status?.qosClass) status.qosClass = podQOSClass(a.object.spec as PodSpecLike);
  },
  validate(a, api) {
    if (!applies(a)) return;
    for (const lr of limitRanges(a, api)) {
      const errs = a.resource.plural === 'pods' ? validatePodLimits(lr, a.object) : validateClaimLimits(lr, a.object);
      if (errs.length > 0) throw forbidden(a.resource, a.name, aggregate(errs));
    }
  },
};
