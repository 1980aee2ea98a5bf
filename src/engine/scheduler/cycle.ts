import type { Rng } from '../util/rng.ts';
import { CycleState } from './framework/cycle-state.ts';
import { Diagnosis, fitErrorMessage, NO_NODES_AVAILABLE } from './framework/diagnosis.ts';
import type { Framework } from './framework/framework.ts';
import type { Handle } from './framework/interfaces.ts';
import { Status } from './framework/status.ts';
import type { PodInfo } from './podinfo.ts';
import type { NodeFilterResult, SchedulingAttempt } from './record.ts';
import { acquireBuffer, scoreLayout, ScoreTable, type ScoreLayout } from './scoretable.ts';

/** Upstream's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: below 100 nodes every node is checked; above, the adaptive percentage
 * max(5, 50 − nodes/125) (integer arithmetic) of the nodes, but never fewer than 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The outcome of the scheduling (not binding) part of a cycle. */
export type CycleResult =
  | { ok: true; node: string; attempt: SchedulingAttempt }
  | { ok: false; status: Status; message: string; plugins: Set<string>; attempt: SchedulingAttempt; nominatedNodeName?: string };

/**
 * One scheduling cycle for one pod (upstream's schedulePod + findNodesThatFitPod + prioritizeNodes +
 * selectHost): PreFilter, Filter over nodes starting at a rotating index until enough feasible nodes are
 * found, PostFilter when none are, then PreScore/Score/NormalizeScore and a reservoir-sampled pick among the
 * best. Node state is read from the node table by index; buffers are reused across cycles.
 */
export class Cycle {
  private readonly state = new CycleState();
  private readonly diagnosis = new Diagnosis();
  private feasible = new Int32Array(64);
  private nextStartNodeIndex = 0;
  /** Shared, read-only lists of filter plugins per skip pattern (records hold them by reference). */
  private readonly filterPluginLists = new Map<number, Array<{ plugin: string; skipped: boolean }>>();

  constructor(
    private readonly fw: Framework,
    private readonly h: Handle,
    private readonly rng: Rng,
  ) {}

  run(pod: PodInfo, attemptNo: number): CycleResult {
    const t = this.h.nodes;
    const d = this.diagnosis;
    const state = this.state;
    state.reset();
    d.reset();
    const numAll = t.count;
    const attempt: SchedulingAttempt = {
      namespace: pod.namespace,
      name: pod.name,
      uid: pod.uid,
      atMs: this.h.clock.now(),
      time: this.timestamp(),
      attempt: attemptNo,
      numAllNodes: numAll,
      numNodesToFind: 0,
      evaluatedNodes: 0,
      feasibleNodes: 0,
      filtered: [],
      outcome: 'Unschedulable',
    };
    if (numAll === 0) {
      const status = new Status('UnschedulableAndUnresolvable', [NO_NODES_AVAILABLE]);
      return this.fail(attempt, status, NO_NODES_AVAILABLE, new Set());
    }

    // PreFilter.
    const pre = this.fw.runPreFilter(state, pod, this.h);
    if (pre.status) {
      attempt.preFilter = { plugin: pre.status.plugin, code: pre.status.code, reasons: [...pre.status.reasons] };
      if (pre.status.code === 'Error') return this.fail(attempt, pre.status, pre.status.message(), new Set());
      d.preFilterMsg = pre.status.message();
      d.absentStatus = pre.status;
      if (pre.status.plugin) d.unschedulablePlugins.add(pre.status.plugin);
      return this.failFit(attempt, pod, numAll);
    }
    let candidates: Int32Array | undefined;
    if (pre.nodeNames) {
      const idx = [...pre.nodeNames].map((n) => t.indexOf(n)).filter((i) => i >= 0).sort((a, b) => a - b);
      candidates = Int32Array.from(idx);
      const plugins = [...pre.narrowedBy].sort();
      d.absentStatus = new Status('UnschedulableAndUnresolvable', [`node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`]);
      attempt.preFilter = { narrowedTo: idx.map((i) => t.names[i]), by: plugins };
    }

    // Filter, from a rotating start index, until enough feasible nodes are found.
    const numNodes = candidates ? candidates.length : numAll;
    const numToFind = numFeasibleNodesToFind(this.fw.profile.percentageOfNodesToScore, numNodes);
    attempt.numNodesToFind = numToFind;
    if (this.feasible.length < numToFind) this.feasible = new Int32Array(Math.max(numToFind, this.feasible.length * 2));
    const feasible = this.feasible;
    let nFeasible = 0;
    let processed = 0;
    const start = numNodes > 0 ? this.nextStartNodeIndex % numNodes : 0;
    const active = this.fw.prepareFilters(pod, this.h);
    const na = active.length;
    let pos = start;
    if (na === 0) {
      // Nothing can reject a node: the first numToFind nodes from the start index are the feasible ones.
      processed = Math.min(numNodes, numToFind);
      for (let k = 0; k < processed; k++) {
        feasible[nFeasible++] = candidates ? candidates[pos] : pos;
        if (++pos === numNodes) pos = 0;
      }
    } else {
      const only = na === 1 ? active[0] : undefined;
      for (let k = 0; k < numNodes && nFeasible < numToFind; k++) {
        const i = candidates ? candidates[pos] : pos;
        if (++pos === numNodes) pos = 0;
        processed++;
        let s: Status | undefined;
        if (only) s = only.filter(state, pod, t, i);
        else {
          for (let f = 0; f < na; f++) {
            s = active[f].filter(state, pod, t, i);
            if (s && !s.isSuccess()) break;
            s = undefined;
          }
        }
        if (!s || s.isSuccess()) {
          feasible[nFeasible++] = i;
          continue;
        }
        if (s.code === 'Error') return this.fail(attempt, s, s.message(), new Set());
        d.set(i, s);
      }
    }
    if (numNodes > 0) this.nextStartNodeIndex = (start + processed) % numNodes;
    attempt.evaluatedNodes = processed;
    attempt.feasibleNodes = nFeasible;
    attempt.filterPlugins = this.filterPlugins();
    if (nFeasible === 1) attempt.feasible = [t.names[feasible[0]]];
    attempt.filtered = this.filtered();
    if (nFeasible === 0) return this.failFit(attempt, pod, numAll);
    if (nFeasible === 1) return this.succeed(attempt, t.names[feasible[0]]);

    // Score.
    const ps = this.fw.runPreScore(state, pod, this.h, feasible, nFeasible);
    if (ps) return this.fail(attempt, ps, ps.message(), new Set());
    this.fw.runScore(state, pod, this.h, feasible, nFeasible);
    const best = this.selectHost(nFeasible);
    // The record: node indices and each plugin's rows in one pooled buffer (see ScoreTable).
    const fw = this.fw;
    const layout = this.scoreLayout();
    const buf = acquireBuffer(layout.rows * nFeasible);
    copyRow(feasible, buf, 0, nFeasible);
    for (let k = 0; k < layout.plugins.length; k++) {
      const p = layout.plugins[k];
      if (p.scoreRow > 0) copyRow(fw.scores[k], buf, p.scoreRow * nFeasible, nFeasible);
      if (p.rawRow > 0) copyRow(fw.rawScores[k], buf, p.rawRow * nFeasible, nFeasible);
    }
    attempt.scores = new ScoreTable(t.names, nFeasible, buf, layout);
    return this.succeed(attempt, t.names[feasible[best]]);
  }

  /** Score layouts per skip pattern (records share them). */
  private readonly scoreLayouts = new Map<number, ScoreLayout>();

  private scoreLayout(): ScoreLayout {
    const fw = this.fw;
    let mask = 0;
    for (let k = 0; k < fw.score.length; k++) if (fw.scoreSkip[k]) mask |= 1 << k;
    let l = this.scoreLayouts.get(mask);
    if (!l) {
      l = scoreLayout(fw.score.map((w, k) => ({ name: w.plugin.name, weight: w.weight, normalizes: !!w.plugin.normalizeScore, skipped: fw.scoreSkip[k] === 1 })));
      this.scoreLayouts.set(mask, l);
    }
    return l;
  }

  private lastTs: { at: number; text: string } = { at: -1, text: '' };

  /** Formatting a timestamp costs a Date; pods scheduled at the same virtual instant share one. */
  private timestamp(): string {
    const now = this.h.clock.now();
    if (this.lastTs.at !== now) this.lastTs = { at: now, text: this.h.clock.timestamp() };
    return this.lastTs.text;
  }

  /**
   * selectHost: the highest total; ties broken uniformly at random with the seeded rng. Upstream samples the
   * reservoir one tie at a time; counting the ties and drawing once gives the same distribution.
   */
  private selectHost(n: number): number {
    const totals = this.fw.totals;
    let max = totals[0];
    let ties = 1;
    for (let j = 1; j < n; j++) {
      if (totals[j] > max) {
        max = totals[j];
        ties = 1;
      } else if (totals[j] === max) ties++;
    }
    let pick = ties > 1 ? this.rng.int(ties) : 0;
    for (let j = 0; j < n; j++) if (totals[j] === max && pick-- === 0) return j;
    return 0;
  }

  /** The Filter plugins of this cycle in order, with those whose PreFilter said Skip marked. */
  private filterPlugins(): Array<{ plugin: string; skipped: boolean }> {
    let mask = 0;
    for (let k = 0; k < this.fw.filter.length; k++) if (this.fw.filterSkip[k]) mask |= 1 << k;
    const hit = this.filterPluginLists.get(mask);
    if (hit) return hit;
    const out: Array<{ plugin: string; skipped: boolean }> = new Array(this.fw.filter.length);
    for (let k = 0; k < this.fw.filter.length; k++) out[k] = { plugin: this.fw.filter[k].name, skipped: this.fw.filterSkip[k] === 1 };
    this.filterPluginLists.set(mask, out);
    return out;
  }

  private filtered(): NodeFilterResult[] {
    const d = this.diagnosis;
    const out: NodeFilterResult[] = [];
    for (let k = 0; k < d.failedCount; k++) {
      const i = d.failed[k];
      const s = d.explicit(i)!;
      out.push({ node: this.h.nodes.names[i], plugin: s.plugin, code: s.code, reasons: [...s.reasons] });
    }
    return out;
  }

  private failFit(attempt: SchedulingAttempt, pod: PodInfo, numAll: number): CycleResult {
    const post = this.fw.runPostFilter(this.state, pod, this.h, this.diagnosis);
    const postMsg = post.status.message();
    attempt.postFilter = postMsg;
    const msg = fitErrorMessage(numAll, this.diagnosis, postMsg);
    const status = new Status('Unschedulable', [msg]);
    const r = this.fail(attempt, status, msg, new Set(this.diagnosis.unschedulablePlugins));
    if (!r.ok && post.nominatedNodeName !== undefined) {
      r.nominatedNodeName = post.nominatedNodeName;
      if (post.nominatedNodeName) attempt.nominatedNodeName = post.nominatedNodeName;
    }
    return r;
  }

  private fail(attempt: SchedulingAttempt, status: Status, message: string, plugins: Set<string>): CycleResult {
    attempt.outcome = status.isRejected() ? 'Unschedulable' : 'Error';
    attempt.message = message;
    return { ok: false, status, message, plugins, attempt };
  }

  private succeed(attempt: SchedulingAttempt, node: string): CycleResult {
    attempt.outcome = 'Scheduled';
    attempt.selectedNode = node;
    return { ok: true, node, attempt };
  }
}

/** dst[at..at+n) = src[0..n), without the typed-array view `subarray` would allocate. */
function copyRow(src: Int32Array, dst: Int32Array, at: number, n: number): void {
  for (let j = 0; j < n; j++) dst[at + j] = src[j];
}
