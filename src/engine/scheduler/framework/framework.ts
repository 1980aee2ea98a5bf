import type { PodInfo } from '../podinfo.ts';
import type { CycleState } from './cycle-state.ts';
import type { Diagnosis } from './diagnosis.ts';
import { ALL_EVENTS, type ClusterEventMask } from './events.ts';
import type {
  AnyPlugin,
  BindPlugin,
  FilterPlugin,
  Handle,
  PermitPlugin,
  PluginFactory,
  PostFilterPlugin,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  ScorePlugin,
} from './interfaces.ts';
import type { Profile } from './profile.ts';
import { errorStatus, Status } from './status.ts';

/** RunPreBindPlugins: a rejection keeps its plugin; an error becomes `running PreBind plugin "<name>": <error>`. */
function preBindFailure(plugin: string, s: Status): Status {
  if (s.isRejected()) return s.plugin ? s : new Status(s.code, s.reasons, plugin);
  return errorStatus(plugin, `running PreBind plugin "${plugin}": ${s.message()}`);
}

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/**
 * A profile's plugins sorted into extension points, and the code that runs each point (upstream's
 * frameworkImpl). Per-cycle buffers (skip flags, score arrays) are owned here and reused, so a cycle allocates
 * nothing per node.
 */
export class Framework {
  readonly plugins: AnyPlugin[];
  readonly queueSort: QueueSortPlugin;
  readonly preEnqueue: PreEnqueuePlugin[] = [];
  readonly preFilter: PreFilterPlugin[] = [];
  readonly filter: FilterPlugin[] = [];
  readonly postFilter: PostFilterPlugin[] = [];
  readonly preScore: PreScorePlugin[] = [];
  readonly score: WeightedScorePlugin[] = [];
  readonly reserve: ReservePlugin[] = [];
  readonly permit: PermitPlugin[] = [];
  readonly preBind: PreBindPlugin[] = [];
  readonly bind: BindPlugin[] = [];

  /** Per filter / score plugin: skipped in this cycle because its PreFilter / PreScore said Skip. */
  readonly filterSkip: Uint8Array;
  readonly scoreSkip: Uint8Array;
  /** The Filter plugins this cycle calls (not skipped, not passing every node), in profile order. */
  activeFilters: FilterPlugin[] = [];
  /** Per score plugin: raw then normalised scores of the feasible nodes, in feasible order. */
  scores: Int32Array[];
  /** Per score plugin: the raw scores (before NormalizeScore), for explanations. */
  rawScores: Int32Array[];
  /** Weighted sum per feasible node. */
  totals = new Float64Array(16);
  private readonly eventMasks = new Map<string, ClusterEventMask>();

  constructor(
    readonly profile: Profile,
    registry: Record<string, PluginFactory>,
    handle: Handle,
  ) {
    this.plugins = profile.plugins.map((p) => {
      const factory = registry[p.name];
      if (!factory) throw new Error(`plugin "${p.name}" is not registered`);
      return factory(handle, profile.args?.[p.name]);
    });
    let queueSort: QueueSortPlugin | undefined;
    profile.plugins.forEach((spec, k) => {
      const pl = this.plugins[k];
      const at = (point: string) => {
        if (spec.only) return spec.only.has(point);
        const d = profile.disabled?.[point];
        if (d === '*') return !!spec.alsoAt?.has(point);
        return !d || !d.has(spec.name);
      };
      if (pl.events !== undefined) this.eventMasks.set(pl.name, pl.events);
      if (pl.less && at('queueSort')) queueSort ??= pl as QueueSortPlugin;
      if (pl.preEnqueue && at('preEnqueue')) this.preEnqueue.push(pl as PreEnqueuePlugin);
      // PreFilter and Filter (PreScore and Score) go together: a Skip from the first must find the second.
      if (pl.preFilter && (at('preFilter') || (pl.filter && at('filter')))) this.preFilter.push(pl as PreFilterPlugin);
      if (pl.filter && at('filter')) this.filter.push(pl as FilterPlugin);
      if (pl.postFilter && at('postFilter')) this.postFilter.push(pl as PostFilterPlugin);
      if (pl.preScore && (at('preScore') || (pl.score && at('score')))) this.preScore.push(pl as PreScorePlugin);
      if (pl.score && at('score')) this.score.push({ plugin: pl as ScorePlugin, weight: spec.weight || 1 });
      if (pl.reserve && at('reserve')) this.reserve.push(pl as ReservePlugin);
      if (pl.permit && at('permit')) this.permit.push(pl as PermitPlugin);
      if (pl.preBind && at('preBind')) this.preBind.push(pl as PreBindPlugin);
      if (pl.bind && at('bind')) this.bind.push(pl as BindPlugin);
    });
    if (!queueSort) throw new Error('a profile needs a QueueSort plugin');
    this.queueSort = queueSort;
    this.filterSkip = new Uint8Array(this.filter.length);
    this.scoreSkip = new Uint8Array(this.score.length);
    this.scores = this.score.map(() => new Int32Array(16));
    this.rawScores = this.score.map(() => new Int32Array(16));
  }

  /** The cluster events that may resolve a rejection by `plugin` (all events when it registered none). */
  eventsFor(plugin: string): ClusterEventMask {
    return this.eventMasks.get(plugin) ?? ALL_EVENTS;
  }

  runPreEnqueue(pod: PodInfo): Status | undefined {
    for (const p of this.preEnqueue) {
      const s = p.preEnqueue(pod);
      if (s && !s.isSuccess()) return s;
    }
    return undefined;
  }

  /**
   * Run PreFilter plugins. Skip marks the plugin's Filter as skipped; a rejection ends the cycle; node-name
   * results from several plugins intersect.
   */
  runPreFilter(state: CycleState, pod: PodInfo, h: Handle): { status?: Status; nodeNames?: ReadonlySet<string>; narrowedBy: string[] } {
    this.filterSkip.fill(0);
    let nodeNames: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const p of this.preFilter) {
      const r = p.preFilter(state, pod, h);
      const s = r?.status;
      if (s?.isSkip()) {
        const k = this.filter.indexOf(p as unknown as FilterPlugin);
        if (k >= 0) this.filterSkip[k] = 1;
        continue;
      }
      if (s && !s.isSuccess()) return { status: s.plugin ? s : new Status(s.code, s.reasons, p.name), narrowedBy };
      const names = r?.result?.nodeNames;
      if (names) {
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => names.has(n))) : new Set(names);
        narrowedBy.push(p.name);
      }
    }
    return { nodeNames, narrowedBy };
  }

  /**
   * After PreFilter: the Filter plugins worth calling in this cycle. Skipped plugins and plugins that would pass
   * every node (`passesAll`) are left out; the others keep their order, so the first rejection is the same.
   */
  prepareFilters(pod: PodInfo, h: Handle): FilterPlugin[] {
    const out = this.activeFilters;
    out.length = 0;
    const filters = this.filter;
    for (let k = 0; k < filters.length; k++) {
      if (this.filterSkip[k]) continue;
      const f = filters[k];
      if (f.passesAll && f.passesAll(pod, h.nodes)) continue;
      out.push(f);
    }
    return out;
  }

  /** Run Filter plugins on node i; the first rejection wins (later plugins are not asked). */
  runFilters(state: CycleState, pod: PodInfo, i: number, h: Handle): Status | undefined {
    const filters = this.filter;
    for (let k = 0; k < filters.length; k++) {
      if (this.filterSkip[k]) continue;
      const s = filters[k].filter(state, pod, h.nodes, i);
      if (s && !s.isSuccess()) return s;
    }
    return undefined;
  }

  /** Run PostFilter plugins until one succeeds; otherwise combine their messages into one Unschedulable status. */
  runPostFilter(state: CycleState, pod: PodInfo, h: Handle, d: Diagnosis): { status: Status; nominatedNodeName?: string } {
    const reasons: string[] = [];
    for (const p of this.postFilter) {
      const r = p.postFilter(state, pod, h.nodes, d);
      if (r.status.isSuccess()) return r;
      if (!r.status.isRejected()) return r;
      reasons.push(...r.status.reasons);
    }
    return { status: new Status('Unschedulable', reasons) };
  }

  runPreScore(state: CycleState, pod: PodInfo, h: Handle, feasible: Int32Array, n: number): Status | undefined {
    this.scoreSkip.fill(0);
    for (const p of this.preScore) {
      const s = p.preScore(state, pod, h.nodes, feasible, n);
      if (s?.isSkip()) {
        const k = this.score.findIndex((w) => w.plugin === (p as unknown as ScorePlugin));
        if (k >= 0) this.scoreSkip[k] = 1;
        continue;
      }
      if (s && !s.isSuccess()) return s;
    }
    return undefined;
  }

  /**
   * Score the feasible nodes: each plugin scores every node, normalises, and its weighted score adds to
   * `totals`. Skipped plugins contribute nothing (their score rows are zero).
   */
  runScore(state: CycleState, pod: PodInfo, h: Handle, feasible: Int32Array, n: number): void {
    if (this.totals.length < n) {
      const size = Math.max(n, this.totals.length * 2);
      this.totals = new Float64Array(size);
      this.scores = this.scores.map(() => new Int32Array(size));
      this.rawScores = this.rawScores.map(() => new Int32Array(size));
    }
    const totals = this.totals;
    totals.fill(0, 0, n);
    for (let k = 0; k < this.score.length; k++) {
      const row = this.scores[k];
      if (this.scoreSkip[k]) {
        row.fill(0, 0, n);
        this.rawScores[k].fill(0, 0, n);
        continue;
      }
      const { plugin, weight } = this.score[k];
      if (plugin.scoreAll) plugin.scoreAll(state, pod, h.nodes, feasible, n, row);
      else for (let j = 0; j < n; j++) row[j] = plugin.score(state, pod, h.nodes, feasible[j]);
      if (plugin.normalizeScore) {
        this.rawScores[k].set(row.subarray(0, n));
        plugin.normalizeScore(state, pod, row, n);
      }
      for (let j = 0; j < n; j++) totals[j] += row[j] * weight;
    }
  }

  runReserve(state: CycleState, pod: PodInfo, node: string): Status | undefined {
    for (let k = 0; k < this.reserve.length; k++) {
      const s = this.reserve[k].reserve(state, pod, node);
      if (s && !s.isSuccess()) {
        this.runUnreserve(state, pod, node);
        return s;
      }
    }
    return undefined;
  }

  runUnreserve(state: CycleState, pod: PodInfo, node: string): void {
    for (let k = this.reserve.length - 1; k >= 0; k--) this.reserve[k].unreserve(state, pod, node);
  }

  runPermit(state: CycleState, pod: PodInfo, node: string): Status | undefined {
    for (const p of this.permit) {
      const s = p.permit(state, pod, node);
      if (s && s.isRejected()) return s;
      if (s && s.code === 'Error') return s;
    }
    return undefined;
  }

  /**
   * Run PreBind plugins from index `from`. A plugin answering WAIT stops the run (`{ wait: k }`): the binding
   * cycle polls it and resumes at k + 1. A failure that is not a rejection is wrapped as upstream's
   * RunPreBindPlugins does.
   */
  runPreBind(state: CycleState, pod: PodInfo, node: string, from = 0): Status | { wait: number } | undefined {
    for (let k = from; k < this.preBind.length; k++) {
      const p = this.preBind[k];
      const s = p.preBind(state, pod, node);
      if (s?.code === 'Wait') return { wait: k };
      if (s && !s.isSuccess()) return preBindFailure(p.name, s);
    }
    return undefined;
  }

  /** One poll of a waiting PreBind plugin: undefined when done, WAIT, or the wrapped failure. */
  checkPreBind(k: number, state: CycleState, pod: PodInfo, node: string, elapsedMs: number): Status | undefined {
    const p = this.preBind[k];
    const s = p.preBindCheck ? p.preBindCheck(state, pod, node, elapsedMs) : undefined;
    if (!s || s.isSuccess() || s.code === 'Wait') return s;
    return preBindFailure(p.name, s);
  }

  runBind(state: CycleState, pod: PodInfo, node: string): Status | undefined {
    for (const p of this.bind) {
      const s = p.bind(state, pod, node);
      if (s?.isSkip()) continue;
      return s && !s.isSuccess() ? s : undefined;
    }
    return errorStatus('', 'all bind plugins skipped binding');
  }
}
