import type { ApiServer } from '../../api/server.ts';
import type { VirtualClock } from '../../clock/clock.ts';
import type { EventRecorder } from '../../events/recorder.ts';
import type { NodeTable } from '../nodetable.ts';
import type { PodCache } from '../podcache.ts';
import type { KubeObject } from '../../api/types.ts';
import type { PodInfo } from '../podinfo.ts';
import type { CycleState } from './cycle-state.ts';
import type { Diagnosis } from './diagnosis.ts';
import type { ClusterEventMask } from './events.ts';
import type { Status } from './status.ts';
import type { Rng } from '../../util/rng.ts';

/**
 * The extension points of the scheduling framework, one interface per phase, as upstream's
 * framework/interface.go. A plugin implements the phases it needs; the framework finds them by the methods
 * present. `undefined` from a phase means Success.
 *
 * Node arguments are indices into the NodeTable: plugins read node state from its typed arrays.
 */
export interface Plugin {
  readonly name: string;
  /** Cluster events that can make pods this plugin rejected schedulable again (EventsToRegister). */
  readonly events?: ClusterEventMask;
}

/** What plugins may use of the cluster. */
export interface Handle {
  nodes: NodeTable;
  /** Bound pods: labels, affinity, host ports, and per-node selector counts. */
  pods: PodCache;
  /** Read-only listers (the informer caches upstream plugins read: services, replica sets, PVCs, ...). */
  store: { get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined; list(resource: string, namespace?: string): KubeObject[] };
  api: ApiServer;
  clock: VirtualClock;
  events: EventRecorder;
  /** Whether the pod fits the node as the caches stand now (PreFilter then Filter, fresh cycle state): for preemption's dry run. */
  fits?: (pod: PodInfo, node: string) => Status | undefined;
  /** The scheduler's random stream (tie-breaks, preemption's candidate offset). */
  rng?: Rng;
}

export interface QueuedPod {
  info: PodInfo;
  /** Virtual ms when the pod was (re-)added to the queue. */
  timestamp: number;
  /** Insertion sequence: a deterministic tie-break for equal timestamps. */
  seq: number;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPod, b: QueuedPod): boolean;
}

/** Decides whether a pod may enter the active queue at all (e.g. scheduling gates). Non-success holds it. */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): Status | undefined;
}

/** The result of PreFilter: a set of node names to restrict filtering to, or undefined for all nodes. */
export interface PreFilterResult {
  nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  /** Return Skip to have this plugin's Filter skipped for the pod; a rejection fails the cycle for all nodes. */
  preFilter(state: CycleState, pod: PodInfo, h: Handle): { status?: Status; result?: PreFilterResult } | undefined;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, nodes: NodeTable, i: number): Status | undefined;
  /**
   * Kubelab's shortcut, not an upstream extension point: true when Filter would accept every node for this pod
   * as the node table stands (a pod that names no node; a cluster without cordoned or tainted nodes). The cycle
   * then does not call Filter; explanations still list the plugin as run, with Success, as upstream would.
   */
  passesAll?(pod: PodInfo, nodes: NodeTable): boolean;
}

export interface PostFilterResult {
  status: Status;
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** Runs when no node passed the filters; `diagnosis` holds every node's status. */
  postFilter(state: CycleState, pod: PodInfo, nodes: NodeTable, diagnosis: Diagnosis): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  /** `feasible[0..n)` are the node indices that passed filtering. Return Skip to skip this plugin's Score. */
  preScore(state: CycleState, pod: PodInfo, nodes: NodeTable, feasible: Int32Array, n: number): Status | undefined;
}

export interface ScorePlugin extends Plugin {
  /** A score in [0, 100] (after normalisation) for node i. */
  score(state: CycleState, pod: PodInfo, nodes: NodeTable, i: number): number;
  /**
   * The same scores for every feasible node at once: out[j] = score(feasible[j]) for j < n. Optional; plugins on
   * the hot path provide it so the cycle makes one call per plugin instead of one per node.
   */
  scoreAll?(state: CycleState, pod: PodInfo, nodes: NodeTable, feasible: Int32Array, n: number, out: Int32Array): void;
  /** NormalizeScore (upstream's ScoreExtensions): rewrite scores[0..n) in place into [0, 100]. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Int32Array, n: number): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** Permit may approve or deny; Kubelab has no waiting pods (Wait is treated as Success). */
export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined;
}

export interface PreBindPlugin extends Plugin {
  /**
   * Upstream's PreBind may block (VolumeBinding waits for its claims to bind). Here it returns at once: WAIT
   * says its work is under way, and the binding cycle asks `preBindCheck` again every second of virtual time,
   * the pod staying assumed on its node meanwhile.
   */
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined;
  /** After WAIT: done (undefined), still WAIT, or a failure. `elapsedMs` is the virtual time since preBind. */
  preBindCheck?(state: CycleState, pod: PodInfo, nodeName: string, elapsedMs: number): Status | undefined;
}

export interface BindPlugin extends Plugin {
  /** Return Skip to let the next bind plugin handle the pod. */
  bind(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined;
}

export type AnyPlugin = Plugin &
  Partial<
    QueueSortPlugin &
      PreEnqueuePlugin &
      PreFilterPlugin &
      FilterPlugin &
      PostFilterPlugin &
      PreScorePlugin &
      ScorePlugin &
      ReservePlugin &
      PermitPlugin &
      PreBindPlugin &
      BindPlugin
  >;

/** Builds a plugin for a profile (upstream's PluginFactory). */
export type PluginFactory = (h: Handle, args?: Record<string, unknown>) => AnyPlugin;
