import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/types.ts';
import { matchesLabelSelector } from '../util/labels.ts';

/** One host port a bound pod holds on its node (protocol defaults to TCP, hostIP to 0.0.0.0). */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/**
 * A bound, non-terminal pod as the scheduler's cache holds it (upstream's framework.PodInfo within a
 * NodeInfo): labels, node, whether it is terminating, and the parts other pods' scheduling depends on.
 */
export interface CachedPod {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  labels: Readonly<Record<string, string>>;
  terminating: boolean;
  priority: number;
  pod: KubeObject;
  hostPorts?: readonly HostPort[];
  requiredAffinity?: readonly PodAffinityTerm[];
  requiredAntiAffinity?: readonly PodAffinityTerm[];
  preferredAffinity?: readonly WeightedPodAffinityTerm[];
  preferredAntiAffinity?: readonly WeightedPodAffinityTerm[];
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Per-node counts of the pods that match one (namespaces, label selector) pair. Made on first use by a plugin
 * (one scan of the cache) and then kept current as pods come and go, so PodTopologySpread and InterPodAffinity
 * read counts per node instead of matching every pod on every node in every cycle.
 */
export class SelectorCounter {
  readonly byNode = new Map<string, number>();
  /** Total of byNode. */
  total = 0;
  /** Dropped from the cache (too many counters): no longer kept current. */
  evicted = false;
  constructor(
    /** null: every namespace. */
    readonly namespaces: ReadonlySet<string> | null,
    readonly selector: LabelSelector | null,
    readonly skipTerminating: boolean,
    /** Further (namespaces, selector) clauses a pod must all match too (pod affinity counts pods matching every term). */
    readonly also: readonly CounterClause[] = [],
  ) {}

  matches(p: CachedPod): boolean {
    if (this.skipTerminating && p.terminating) return false;
    if (this.namespaces && !this.namespaces.has(p.namespace)) return false;
    if (!matchesLabelSelector(this.selector, p.labels as Record<string, string>)) return false;
    for (const c of this.also) {
      if (c.namespaces && !c.namespaces.has(p.namespace)) return false;
      if (!matchesLabelSelector(c.selector, p.labels as Record<string, string>)) return false;
    }
    return true;
  }

  apply(p: CachedPod, sign: 1 | -1): void {
    if (!this.matches(p)) return;
    const n = (this.byNode.get(p.node) ?? 0) + sign;
    if (n === 0) this.byNode.delete(p.node);
    else this.byNode.set(p.node, n);
    this.total += sign;
  }

  count(node: string): number {
    return this.byNode.get(node) ?? 0;
  }
}

/** One (namespaces, selector) condition; namespaces null means every namespace. */
export interface CounterClause {
  namespaces: ReadonlySet<string> | null;
  selector: LabelSelector | null;
}

/** Counters held at once; beyond this the oldest is dropped (and rebuilt if asked for again). */
const MAX_COUNTERS = 512;

function hostPortsOf(spec: NonNullable<Pod['spec']>): HostPort[] | undefined {
  let out: HostPort[] | undefined;
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      (out ??= []).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/**
 * The scheduler's view of bound pods beyond their resource usage (which NodeTable keeps): kept current from
 * store events by the informer. Pods with pod (anti-)affinity and host ports are indexed apart, so plugins
 * that only care about those look at a handful of pods, never all of them.
 */
export class PodCache {
  private readonly byUid = new Map<string, CachedPod>();
  private readonly byNode = new Map<string, Set<CachedPod>>();
  /** Pods with any pod affinity or anti-affinity term (upstream's PodsWithAffinity). */
  readonly withAffinity = new Set<CachedPod>();
  /** Pods with required anti-affinity terms (upstream's PodsWithRequiredAntiAffinity). */
  readonly withRequiredAntiAffinity = new Set<CachedPod>();
  /** Pods holding host ports, per node. */
  readonly hostPortsByNode = new Map<string, Set<CachedPod>>();
  private readonly counters = new Map<string, SelectorCounter>();
  private readonly countersByNs = new Map<string, Set<SelectorCounter>>();
  private readonly allNsCounters = new Set<SelectorCounter>();
  /** Bumped on every Service, ReplicaSet, StatefulSet or ReplicationController change (default spread selectors). */
  workloadVersion = 0;

  get size(): number {
    return this.byUid.size;
  }

  get(uid: string): CachedPod | undefined {
    return this.byUid.get(uid);
  }

  /** The cached pods on a node. */
  podsOn(node: string): ReadonlySet<CachedPod> {
    return this.byNode.get(node) ?? EMPTY_SET;
  }

  all(): IterableIterator<CachedPod> {
    return this.byUid.values();
  }

  /** Record (or refresh) a bound pod. Cheap when nothing the cache keeps changed. Returns true when its labels changed. */
  set(pod: KubeObject, node: string): boolean {
    const uid = pod.metadata.uid ?? '';
    const labels = pod.metadata.labels ?? EMPTY;
    const terminating = !!pod.metadata.deletionTimestamp;
    const old = this.byUid.get(uid);
    if (old && old.node === node && old.labels === labels && old.terminating === terminating) {
      old.pod = pod;
      return false;
    }
    if (old) this.remove(uid);
    const spec = (pod.spec ?? {}) as NonNullable<Pod['spec']>;
    const aff = spec.affinity;
    const p: CachedPod = {
      uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      node,
      labels,
      terminating,
      priority: spec.priority ?? 0,
      pod,
      hostPorts: hostPortsOf(spec),
      requiredAffinity: nonEmpty(aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      requiredAntiAffinity: nonEmpty(aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      preferredAffinity: nonEmpty(aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
      preferredAntiAffinity: nonEmpty(aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    };
    this.byUid.set(uid, p);
    addTo(this.byNode, node, p);
    if (p.requiredAffinity || p.requiredAntiAffinity || p.preferredAffinity || p.preferredAntiAffinity) this.withAffinity.add(p);
    if (p.requiredAntiAffinity) this.withRequiredAntiAffinity.add(p);
    if (p.hostPorts) addTo(this.hostPortsByNode, node, p);
    this.count(p, 1);
    return old !== undefined && old.labels !== labels;
  }

  remove(uid: string): void {
    const p = this.byUid.get(uid);
    if (!p) return;
    this.byUid.delete(uid);
    removeFrom(this.byNode, p.node, p);
    this.withAffinity.delete(p);
    this.withRequiredAntiAffinity.delete(p);
    if (p.hostPorts) removeFrom(this.hostPortsByNode, p.node, p);
    this.count(p, -1);
  }

  /**
   * Per-node counts of pods in `namespaces` (null: all) matching `selector` (null matches nothing, {} all).
   * `skipTerminating` leaves out pods being deleted, as PodTopologySpread counts.
   */
  counter(namespaces: ReadonlySet<string> | null, selector: LabelSelector | null, skipTerminating: boolean, also: readonly CounterClause[] = []): SelectorCounter {
    const nsKey = (ns: ReadonlySet<string> | null) => (ns ? [...ns].sort().join(',') : '*');
    let key = `${nsKey(namespaces)}|${skipTerminating ? 1 : 0}|${JSON.stringify(selector)}`;
    for (const a of also) key += `&${nsKey(a.namespaces)}|${JSON.stringify(a.selector)}`;
    let c = this.counters.get(key);
    if (c) return c;
    c = new SelectorCounter(namespaces, selector, skipTerminating, also);
    for (const p of this.byUid.values()) c.apply(p, 1);
    if (this.counters.size >= MAX_COUNTERS) {
      const [oldKey, oldest] = this.counters.entries().next().value as [string, SelectorCounter];
      this.counters.delete(oldKey);
      oldest.evicted = true;
      this.unindex(oldest);
    }
    this.counters.set(key, c);
    if (!namespaces) this.allNsCounters.add(c);
    else for (const ns of namespaces) addTo(this.countersByNs, ns, c);
    return c;
  }

  private unindex(c: SelectorCounter): void {
    if (!c.namespaces) this.allNsCounters.delete(c);
    else for (const ns of c.namespaces) removeFrom(this.countersByNs, ns, c);
  }

  private count(p: CachedPod, sign: 1 | -1): void {
    const list = this.countersByNs.get(p.namespace);
    if (list) for (const c of list) c.apply(p, sign);
    for (const c of this.allNsCounters) c.apply(p, sign);
  }
}

const EMPTY_SET: ReadonlySet<CachedPod> = new Set();

function nonEmpty<T>(a: readonly T[] | undefined): readonly T[] | undefined {
  return a && a.length > 0 ? a : undefined;
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}
