import type { VirtualClock } from '../clock/clock.ts';
import { ClusterEvent, type ClusterEventMask } from './framework/events.ts';
import type { Framework } from './framework/framework.ts';

/** What the queue needs of the scheduler's frameworks (with several profiles, a router over them). */
export type QueueFramework = Pick<Framework, 'queueSort' | 'runPreEnqueue' | 'eventsFor'>;
import type { QueuedPod } from './framework/interfaces.ts';
import { Heap } from '../util/heap.ts';
import type { PodInfo } from './podinfo.ts';

/** Upstream defaults: podInitialBackoffSeconds 1, podMaxBackoffSeconds 10, podMaxInUnschedulablePodsDuration 5 min. */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
/** How often the unschedulable pool is checked for pods waiting too long (flushUnschedulablePodsLeftover). */
export const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000;

export type QueueLocation = 'active' | 'backoff' | 'unschedulable' | 'gated' | 'inFlight';

/** A pod in the scheduling queue (upstream's QueuedPodInfo). */
export interface QueueEntry extends QueuedPod {
  where: QueueLocation;
  /** Scheduling attempts so far (incremented when popped). */
  attempts: number;
  /** Plugins that rejected the pod in its last attempt: only events they registered move it. */
  unschedulablePlugins: Set<string>;
  /** Bumped whenever the entry is (re)pushed, so stale heap items are recognised and dropped. */
  version: number;
}

/**
 * The scheduling queue (upstream's PriorityQueue): activeQ ordered by the QueueSort plugin, a backoff queue
 * whose pods wait 1 s, 2 s, 4 s … up to 10 s after each failed attempt, a pool of unschedulable pods that
 * cluster events move back, and gated pods held by PreEnqueue plugins.
 */
export class SchedulingQueue {
  private readonly entries = new Map<string, QueueEntry>();
  private readonly active: Heap<{ e: QueueEntry; v: number }>;
  private readonly backoff = new Heap<{ e: QueueEntry; v: number; at: number }>((a, b) => a.at < b.at || (a.at === b.at && a.e.seq < b.e.seq));
  private readonly unschedulable = new Set<QueueEntry>();
  private seq = 0;
  private backoffTimer: number | undefined;
  private backoffTimerAt = Infinity;
  private leftoverTimerArmed = false;

  constructor(
    private readonly fw: QueueFramework,
    private readonly clock: VirtualClock,
    /** Called whenever a pod becomes active, so the scheduler gets to run. */
    private readonly onActive: () => void,
  ) {
    this.active = new Heap((a, b) => fw.queueSort.less(a.e, b.e));
  }

  get(uid: string): QueueEntry | undefined {
    return this.entries.get(uid);
  }

  /** Counts per location, for diagnostics and tests. */
  stats(): Record<QueueLocation, number> {
    const s: Record<QueueLocation, number> = { active: 0, backoff: 0, unschedulable: 0, gated: 0, inFlight: 0 };
    for (const e of this.entries.values()) s[e.where]++;
    return s;
  }

  /** A new pod to schedule. PreEnqueue plugins may hold it back (gated). */
  add(info: PodInfo): void {
    if (this.entries.has(info.uid)) return this.update(info);
    const e: QueueEntry = { info, timestamp: this.clock.now(), seq: this.seq++, where: 'gated', attempts: 0, unschedulablePlugins: new Set(), version: 0 };
    this.entries.set(info.uid, e);
    if (!this.fw.runPreEnqueue(info)) this.toActive(e);
  }

  /**
   * The pod's spec or labels changed. A gated pod is re-checked; an unschedulable pod gets another try
   * (after its backoff); a queued pod is re-sorted.
   */
  update(info: PodInfo): void {
    const e = this.entries.get(info.uid);
    if (!e) return this.add(info);
    e.info = info;
    switch (e.where) {
      case 'gated':
        if (!this.fw.runPreEnqueue(info)) this.toActive(e);
        break;
      case 'unschedulable':
        this.unschedulable.delete(e);
        this.toActiveOrBackoff(e);
        break;
      case 'active':
        this.toActive(e);
        break;
      default:
        break;
    }
  }

  delete(uid: string): void {
    const e = this.entries.get(uid);
    if (!e) return;
    this.entries.delete(uid);
    this.unschedulable.delete(e);
    e.version++;
  }

  /** The next pod to schedule, marked in flight; undefined when activeQ is empty. */
  pop(): QueueEntry | undefined {
    for (;;) {
      const item = this.active.pop();
      if (!item) return undefined;
      const e = item.e;
      if (e.version !== item.v || e.where !== 'active' || this.entries.get(e.info.uid) !== e) continue;
      e.where = 'inFlight';
      e.attempts++;
      return e;
    }
  }

  /** The attempt finished (bound, or the pod went away): forget the pod. */
  done(e: QueueEntry): void {
    if (this.entries.get(e.info.uid) === e) this.entries.delete(e.info.uid);
    e.version++;
  }

  /** The attempt found no node: park the pod until an event a rejecting plugin cares about. */
  addUnschedulable(e: QueueEntry, plugins: Iterable<string>): void {
    if (this.entries.get(e.info.uid) !== e) return;
    e.unschedulablePlugins = new Set(plugins);
    e.timestamp = this.clock.now();
    e.where = 'unschedulable';
    e.version++;
    this.unschedulable.add(e);
    this.armLeftoverFlush();
  }

  /** The attempt failed with an error: retry after the backoff. */
  addBackoff(e: QueueEntry): void {
    if (this.entries.get(e.info.uid) !== e) return;
    e.timestamp = this.clock.now();
    this.toBackoff(e);
  }

  /** A cluster event happened: move the unschedulable pods it may help (upstream's MoveAllToActiveOrBackoffQueue). */
  moveAll(event: ClusterEventMask): void {
    if (this.unschedulable.size === 0) return;
    for (const e of [...this.unschedulable]) {
      if (!this.interested(e, event)) continue;
      this.unschedulable.delete(e);
      this.toActiveOrBackoff(e);
    }
  }

  /** upstream's calculateBackoffDuration: 1 s doubled per further attempt, capped at 10 s. */
  backoffDuration(attempts: number): number {
    let d = INITIAL_BACKOFF_MS;
    for (let i = 1; i < attempts; i++) {
      if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS;
      d += d;
    }
    return d;
  }

  private interested(e: QueueEntry, event: ClusterEventMask): boolean {
    if (event & ClusterEvent.UnschedulableTimeout) return true;
    if (e.unschedulablePlugins.size === 0) return true;
    for (const p of e.unschedulablePlugins) if (this.fw.eventsFor(p) & event) return true;
    return false;
  }

  private toActiveOrBackoff(e: QueueEntry): void {
    const expiry = e.timestamp + this.backoffDuration(e.attempts);
    if (e.attempts > 0 && this.clock.now() < expiry) this.toBackoff(e);
    else this.toActive(e);
  }

  private toActive(e: QueueEntry): void {
    e.where = 'active';
    e.version++;
    this.active.push({ e, v: e.version });
    this.onActive();
  }

  private toBackoff(e: QueueEntry): void {
    e.where = 'backoff';
    e.version++;
    const at = e.timestamp + this.backoffDuration(e.attempts);
    this.backoff.push({ e, v: e.version, at });
    this.armBackoffTimer(at);
  }

  /** One timer, due at the earliest backoff expiry, moves every expired pod to activeQ. */
  private armBackoffTimer(at: number): void {
    if (at >= this.backoffTimerAt) return;
    this.clock.cancel(this.backoffTimer);
    this.backoffTimerAt = at;
    this.backoffTimer = this.clock.schedule(() => this.flushBackoff(), Math.max(0, at - this.clock.now()), { label: 'scheduler:backoff' });
  }

  private flushBackoff(): void {
    this.backoffTimer = undefined;
    this.backoffTimerAt = Infinity;
    const now = this.clock.now();
    for (;;) {
      const top = this.backoff.peek();
      if (!top) break;
      if (top.e.version !== top.v || top.e.where !== 'backoff') {
        this.backoff.pop();
        continue;
      }
      if (top.at > now) {
        this.armBackoffTimer(top.at);
        break;
      }
      this.backoff.pop();
      this.toActive(top.e);
    }
  }

  /** Every 30 s, pods unschedulable for over 5 min get another attempt. A background timer: it never keeps the cluster busy. */
  private armLeftoverFlush(): void {
    if (this.leftoverTimerArmed) return;
    this.leftoverTimerArmed = true;
    const tick = () => {
      const now = this.clock.now();
      for (const e of [...this.unschedulable]) {
        if (now - e.timestamp <= MAX_IN_UNSCHEDULABLE_MS) continue;
        this.unschedulable.delete(e);
        this.toActiveOrBackoff(e);
      }
      if (this.unschedulable.size === 0) {
        this.leftoverTimerArmed = false;
        return;
      }
      this.clock.schedule(tick, UNSCHEDULABLE_FLUSH_INTERVAL_MS, { background: true, label: 'scheduler:flush-unschedulable' });
    };
    this.clock.schedule(tick, UNSCHEDULABLE_FLUSH_INTERVAL_MS, { background: true, label: 'scheduler:flush-unschedulable' });
  }
}
