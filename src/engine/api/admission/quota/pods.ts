/** The pod quota evaluator (pkg/quota/v1/evaluator/core/pods.go): usage, constraints and scopes. */
import { podQOSClass } from '../../kinds/pod.ts';
import type { ScopedRequirement } from '../../kinds/resourcequota.ts';
import type { KubeObject } from '../../types.ts';
import type { PodSpecLike } from '../../validation/podspec.ts';
import { add, fromList, one, type Usage } from './resources.ts';

type List = Record<string, string>;
interface Container {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: List; limits?: List };
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  overhead?: List;
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
}

const computeNames = new Set([
  'pods', 'count/pods', 'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
/** Resources whose quota requires every container to declare them (validationSet). */
const validationSet = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** Extended resources: a domain-qualified name outside kubernetes.io (helper.IsExtendedResourceName). */
function isExtended(name: string): boolean {
  return name.includes('/') && !name.startsWith('requests.') && !/(^|\.)kubernetes\.io\//.test(name);
}

export function podMatchingResources(names: Iterable<string>): string[] {
  return [...names].filter(
    (n) =>
      computeNames.has(n) ||
      n.startsWith('hugepages-') ||
      n.startsWith('requests.hugepages-') ||
      (n.startsWith('requests.') && isExtended(n.slice('requests.'.length))),
  );
}

/** podComputeUsageHelper. */
function computeUsage(requests: Usage, limits: Usage): Usage {
  const out: Usage = new Map([['pods', one()]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [r, q] of requests) {
    if (r.startsWith('hugepages-')) {
      out.set(r, q);
      out.set(`requests.${r}`, q);
    }
    if (isExtended(r)) out.set(`requests.${r}`, q);
  }
  return out;
}

function maxInto(acc: Usage, u: Usage): Usage {
  const out = new Map(acc);
  for (const [k, v] of u) {
    const cur = out.get(k);
    if (!cur || v.nano > cur.nano) out.set(k, v);
  }
  return out;
}

/** resourcehelper.PodRequests / PodLimits: containers summed, sidecars added, init containers as a floor, overhead. */
function podTotals(spec: PodSpec, which: 'requests' | 'limits'): Usage {
  let sum: Usage = new Map();
  for (const c of spec.containers ?? []) sum = add(sum, fromList(c.resources?.[which]));
  let sidecars: Usage = new Map();
  let initMax: Usage = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = fromList(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
      initMax = maxInto(initMax, sidecars);
    } else {
      initMax = maxInto(initMax, add(own, sidecars));
    }
  }
  sum = maxInto(sum, initMax);
  const overhead = fromList(spec.overhead);
  if (overhead.size > 0) {
    if (which === 'requests') sum = add(sum, overhead);
    else for (const [k, v] of overhead) if (sum.has(k)) sum = add(sum, new Map([[k, v]]));
  }
  return sum;
}

/** QuotaV1Pod: terminal pods (and pods stuck past their deletion grace) stop counting against compute quota. */
export function podCountsForCompute(pod: KubeObject, nowMs: number): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const m = pod.metadata;
  if (m.deletionTimestamp && m.deletionGracePeriodSeconds != null) {
    if (nowMs > Date.parse(m.deletionTimestamp) + m.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** PodUsageFunc. */
export function podUsage(pod: KubeObject, nowMs: number): Usage {
  const base: Usage = new Map([['count/pods', one()]]);
  if (!podCountsForCompute(pod, nowMs)) return base;
  const spec = (pod.spec ?? {}) as PodSpec;
  return add(base, computeUsage(podTotals(spec, 'requests'), podTotals(spec, 'limits')));
}

/** Constraints: with cpu/memory under quota, every container must state them. `must specify …` or ''. */
export function podConstraints(required: string[], pod: KubeObject): string {
  const req = required.filter((r) => validationSet.has(r));
  if (req.length === 0) return '';
  const spec = (pod.spec ?? {}) as PodSpec;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const have = computeUsage(fromList(c.resources?.requests), fromList(c.resources?.limits));
    for (const r of req) {
      if (have.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)!.add(c.name ?? '');
    }
  }
  if (missing.size === 0) return '';
  const parts = [...missing].map(([r, names]) => `${r} for: ${[...names].sort().join(',')}`).sort();
  return `must specify ${parts.join('; ')}`;
}

/** podMatchesScopeFunc. */
export function podMatchesScope(sel: ScopedRequirement, pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as PodSpec;
  const terminating = spec.activeDeadlineSeconds != null && spec.activeDeadlineSeconds >= 0;
  const bestEffort = podQOSClass(pod.spec as PodSpecLike) === 'BestEffort';
  switch (sel.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass': {
      const pc = spec.priorityClassName ?? '';
      const values = sel.values ?? [];
      // The selector runs against {PriorityClass: <name>}: the key is always present.
      if (sel.operator === 'Exists') return pc !== '';
      if (sel.operator === 'In') return values.includes(pc);
      if (sel.operator === 'NotIn') return !values.includes(pc);
      return false;
    }
    default:
      return false;
  }
}
