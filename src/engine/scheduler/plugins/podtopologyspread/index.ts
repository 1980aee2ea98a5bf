import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { SKIP, unresolvable, unschedulable } from '../../framework/status.ts';
import { PodTopologySpread } from '../../names.ts';
import type { NodeTable } from '../../nodetable.ts';
import type { PodInfo } from '../../podinfo.ts';
import { MAX_NODE_SCORE } from '../helper/normalize.ts';
import { constraintsFor, DEFAULT_SPREAD_ARGS, hasAllKeys, HOSTNAME, includesNode, matchesRequiredAffinity, selfMatches, type Constraint, type DefaultsCache, type SpreadArgs } from './constraints.ts';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

const notMatch = unschedulable(PodTopologySpread, ErrReasonConstraintsNotMatch);
const missingLabel = unresolvable(PodTopologySpread, ErrReasonNodeLabelNotMatch);

interface FilterState {
  constraints: Constraint[];
  /** Per constraint: matching pods per topology value (TpValueToMatchNum). */
  matchNum: Array<Map<string, number>>;
  /** Per constraint: the global minimum, or 0 when fewer domains than minDomains exist. */
  minMatch: number[];
  selfMatch: number[];
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Uint8Array;
  /** Ignored, by position in the feasible list (NormalizeScore sees rows, not nodes). */
  ignoredRow: Uint8Array;
  /** Per constraint (not hostname): pods per topology value of the scored nodes. */
  pairCounts: Array<Map<string, number> | undefined>;
  weight: number[];
  /** Per constraint: its topology key's value per node index. */
  columns: ReadonlyArray<ReadonlyArray<string | undefined>>;
}

const filterKey = new StateKey<FilterState>('PreFilter' + PodTopologySpread);
const scoreKey = new StateKey<ScoreState>('PreScore' + PodTopologySpread);

/**
 * calPreFilterState: for every node that carries all topology keys and passes each constraint's inclusion
 * policies, add its matching pods to its domain; then the minimum per constraint. Pod counts per node come
 * from incrementally kept selector counters, so this is O(nodes), not O(pods).
 */
function preFilterState(pod: PodInfo, t: NodeTable, constraints: Constraint[]): FilterState {
  const matchNum = constraints.map(() => new Map<string, number>());
  const columns = constraints.map((c) => t.labelColumn(c.topologyKey));
  nodes: for (let i = 0; i < t.count; i++) {
    for (let k = 0; k < columns.length; k++) if (columns[k][i] === undefined) continue nodes;
    const affinityOk = matchesRequiredAffinity(pod, t, i);
    for (let k = 0; k < constraints.length; k++) {
      const c = constraints[k];
      if (!includesNode(c, pod, t, i, affinityOk)) continue;
      const v = columns[k][i]!;
      const m = matchNum[k];
      m.set(v, (m.get(v) ?? 0) + (c.counter?.count(t.names[i]) ?? 0));
    }
  }
  const minMatch = constraints.map((c, k) => {
    const m = matchNum[k];
    if (m.size < c.minDomains) return 0;
    let min = Infinity;
    for (const n of m.values()) if (n < min) min = n;
    return min === Infinity ? 0 : min;
  });
  return { constraints, matchNum, minMatch, selfMatch: constraints.map((c) => (selfMatches(c, pod) ? 1 : 0)) };
}

/**
 * PodTopologySpread.
 * PreFilter/Filter (DoNotSchedule constraints): placing the pod on a node must keep
 * `matching pods in the node's domain + self − global minimum ≤ maxSkew`; a node missing a topology key is
 * unresolvable. Skip when the pod has no such constraints.
 * PreScore/Score (ScheduleAnyway constraints, or the system defaults for pods selected by a Service, RC, RS or
 * StatefulSet): fewer matching pods in the node's domains score higher, each constraint weighted by
 * log(domains + 2).
 */
export function podTopologySpread(h: Handle, args: SpreadArgs = DEFAULT_SPREAD_ARGS): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const defaults: DefaultsCache = new Map();
  // Reused per cycle: which nodes (by index) and which scored rows are ignored.
  let ignoredBuf = new Uint8Array(16);
  let ignoredRowBuf = new Uint8Array(16);
  return {
    name: PodTopologySpread,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeLabel | ClusterEvent.NodeTaint | ClusterEvent.AssignedPodAdd | ClusterEvent.AssignedPodDelete | ClusterEvent.AssignedPodUpdate,
    preFilter(state, pod) {
      const cs = constraintsFor(pod, h, args, 'DoNotSchedule', defaults);
      if (cs.length === 0) return { status: SKIP };
      state.write(filterKey, preFilterState(pod, h.nodes, cs));
      return undefined;
    },
    filter(state, _pod, t, i) {
      const s = state.read(filterKey);
      if (!s) return undefined;
      const labels = t.labels[i];
      for (let k = 0; k < s.constraints.length; k++) {
        const c = s.constraints[k];
        const v = labels[c.topologyKey];
        if (v === undefined) return missingLabel;
        const skew = (s.matchNum[k].get(v) ?? 0) + s.selfMatch[k] - s.minMatch[k];
        if (skew > c.maxSkew) return notMatch;
      }
      return undefined;
    },
    preScore(state, pod, t, feasible, n) {
      if (n === 0 || t.count === 0) return undefined;
      const cs = constraintsFor(pod, h, args, 'ScheduleAnyway', defaults);
      if (cs.length === 0) return SKIP;
      // Only user-given constraints require nodes to carry every key; with the system defaults a node without
      // a zone label is still spread by hostname.
      const requireAll = (pod.spec.topologySpreadConstraints ?? []).length > 0 || args.defaultingType !== 'System';
      if (ignoredBuf.length < t.count) ignoredBuf = new Uint8Array(Math.max(t.count, ignoredBuf.length * 2));
      if (ignoredRowBuf.length < n) ignoredRowBuf = new Uint8Array(Math.max(n, ignoredRowBuf.length * 2));
      const ignored = ignoredBuf;
      const ignoredRow = ignoredRowBuf;
      ignored.fill(0, 0, t.count);
      ignoredRow.fill(0, 0, n);
      const pairCounts: Array<Map<string, number> | undefined> = cs.map((c) => (c.topologyKey === HOSTNAME ? undefined : new Map()));
      let nIgnored = 0;
      // Constraints whose key no scored node carries add nothing to any score: their domains need no counting.
      const keyed = new Uint8Array(cs.length);
      const columns = cs.map((c) => t.labelColumn(c.topologyKey));
      for (let j = 0; j < n; j++) {
        const i = feasible[j];
        if (requireAll && !hasAllKeys(t.labels[i], cs)) {
          ignored[i] = 1;
          ignoredRow[j] = 1;
          nIgnored++;
          continue;
        }
        for (let k = 0; k < cs.length; k++) {
          const v = columns[k][i];
          if (v !== undefined) keyed[k] = 1;
          const m = pairCounts[k];
          if (m && !m.has(v ?? '')) m.set(v ?? '', 0);
        }
      }
      const weight = cs.map((c, k) => Math.log((c.topologyKey === HOSTNAME ? n - nIgnored : pairCounts[k]!.size) + 2));
      // Count matching pods per domain over all nodes that pass the inclusion policies.
      for (let k = 0; k < cs.length; k++) {
        const m = pairCounts[k];
        const c = cs[k];
        if (!m || !c.counter || !keyed[k] || c.counter.total === 0) continue;
        const col = columns[k];
        for (let i = 0; i < t.count; i++) {
          if (requireAll && !hasAllKeys(t.labels[i], cs)) continue;
          const v = col[i] ?? '';
          const cur = m.get(v);
          if (cur === undefined) continue;
          if (!includesNode(c, pod, t, i, matchesRequiredAffinity(pod, t, i))) continue;
          m.set(v, cur + c.counter.count(t.names[i]));
        }
      }
      state.write(scoreKey, { constraints: cs, columns, ignored, ignoredRow, pairCounts, weight });
      return undefined;
    },
    score(state, _pod, t, i) {
      const s = state.read(scoreKey);
      if (!s || s.ignored[i]) return 0;
      let score = 0;
      for (let k = 0; k < s.constraints.length; k++) {
        const c = s.constraints[k];
        const v = s.columns[k][i];
        if (v === undefined) continue;
        const cnt = c.topologyKey === HOSTNAME ? (c.counter?.count(t.names[i]) ?? 0) : (s.pairCounts[k]!.get(v) ?? 0);
        score += cnt * s.weight[k] + (c.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalizeScore(state, _pod, scores, n) {
      const s = state.read(scoreKey);
      if (!s) return;
      normalize(scores, n, s.ignoredRow);
    },
  };
}

/** NormalizeScore: ignored nodes 0; else MaxNodeScore × (max + min − s) / max, or 100 for all when max is 0. */
export function normalize(scores: Int32Array, n: number, ignoredRow: Uint8Array): void {
  let min = Infinity;
  let max = 0;
  for (let j = 0; j < n; j++) {
    if (ignoredRow[j]) continue;
    const s = scores[j];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let j = 0; j < n; j++) {
    if (ignoredRow[j]) scores[j] = 0;
    else if (max === 0) scores[j] = MAX_NODE_SCORE;
    else scores[j] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[j])) / max);
  }
}
