import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { Cluster, KubeObject } from '../../engine/index.ts';

/** The part of a Cluster the source reads. */
export type WatchableCluster = Pick<Cluster, 'list' | 'watch' | 'now'> & Partial<Pick<Cluster, 'onReset'>>;

/**
 * The kinds the live view follows, with the plural `cluster.list` takes. Nodes, pods and events feed the
 * graph, inspector and timeline; the rest are what the graph draws around pods (Services and their
 * EndpointSlices, Ingresses, workload owners) and the control plane's leader leases.
 */
export const TRACKED_KINDS = {
  Node: 'nodes',
  Pod: 'pods',
  Event: 'events',
  Service: 'services',
  EndpointSlice: 'endpointslices',
  Ingress: 'ingresses',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  Lease: 'leases',
} as const;
export type TrackedKind = keyof typeof TRACKED_KINDS;

/** What the live view renders: the tracked objects at the last flush, plus the virtual time. */
export interface ClusterSnapshot {
  /** Increments whenever the objects changed since the previous flush. */
  version: number;
  nodes: readonly Node[];
  pods: readonly Pod[];
  /** core/v1 Events, in no particular order. */
  events: readonly Event[];
  /**
   * Every tracked kind's objects. A kind's array is the same instance across flushes in which it did not
   * change, so memoised views of one kind skip work when only another kind moved.
   */
  byKind: Readonly<Record<TrackedKind, readonly KubeObject[]>>;
}

function emptyByKind(): Record<TrackedKind, readonly KubeObject[]> {
  const out = {} as Record<TrackedKind, readonly KubeObject[]>;
  for (const k of Object.keys(TRACKED_KINDS) as TrackedKind[]) out[k] = [];
  return out;
}

/**
 * The UI's window on a cluster: an external store for `useSyncExternalStore`. It keeps its own index of
 * the tracked kinds from `cluster.watch` (the objects are the engine's read-only snapshots, never copied), and
 * notifies React at most once per `flush`, which the page calls once per animation frame. A burst of a
 * thousand store writes therefore costs one React update.
 */
export class ClusterSource {
  private maps = new Map<TrackedKind, Map<string, KubeObject>>();
  private dirtyKinds = new Set<TrackedKind>();
  private listeners = new Set<() => void>();
  private snapshot: ClusterSnapshot = { version: 0, nodes: [], pods: [], events: [], byKind: emptyByKind() };
  private now: number;
  private unwatch: (() => void) | undefined;

  constructor(readonly cluster: WatchableCluster) {
    this.now = cluster.now();
    this.connect();
    // `lab cluster create` replaced the whole cluster: drop what we knew and re-list.
    cluster.onReset?.(() => {
      if (!this.unwatch) return;
      this.dispose();
      this.connect();
      this.now = cluster.now();
      for (const l of this.listeners) l();
    });
  }

  /**
   * Start (or restart) following the cluster: re-list, then watch. Safe to call again after `dispose`,
   * which is what React's development double-mount does to effects.
   */
  connect(): void {
    if (this.unwatch) return;
    for (const [kind, plural] of Object.entries(TRACKED_KINDS) as Array<[TrackedKind, string]>) {
      const map = new Map<string, KubeObject>();
      for (const o of this.cluster.list(plural)) map.set(key(o), o);
      this.maps.set(kind, map);
      this.dirtyKinds.add(kind);
    }
    this.unwatch = this.cluster.watch((ev) => {
      const map = this.maps.get(ev.kind as TrackedKind);
      if (!map) return;
      if (ev.type === 'DELETED') map.delete(key(ev.object));
      else map.set(key(ev.object), ev.object);
      this.dirtyKinds.add(ev.kind as TrackedKind);
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
    const dirty = this.dirtyKinds.size > 0;
    if (dirty) this.rebuild();
    if (dirty || timeMoved) for (const l of this.listeners) l();
  }

  /** Stop following the cluster (subscribers stay; `connect` resumes). */
  dispose(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private rebuild(): void {
    const byKind = { ...this.snapshot.byKind };
    for (const k of this.dirtyKinds) byKind[k] = [...(this.maps.get(k)?.values() ?? [])];
    this.dirtyKinds.clear();
    this.snapshot = {
      version: this.snapshot.version + 1,
      nodes: byKind.Node as readonly Node[],
      pods: byKind.Pod as readonly Pod[],
      events: byKind.Event as unknown as readonly Event[],
      byKind,
    };
  }
}

function key(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}
