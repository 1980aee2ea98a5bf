import { Heap } from '../util/heap.ts';

/**
 * The virtual clock: the only source of time in the engine.
 *
 * Timers are kept in a binary heap ordered by (due time, sequence number), so two timers due at the same
 * instant always fire in the order they were scheduled and every run with the same inputs is identical.
 * Time moves only when `advance` or `runUntilIdle` is called; nothing here reads the wall clock.
 */
export type TimerId = number;

/** Timers by due time, and timers due at the same instant in the order they were scheduled. */
function dueFirst(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  fn: () => void;
  /** Background timers (heartbeats, periodic probes) do not keep the cluster "busy" for runUntilIdle. */
  background: boolean;
  label: string;
}

export class VirtualClock {
  private heap = new Heap<Timer>(dueFirst);
  private live = new Map<TimerId, Timer>();
  private seq = 0;
  private nextId = 1;
  private current: number;
  private foregroundCount = 0;
  /** Hooks run after the timers due at an instant have fired (the controller manager drains its queues here). */
  private afterFire: Array<() => void> = [];

  constructor(
    /** Milliseconds since the Unix epoch at virtual time zero; used only to format timestamps. */
    readonly epochMs: number,
  ) {
    this.current = 0;
  }

  /** Virtual milliseconds since the cluster started. */
  now(): number {
    return this.current;
  }

  /** Absolute virtual time as Unix milliseconds (epoch + now), for timestamps. */
  nowUnixMs(): number {
    return this.epochMs + this.current;
  }

  /** RFC 3339 timestamp with second precision, as Kubernetes metav1.Time serialises. */
  timestamp(atMs: number = this.current): string {
    // Writers stamp many objects with a handful of recent seconds (now, a pod's start time, a container's):
    // format each second once.
    const sec = Math.floor((this.epochMs + atMs) / 1000);
    let text = this.tsCache.get(sec);
    if (text === undefined) {
      text = new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      if (this.tsCache.size >= 4096) this.tsCache.clear();
      this.tsCache.set(sec, text);
    }
    return text;
  }
  private readonly tsCache = new Map<number, string>();

  /** RFC 3339 with microseconds, as metav1.MicroTime serialises (Events, Leases). */
  microTimestamp(atMs: number = this.current): string {
    return new Date(this.epochMs + atMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /** Parse a timestamp written by `timestamp` back to virtual ms. */
  parse(ts: string): number {
    return Date.parse(ts) - this.epochMs;
  }

  schedule(fn: () => void, delayMs: number, opts: { background?: boolean; label?: string } = {}): TimerId {
    const t: Timer = {
      id: this.nextId++,
      at: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      fn,
      background: opts.background ?? false,
      label: opts.label ?? '',
    };
    this.live.set(t.id, t);
    if (!t.background) this.foregroundCount++;
    this.heap.push(t);
    return t.id;
  }

  cancel(id: TimerId | undefined): void {
    if (id === undefined) return;
    const t = this.live.get(id);
    if (!t) return;
    this.live.delete(id);
    if (!t.background) this.foregroundCount--;
    // The heap entry stays and is skipped when popped (lazy deletion keeps cancel O(1)).
  }

  onAfterFire(fn: () => void): void {
    this.afterFire.push(fn);
  }

  /** Number of pending timers that are not background timers. */
  busy(): number {
    return this.foregroundCount;
  }

  /** Due time of the earliest live timer, or undefined. */
  nextDue(foregroundOnly = false): number | undefined {
    this.prune();
    if (!foregroundOnly) return this.heap.peek()?.at;
    let best: number | undefined;
    for (const t of this.live.values()) if (!t.background && (best === undefined || t.at < best)) best = t.at;
    return best;
  }

  /** Fire every timer due at or before now + ms, in order, then set now to now + ms. */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    this.runUntil(target);
    this.current = target;
  }

  /** Fire all timers due at or before the current instant (work triggered "now"). */
  settle(): void {
    this.runUntil(this.current);
  }

  /**
   * Advance through timers until only background timers remain, or until `maxMs` of virtual time passes.
   * Returns the virtual ms that elapsed.
   */
  runUntilIdle(maxMs = 3_600_000): number {
    const start = this.current;
    const limit = start + maxMs;
    this.settle();
    while (this.foregroundCount > 0) {
      const due = this.nextDue(true);
      if (due === undefined || due > limit) break;
      // Stop as soon as no foreground work is left: background work on the way (a readiness probe) may have
      // cancelled the foreground timer we were heading for (a Deployment's progress deadline).
      this.runUntil(due, true);
    }
    return this.current - start;
  }

  private runUntil(target: number, untilIdle = false): void {
    // True while timers of the current instant have fired and the hooks have not run since.
    let hooksDue = false;
    for (;;) {
      if (untilIdle && this.foregroundCount === 0) break;
      this.prune();
      const top = this.heap.peek();
      if (!top || top.at > target) break;
      if (hooksDue && top.at > this.current) {
        // Hooks run once the instant's last due timer has fired: controllers then see everything that
        // happened at that instant together (one ReplicaSet sync for ten pods that became ready at once), as
        // a real controller's workqueue coalesces the keys of a burst of informer events.
        hooksDue = false;
        this.runHooks();
        continue;
      }
      this.heap.pop();
      this.live.delete(top.id);
      if (!top.background) this.foregroundCount--;
      if (top.at > this.current) this.current = top.at;
      top.fn();
      hooksDue = true;
    }
    if (hooksDue) this.runHooks();
  }

  private runHooks(): void {
    for (const h of this.afterFire) h();
  }

  private prune(): void {
    for (let t = this.heap.peek(); t && !this.live.has(t.id); t = this.heap.peek()) this.heap.pop();
  }
}
