import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { Cluster, KubeObject } from '../../engine/index.ts';

/** The part of a Cluster the source reads. */
export type WatchableCluster = Pick<Cluster, 'list' | 'watch' | 'now'>;

/** What the live view renders: the nodes, pods and events at the last flush, plus the virtual time. */
export interface ClusterSnapshot {
  /** Increments whenever the objects changed since the previous flush. */
  version: number;
  nodes: readonly Node[];
  pods: readonly Pod[];
  /** core/v1 Events, in no particular order. */
  events: readonly Event[];
}

const TRACKED = new Set(['Node', 'Pod', 'Event']);

/**
 * The UI's window on a cluster: an external store for `useSyncExternalStore`. It keeps its own index of
 * nodes, pods and events from `cluster.watch` (the objects are the engine's read-only snapshots, never copied), and
 * notifies React at most once per `flush`, which the page calls once per animation frame. A burst of a
 * thousand store writes therefore costs one React update.
 */
export class ClusterSource {
  private nodes = new Map<string, Node>();
  private pods = new Map<string, Pod>();
  private events = new Map<string, Event>();
  private dirty = false;
  private listeners = new Set<() => void>();
  private snapshot: ClusterSnapshot = { version: 0, nodes: [], pods: [], events: [] };
  private now: number;
  private unwatch: (() => void) | undefined;

  constructor(readonly cluster: WatchableCluster) {
    this.now = cluster.now();
    this.connect();
  }

  /**
   * Start (or restart) following the cluster: re-list, then watch. Safe to call again after `dispose`,
   * which is what React's development double-mount does to effects.
   */
  connect(): void {
    if (this.unwatch) return;
    this.nodes.clear();
    this.pods.clear();
    this.events.clear();
    for (const n of this.cluster.list('nodes')) this.nodes.set(key(n), n as Node);
    for (const p of this.cluster.list('pods')) this.pods.set(key(p), p as Pod);
    for (const e of this.cluster.list('events')) this.events.set(key(e), e as unknown as Event);
    this.unwatch = this.cluster.watch((ev) => {
      if (!TRACKED.has(ev.kind)) return;
      const map: Map<string, unknown> = ev.kind === 'Node' ? this.nodes : ev.kind === 'Pod' ? this.pods : this.events;
      if (ev.type === 'DELETED') map.delete(key(ev.object));
      else map.set(key(ev.object), ev.object);
      this.dirty = true;
    });
    this.rebuild();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ClusterSnapshot => this.snapshot;

  /** Virtual milliseconds since the cluster started, as of the last flush. */
  getNow = (): number => this.now;

  /** Publish changes since the last flush (if any) in one notification. */
  flush(): void {
    const now = this.cluster.now();
    const timeMoved = now !== this.now;
    this.now = now;
    if (this.dirty) this.rebuild();
    if (this.dirty || timeMoved) for (const l of this.listeners) l();
    this.dirty = false;
  }

  /** Stop following the cluster (subscribers stay; `connect` resumes). */
  dispose(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private rebuild(): void {
    this.snapshot = { version: this.snapshot.version + 1, nodes: [...this.nodes.values()], pods: [...this.pods.values()], events: [...this.events.values()] };
  }
}

function key(o: KubeObject | Node | Pod | Event): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}
