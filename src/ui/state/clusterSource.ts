import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/index.ts';
import type { LabConnection } from '../worker/connection.ts';

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

/** One batch of changes for the mirror (the worker's delta, see `worker/protocol.ts`). */
export interface SourceDelta {
  /** Replace everything: `changes` lists every tracked object. */
  full: boolean;
  changes: ReadonlyArray<readonly [TrackedKind, 'S' | 'D', KubeObject]>;
  now: number;
}

/**
 * The UI's window on a cluster: an external store for `useSyncExternalStore`, a mirror of the tracked kinds
 * fed by batched deltas (`apply`; the cluster runs in a worker, so the objects are structured clones, read-only
 * by convention). It notifies React at most once per `flush`, which the page calls once per animation frame:
 * a burst of a thousand store writes costs one React update. `lab` is the connection the mirror belongs to,
 * for views that ask the cluster more than the mirror holds (the inspector's logs, the scheduling overlay).
 */
export class ClusterSource {
  private maps = new Map<TrackedKind, Map<string, KubeObject>>();
  private dirtyKinds = new Set<TrackedKind>();
  private listeners = new Set<() => void>();
  private snapshot: ClusterSnapshot = { version: 0, nodes: [], pods: [], events: [], byKind: emptyByKind() };
  private now = 0;
  private pendingNow = 0;

  constructor(readonly lab?: LabConnection) {
    for (const k of Object.keys(TRACKED_KINDS) as TrackedKind[]) this.maps.set(k, new Map());
  }

  /** Take in one delta; published at the next `flush`. */
  apply(delta: SourceDelta): void {
    if (delta.full) {
      for (const [k, map] of this.maps) {
        if (map.size > 0) this.dirtyKinds.add(k);
        map.clear();
      }
    }
    for (const [kind, op, obj] of delta.changes) {
      const map = this.maps.get(kind);
      if (!map) continue;
      if (op === 'D') map.delete(key(obj));
      else map.set(key(obj), obj);
      this.dirtyKinds.add(kind);
    }
    this.pendingNow = delta.now;
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
    const timeMoved = this.pendingNow !== this.now;
    this.now = this.pendingNow;
    const dirty = this.dirtyKinds.size > 0;
    if (dirty) this.rebuild();
    if (dirty || timeMoved) for (const l of this.listeners) l();
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
