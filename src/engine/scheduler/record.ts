import type { Code } from './framework/status.ts';
import type { ScoreTable } from './scoretable.ts';

/** Why one node was rejected in an attempt. */
export interface NodeFilterResult {
  node: string;
  plugin: string;
  code: Code;
  reasons: string[];
}

export { ScoreTable, type PluginScores } from './scoretable.ts';

/**
 * What the scheduler did with a pod in its last attempt, for `lab explain-scheduling`: which nodes were
 * looked at, which plugin rejected each rejected node and why, how the feasible nodes scored, and the outcome.
 */
export interface SchedulingAttempt {
  namespace: string;
  name: string;
  uid: string;
  /** Virtual ms and RFC 3339 time of the attempt. */
  atMs: number;
  time: string;
  attempt: number;
  numAllNodes: number;
  /** How many feasible nodes the scheduler was content to find (adaptive percentageOfNodesToScore). */
  numNodesToFind: number;
  /** Nodes filtered (feasible + rejected) and feasible. */
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Set when a PreFilter plugin rejected the pod or narrowed the candidate nodes. */
  preFilter?: { plugin: string; code: Code; reasons: string[] } | { narrowedTo: string[]; by: string[] };
  filtered: NodeFilterResult[];
  /** The Filter plugins in the order they ran, and whether their PreFilter skipped them. */
  filterPlugins?: Array<{ plugin: string; skipped: boolean }>;
  /** The single feasible node, when there was exactly one (nothing was scored). */
  feasible?: string[];
  /** Absent when there was nothing to score (no feasible node, or exactly one). */
  scores?: ScoreTable;
  outcome: 'Scheduled' | 'Unschedulable' | 'Error';
  selectedNode?: string;
  /** The FailedScheduling message (or the error), when not scheduled. */
  message?: string;
  postFilter?: string;
  /** The node preemption made room on (status.nominatedNodeName). */
  nominatedNodeName?: string;
}

/**
 * The last attempt per pod, bounded: the oldest records go first once `limit` pods are held, so a
 * 150,000-pod run keeps memory flat. A pod's record is dropped when the pod is deleted.
 */
export class AttemptRecords {
  private readonly byUid = new Map<string, SchedulingAttempt>();
  private readonly byName = new Map<string, string>();
  /**
   * Walks byUid from its oldest entry. A fresh `keys().next()` per eviction would skip every entry deleted
   * before it (until the table rehashes): quadratic once the bound is reached. A live Map iterator skips
   * deleted entries once and sees re-inserted ones at their new place, so each eviction is amortised O(1).
   */
  private readonly oldest = this.byUid.keys();

  constructor(private readonly limit = 2_000) {}

  put(a: SchedulingAttempt): void {
    const prev = this.byUid.get(a.uid);
    // A dropped record gives its score buffer back (see ScoreTable).
    if (prev && prev !== a) prev.scores?.release();
    this.byUid.delete(a.uid);
    this.byUid.set(a.uid, a);
    this.byName.set(`${a.namespace}/${a.name}`, a.uid);
    while (this.byUid.size > this.limit) {
      const oldest = this.oldest.next().value as string;
      const o = this.byUid.get(oldest)!;
      o.scores?.release();
      this.byUid.delete(oldest);
      if (this.byName.get(`${o.namespace}/${o.name}`) === oldest) this.byName.delete(`${o.namespace}/${o.name}`);
    }
  }

  get(namespace: string, name: string): SchedulingAttempt | undefined {
    const uid = this.byName.get(`${namespace}/${name}`);
    return uid ? this.byUid.get(uid) : undefined;
  }

  delete(uid: string): void {
    const a = this.byUid.get(uid);
    if (!a) return;
    a.scores?.release();
    this.byUid.delete(uid);
    if (this.byName.get(`${a.namespace}/${a.name}`) === uid) this.byName.delete(`${a.namespace}/${a.name}`);
  }

  get size(): number {
    return this.byUid.size;
  }
}
