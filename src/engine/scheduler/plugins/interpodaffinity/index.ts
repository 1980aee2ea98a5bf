import type { Pod } from 'kubernetes-types/core/v1';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { SKIP, unresolvable, unschedulable } from '../../framework/status.ts';
import { InterPodAffinity } from '../../names.ts';
import type { NodeTable } from '../../nodetable.ts';
import type { CachedPod, SelectorCounter } from '../../podcache.ts';
import type { PodInfo } from '../../podinfo.ts';
import { MAX_NODE_SCORE } from '../helper/normalize.ts';
import { countingNamespaces, namespaceLabels, resolveTerm, termMatches, type AffinityTerm } from './terms.ts';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

const affinityFail = unresolvable(InterPodAffinity, ErrReasonAffinityRulesNotMatch);
const antiAffinityFail = unschedulable(InterPodAffinity, ErrReasonAntiAffinityRulesNotMatch);
const existingAntiFail = unschedulable(InterPodAffinity, ErrReasonExistingAntiAffinityRulesNotMatch);

/** Plugin arguments (InterPodAffinityArgs). */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}

export const DEFAULT_ARGS: InterPodAffinityArgs = { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false };

/** Topology pair key "key\0value". */
const pair = (k: string, v: string) => `${k}\u0000${v}`;

interface FilterState {
  affinity: AffinityTerm[];
  anti: AffinityTerm[];
  affinityCounts: Map<string, number>;
  antiCounts: Map<string, number>;
  existingAntiCounts: Map<string, number>;
  /** The pod matches all its own affinity terms (the first pod of a self-affine group may go anywhere). */
  selfAffine: boolean;
}

interface ScoreState {
  /** topologyKey → value → score (upstream's scoreMap). */
  topo: Map<string, Map<string, number>>;
}

const filterKey = new StateKey<FilterState>('PreFilter' + InterPodAffinity);
const scoreKey = new StateKey<ScoreState>('PreScore' + InterPodAffinity);

type Aff = NonNullable<NonNullable<Pod['spec']>['affinity']>;
const affinityOf = (pod: PodInfo): Aff | undefined => pod.spec.affinity;

/** Add `count(node)` to the node's topology pair for every node carrying the key. O(nodes). */
function addCounts(m: Map<string, number>, t: NodeTable, key: string, counter: SelectorCounter, times = 1): void {
  if (counter.total === 0) return;
  for (let i = 0; i < t.count; i++) {
    const v = t.labels[i][key];
    if (v === undefined) continue;
    const n = counter.count(t.names[i]);
    if (n !== 0) m.set(pair(key, v), (m.get(pair(key, v)) ?? 0) + n * times);
  }
}

function preFilterState(pod: PodInfo, h: Handle): FilterState {
  const aff = affinityOf(pod);
  const affinity = (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => resolveTerm(t, pod.namespace));
  const anti = (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => resolveTerm(t, pod.namespace));
  const t = h.nodes;
  const labels = (pod.pod.metadata.labels ?? {}) as Record<string, string>;
  let nsLabels: Record<string, string> | undefined;
  const ownNsLabels = () => (nsLabels ??= namespaceLabels(h, pod.namespace));

  // Existing pods whose required anti-affinity terms match the incoming pod.
  const existingAntiCounts = new Map<string, number>();
  for (const p of h.pods.withRequiredAntiAffinity) {
    const i = t.indexOf(p.node);
    if (i < 0) continue;
    for (const term of p.requiredAntiAffinity!) {
      const r = resolveTerm(term, p.namespace);
      const v = t.labels[i][r.topologyKey];
      if (v === undefined || !termMatches(r, pod.namespace, labels, ownNsLabels)) continue;
      existingAntiCounts.set(pair(r.topologyKey, v), (existingAntiCounts.get(pair(r.topologyKey, v)) ?? 0) + 1);
    }
  }

  // Existing pods that match all the pod's affinity terms count in each term's domain; anti-affinity per term.
  const affinityCounts = new Map<string, number>();
  if (affinity.length > 0) {
    const clauses = affinity.map((a) => ({ namespaces: countingNamespaces(a, h), selector: a.selector }));
    const all = h.pods.counter(clauses[0].namespaces, clauses[0].selector, false, clauses.slice(1));
    for (const a of affinity) addCounts(affinityCounts, t, a.topologyKey, all);
  }
  const antiCounts = new Map<string, number>();
  for (const a of anti) addCounts(antiCounts, t, a.topologyKey, h.pods.counter(countingNamespaces(a, h), a.selector, false));

  const selfAffine = affinity.every((a) => termMatches(a, pod.namespace, labels, ownNsLabels));
  return { affinity, anti, affinityCounts, antiCounts, existingAntiCounts, selfAffine };
}

function satisfyPodAffinity(s: FilterState, labels: Readonly<Record<string, string>>): boolean {
  let podsExist = true;
  for (const a of s.affinity) {
    const v = labels[a.topologyKey];
    if (v === undefined) return false;
    if ((s.affinityCounts.get(pair(a.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist) return s.affinityCounts.size === 0 && s.selfAffine;
  return true;
}

function satisfyPodAntiAffinity(s: FilterState, labels: Readonly<Record<string, string>>): boolean {
  if (s.antiCounts.size === 0) return true;
  for (const a of s.anti) {
    const v = labels[a.topologyKey];
    if (v !== undefined && (s.antiCounts.get(pair(a.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: FilterState, labels: Readonly<Record<string, string>>): boolean {
  if (s.existingAntiCounts.size === 0) return true;
  for (const k in labels) if ((s.existingAntiCounts.get(pair(k, labels[k])) ?? 0) > 0) return false;
  return true;
}

function addTopo(topo: Map<string, Map<string, number>>, key: string, value: string, delta: number): void {
  let m = topo.get(key);
  if (!m) topo.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + delta);
}

/**
 * processExistingPod's second half: an existing pod's own terms that match the incoming pod (required
 * affinity with hardPodAffinityWeight, preferred affinity +weight, preferred anti-affinity −weight).
 */
function existingPodTerms(p: CachedPod, pod: PodInfo, nodeLabels: Readonly<Record<string, string>>, args: InterPodAffinityArgs, topo: Map<string, Map<string, number>>, h: Handle): void {
  const labels = (pod.pod.metadata.labels ?? {}) as Record<string, string>;
  const nsl = () => namespaceLabels(h, pod.namespace);
  const apply = (term: AffinityTerm, weight: number) => {
    const v = nodeLabels[term.topologyKey];
    if (v !== undefined && termMatches(term, pod.namespace, labels, nsl)) addTopo(topo, term.topologyKey, v, weight);
  };
  if (args.hardPodAffinityWeight > 0 && Object.keys(nodeLabels).length > 0) {
    for (const t of p.requiredAffinity ?? []) apply(resolveTerm(t, p.namespace), args.hardPodAffinityWeight);
  }
  for (const t of p.preferredAffinity ?? []) apply(resolveTerm(t.podAffinityTerm, p.namespace), t.weight);
  for (const t of p.preferredAntiAffinity ?? []) apply(resolveTerm(t.podAffinityTerm, p.namespace), -t.weight);
}

/**
 * InterPodAffinity.
 * PreFilter/Filter: the pod's required affinity (some matching pod in the node's domain for every term), its
 * required anti-affinity (none in the domain), and existing pods' required anti-affinity against it. Counts per
 * topology value come from selector counters kept as pods come and go. Skip when neither the pod nor any
 * existing pod has required terms.
 * PreScore/Score: preferred terms both ways and existing pods' required affinity (hardPodAffinityWeight), summed
 * per topology value, then scaled between the lowest and highest node to [0, 100].
 */
export function interPodAffinity(h: Handle, args: InterPodAffinityArgs = DEFAULT_ARGS): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: InterPodAffinity,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeLabel | ClusterEvent.AssignedPodAdd | ClusterEvent.AssignedPodDelete | ClusterEvent.AssignedPodUpdate | ClusterEvent.Namespace,
    preFilter(state, pod) {
      const aff = affinityOf(pod);
      const hasTerms = !!aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length || !!aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length;
      if (!hasTerms && h.pods.withRequiredAntiAffinity.size === 0) return { status: SKIP };
      state.write(filterKey, preFilterState(pod, h));
      return undefined;
    },
    filter(state, _pod, t, i) {
      const s = state.read(filterKey);
      if (!s) return undefined;
      const labels = t.labels[i];
      if (!satisfyPodAffinity(s, labels)) return affinityFail;
      if (!satisfyPodAntiAffinity(s, labels)) return antiAffinityFail;
      if (!satisfyExistingPodsAntiAffinity(s, labels)) return existingAntiFail;
      return undefined;
    },
    preScore(state, pod, t, _feasible, n) {
      if (n === 0) return undefined;
      const aff = affinityOf(pod);
      const preferred = (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ w: w.weight, term: resolveTerm(w.podAffinityTerm, pod.namespace) }));
      const preferredAnti = (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ w: -w.weight, term: resolveTerm(w.podAffinityTerm, pod.namespace) }));
      const hasConstraints = preferred.length > 0 || preferredAnti.length > 0;
      if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return SKIP;
      if (!hasConstraints && h.pods.withAffinity.size === 0) return SKIP;
      const topo = new Map<string, Map<string, number>>();
      // The pod's preferred terms against every existing pod, through per-node counts.
      for (const { w, term } of [...preferred, ...preferredAnti]) {
        const counter = h.pods.counter(countingNamespaces(term, h), term.selector, false);
        if (counter.total === 0) continue;
        for (let i = 0; i < t.count; i++) {
          const v = t.labels[i][term.topologyKey];
          if (v === undefined) continue;
          const c = counter.count(t.names[i]);
          if (c !== 0) addTopo(topo, term.topologyKey, v, w * c);
        }
      }
      // Existing pods' terms against the pod.
      for (const p of h.pods.withAffinity) {
        const i = t.indexOf(p.node);
        if (i >= 0) existingPodTerms(p, pod, t.labels[i], args, topo, h);
      }
      if (topo.size === 0) return SKIP;
      state.write(scoreKey, { topo });
      return undefined;
    },
    score(state, _pod, t, i) {
      const s = state.read(scoreKey);
      if (!s) return 0;
      const labels = t.labels[i];
      let score = 0;
      for (const [key, values] of s.topo) {
        const v = labels[key];
        if (v !== undefined) score += values.get(v) ?? 0;
      }
      return score;
    },
    normalizeScore(state, _pod, scores, n) {
      const s = state.read(scoreKey);
      if (!s || s.topo.size === 0) return;
      let min = Infinity;
      let max = -Infinity;
      for (let j = 0; j < n; j++) {
        if (scores[j] > max) max = scores[j];
        if (scores[j] < min) min = scores[j];
      }
      const diff = max - min;
      for (let j = 0; j < n; j++) scores[j] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[j] - min) / diff)) : 0;
    },
  };
}
