import type { Container, NodeSelector, Pod, PreferredSchedulingTerm, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { parseQuantity } from '../util/quantity.ts';

/** Millicores, kept apart from plain numbers where confusion is likely. */
export type Millicores = number & { readonly __unit?: 'millicores' };
export type Bytes = number & { readonly __unit?: 'bytes' };

/** A pod's or node's compute resources in the scheduler's integer units. */
export interface Resources {
  milliCPU: Millicores;
  memory: Bytes;
  ephemeralStorage: Bytes;
  /** Extended resources and hugepages, when any (rare: undefined keeps the common path allocation-free). */
  scalars?: Map<string, number>;
}

/** Defaults the scheduler assumes for containers without a request when it scores (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * Everything the scheduler needs about a pod, computed once when the pod enters the queue (as upstream's
 * PodInfo): requests, the "non-zero" requests used for scoring, tolerations and node affinity.
 */
export interface PodInfo {
  uid: string;
  namespace: string;
  name: string;
  /** The stored pod (read-only). */
  pod: KubeObject;
  spec: Pod['spec'] & object;
  priority: number;
  /** Requests as NodeResourcesFit counts them: containers summed, init containers as a maximum, plus overhead. */
  requests: Resources;
  /** Requests with 100m CPU / 200Mi memory for containers that request none (used by scoring). */
  nonZero: { milliCPU: Millicores; memory: Bytes };
  tolerations: readonly Toleration[];
  nodeSelector?: Readonly<Record<string, string>>;
  requiredNodeAffinity?: NodeSelector;
  preferredNodeAffinity?: readonly PreferredSchedulingTerm[];
}

const quantityCache = new Map<string, { milli: number; value: number }>();

/** Parse a quantity once per distinct text (pods of one template share the same strings). */
function quantity(text: string | number): { milli: number; value: number } {
  const key = String(text);
  let q = quantityCache.get(key);
  if (!q) {
    const p = parseQuantity(key);
    q = { milli: p.milliValue, value: p.value };
    if (quantityCache.size > 10_000) quantityCache.clear();
    quantityCache.set(key, q);
  }
  return q;
}

/** Scalar resources as upstream's IsScalarResourceName: extended (domain-prefixed), hugepages-*, attachable-volumes-*. */
export function isScalarResource(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') || (name.includes('/') && !name.startsWith('kubernetes.io/'));
}

type Vec = Map<string, number>;

function toVec(list: Record<string, string | number> | undefined, nonMissing: boolean): Vec {
  const v: Vec = new Map();
  for (const [k, q] of Object.entries(list ?? {})) v.set(k, k === 'cpu' ? quantity(q).milli : quantity(q).value);
  if (nonMissing) {
    if (!v.has('cpu')) v.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!v.has('memory')) v.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return v;
}

function add(into: Vec, v: Vec): void {
  for (const [k, x] of v) into.set(k, (into.get(k) ?? 0) + x);
}

function max(into: Vec, v: Vec): void {
  for (const [k, x] of v) if (x > (into.get(k) ?? 0)) into.set(k, x);
}

/** A container's requests; limits stand in for missing requests, as API defaulting would have set them. */
function containerRequests(c: Container): Record<string, string | number> | undefined {
  const req = c.resources?.requests as Record<string, string | number> | undefined;
  const lim = c.resources?.limits as Record<string, string | number> | undefined;
  if (!lim) return req;
  const out: Record<string, string | number> = { ...(req ?? {}) };
  for (const [k, q] of Object.entries(lim)) if (!(k in out)) out[k] = q;
  return out;
}

/**
 * The pod's aggregate requests as resourcehelper.PodRequests computes them: regular and restartable (sidecar)
 * init containers are summed; each ordinary init container runs alone beside the sidecars started before it,
 * and the pod needs the larger of the two; pod overhead is added. `nonMissing` applies the scoring defaults.
 */
export function podRequests(spec: Pod['spec'] | undefined, nonMissing: boolean): Vec {
  const reqs: Vec = new Map();
  for (const c of spec?.containers ?? []) add(reqs, toVec(containerRequests(c), nonMissing));
  const sidecars: Vec = new Map();
  const inits: Vec = new Map();
  for (const c of spec?.initContainers ?? []) {
    const r = toVec(containerRequests(c), nonMissing);
    if (c.restartPolicy === 'Always') {
      add(reqs, r);
      add(sidecars, r);
      max(inits, sidecars);
    } else {
      const tmp: Vec = new Map(r);
      add(tmp, sidecars);
      max(inits, tmp);
    }
  }
  max(reqs, inits);
  if (spec?.overhead) add(reqs, toVec(spec.overhead as Record<string, string>, false));
  return reqs;
}

export function toResources(v: Vec): Resources {
  const r: Resources = { milliCPU: v.get('cpu') ?? 0, memory: v.get('memory') ?? 0, ephemeralStorage: v.get('ephemeral-storage') ?? 0 };
  for (const [k, x] of v) {
    if (!isScalarResource(k) || x === 0) continue;
    (r.scalars ??= new Map()).set(k, x);
  }
  return r;
}

interface CachedRequests {
  initContainers: unknown;
  overhead: unknown;
  requests: Resources;
  nonZero: PodInfo['nonZero'];
}

/**
 * Requests per containers list: stored pods are immutable and a pod's later versions (binding, status
 * writes) keep its containers by reference, so a pod's requests are computed once, not on every event.
 * The results are shared and never mutated.
 */
const requestsCache = new WeakMap<object, CachedRequests>();

function cachedRequests(spec: NonNullable<Pod['spec']>): CachedRequests {
  const key = spec.containers as object | undefined;
  const hit = key && requestsCache.get(key);
  if (hit && hit.initContainers === spec.initContainers && hit.overhead === spec.overhead) return hit;
  const nz = podRequests(spec, true);
  const r: CachedRequests = {
    initContainers: spec.initContainers,
    overhead: spec.overhead,
    requests: toResources(podRequests(spec, false)),
    nonZero: { milliCPU: nz.get('cpu') ?? 0, memory: nz.get('memory') ?? 0 },
  };
  if (key) requestsCache.set(key, r);
  return r;
}

/** Build the scheduler's view of a pod. */
export function podInfo(pod: KubeObject): PodInfo {
  const spec = (pod.spec ?? {}) as NonNullable<Pod['spec']>;
  const req = cachedRequests(spec);
  const aff = spec.affinity?.nodeAffinity;
  return {
    uid: pod.metadata.uid ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    pod,
    spec,
    priority: spec.priority ?? 0,
    requests: req.requests,
    nonZero: req.nonZero,
    tolerations: spec.tolerations ?? [],
    nodeSelector: spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? spec.nodeSelector : undefined,
    requiredNodeAffinity: aff?.requiredDuringSchedulingIgnoredDuringExecution,
    preferredNodeAffinity: aff?.preferredDuringSchedulingIgnoredDuringExecution?.length ? aff.preferredDuringSchedulingIgnoredDuringExecution : undefined,
  };
}
