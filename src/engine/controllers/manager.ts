import type { StoreEvent } from '../store/store.ts';
import type { Controller, ControllerContext } from './types.ts';

/**
 * A de-duplicating FIFO: a key already waiting is not added twice. Keys wait in an array with a moving head
 * (popping the front of a Set would make each pop skip every key popped before it, until the Set rehashes).
 */
class WorkQueue {
  private keys = new Set<string>();
  private order: string[] = [];
  private head = 0;
  /** Keys waiting in all queues of the manager, so a drain with nothing to do returns at once. */
  constructor(private readonly total: { queued: number }) {}
  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.order.push(key);
    this.total.queued++;
  }
  pop(): string | undefined {
    if (this.keys.size === 0) return undefined;
    this.total.queued--;
    const key = this.order[this.head++];
    if (this.head === this.order.length) {
      this.order = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    this.keys.delete(key);
    return key;
  }
  get size(): number {
    return this.keys.size;
  }
}

/**
 * Runs controllers: store events become keys in each interested controller's de-duplicating queue, and
 * `drain` reconciles until every queue is empty. All of it happens at the current virtual instant; delays
 * come only from `enqueueAfter` and from the timers of kubelets and other node agents.
 */
export class ControllerManager {
  private entries: Array<{
    c: Controller;
    q: WorkQueue;
    ctx: ControllerContext;
    timers: Map<string, { id: number; at: number }>;
    /** The process the controller runs in (e.g. `kube-controller-manager`), for leader-election gating. */
    component?: string;
    /** True while its component holds no leader lease: keys wait in the queue, nothing reconciles. */
    paused: boolean;
  }> = [];
  private byResource = new Map<string, Array<{ entry: { c: Controller; q: WorkQueue }; keys: (ev: StoreEvent) => string[] }>>();
  private draining = false;
  private readonly total = { queued: 0 };
  private readonly gates = new Map<string, { component: string; isActive: () => boolean; active: boolean }>();
  /** Reconcile errors, kept for diagnostics (a controller bug must not take the cluster down). */
  readonly errors: Array<{ controller: string; key: string; error: string }> = [];

  constructor(private readonly baseCtx: Omit<ControllerContext, 'enqueueAfter'>) {}

  /** The API a controller writes through (its own identity's view); unset or undefined: the server itself. */
  private apiFor?: (controller: string, component: string | undefined) => ControllerContext['api'] | undefined;

  /** Give controllers, present and future, the API of their own identity (kube-controller-manager's credentials). */
  setApiFor(fn: (controller: string, component: string | undefined) => ControllerContext['api'] | undefined): void {
    this.apiFor = fn;
    for (const e of this.entries) e.ctx.api = fn(e.c.name, e.component) ?? this.baseCtx.api;
  }

  /**
   * Start a controller. `component` names the process it belongs to (`kube-controller-manager`,
   * `kube-scheduler`): while that component has no leader (see `setComponentActive`), it does no work.
   */
  add(c: Controller, component?: string): void {
    const q = new WorkQueue(this.total);
    const clock = this.baseCtx.clock;
    // One pending requeue per key, the earliest wins (as the workqueue's AddAfter). A reconcile of the key
    // supersedes it: being level-based, that reconcile asks again for any requeue it still needs, so a
    // stale timer (e.g. a progress deadline of a Deployment that has since completed) does not keep the
    // cluster busy for runUntilIdle.
    const timers = new Map<string, { id: number; at: number }>();
    const ctx: ControllerContext = {
      ...this.baseCtx,
      api: this.apiFor?.(c.name, component) ?? this.baseCtx.api,
      enqueueAfter: (key, ms) => {
        const at = clock.now() + Math.max(0, ms);
        const cur = timers.get(key);
        if (cur && cur.at <= at) return;
        if (cur) clock.cancel(cur.id);
        const id = clock.schedule(
          () => {
            timers.delete(key);
            q.add(key);
          },
          ms,
          { label: `${c.name}:${key}` },
        );
        timers.set(key, { id, at });
      },
    };
    const entry = { c, q, ctx, timers, component, paused: component !== undefined && this.gates.get(component)?.active === false };
    this.entries.push(entry);
    for (const w of c.watches) {
      const list = this.byResource.get(w.resource) ?? [];
      list.push({ entry, keys: w.keys });
      this.byResource.set(w.resource, list);
    }
    c.start?.(ctx, (k) => q.add(k));
  }

  /**
   * Leader-election gate: while `isActive()` is false (the component has no leader), its controllers do not
   * reconcile; their keys wait, as events queue up in a standby's informers. When a leader is elected again,
   * everything queued is worked off. Checked at the start of every drain, so a leader whose node fails stops
   * at once.
   */
  setComponentGate(component: string, isActive: () => boolean): void {
    this.gates.set(component, { component, isActive, active: true });
    this.refreshGates();
  }

  private refreshGates(): void {
    if (this.gates.size === 0) return;
    // Runs on every drain (after every timer): values only, no [key, value] pair per gate.
    for (const g of this.gates.values()) {
      const active = g.isActive();
      if (active === g.active) continue;
      g.active = active;
      for (const e of this.entries) if (e.component === g.component) e.paused = !active;
    }
  }

  onStoreEvent(ev: StoreEvent): void {
    const list = this.byResource.get(ev.resource);
    if (!list) return;
    // Runs for every store write and every watcher of its resource: plain index loops.
    for (let i = 0; i < list.length; i++) {
      const w = list[i];
      const keys = w.keys(ev);
      for (let j = 0; j < keys.length; j++) w.entry.q.add(keys[j]);
    }
  }

  pending(): number {
    if (this.total.queued === 0) return 0;
    this.refreshGates();
    let n = 0;
    for (const e of this.entries) if (!e.paused) n += e.q.size;
    return n;
  }

  /** Reconcile until all queues are empty (bounded, so a controller that never converges cannot hang the lab). */
  drain(maxSteps = 2_000_000): void {
    // Runs after every timer the clock fires: most find every queue empty.
    if (this.draining || this.total.queued === 0) return;
    this.refreshGates();
    this.draining = true;
    try {
      let steps = 0;
      let progressed = true;
      while (progressed && steps < maxSteps) {
        progressed = false;
        for (const e of this.entries) {
          if (e.paused) continue;
          const key = e.q.pop();
          if (key === undefined) continue;
          progressed = true;
          steps++;
          const pendingTimer = e.timers.get(key);
          if (pendingTimer) {
            e.ctx.clock.cancel(pendingTimer.id);
            e.timers.delete(key);
          }
          try {
            const r = e.c.reconcile(key, e.ctx);
            if (r?.requeueAfterMs !== undefined) e.ctx.enqueueAfter(key, r.requeueAfterMs);
          } catch (err) {
            this.errors.push({ controller: e.c.name, key, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
            if (this.errors.length > 1000) this.errors.shift();
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
