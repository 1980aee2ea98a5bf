import { ContainerFs } from '../images/fs.ts';
import type { ClusterRuntime } from '../runtime.ts';

/** One step of the simulated CSI driver, for `lab storage trace`. */
export interface TraceEntry {
  /** Virtual ms. */
  at: number;
  /** CSI RPC: CreateVolume, ControllerPublishVolume, NodeStageVolume, NodePublishVolume and their reverses. */
  op: string;
  volume: string;
  node?: string;
  /** Pod (namespace/name) for NodePublish/NodeUnpublish. */
  pod?: string;
  detail?: string;
}

/** A disk the simulated CSI driver created: its data outlives every pod that mounts it. */
export interface Disk {
  handle: string;
  pvName: string;
  capacity: string;
  data: ContainerFs;
  /** Node it is attached to (ControllerPublishVolume), if any. */
  attachedTo: Set<string>;
  /** Nodes where it is staged (NodeStageVolume). */
  stagedOn: Set<string>;
}

const MAX_TRACE = 2000;

/**
 * The lab's storage backend: the disks of the simulated CSI driver (keyed by volume handle), the host
 * directories of every node (hostPath and local volumes), NFS exports, and the trace of CSI calls. Data
 * lives here, not in pods: a pod that mounts a volume sees the same tree as every other pod mounting it.
 */
export class StorageBackend {
  readonly disks = new Map<string, Disk>();
  /** node → host path → directory tree. */
  private readonly hostDirs = new Map<string, Map<string, ContainerFs>>();
  private readonly nfs = new Map<string, ContainerFs>();
  readonly trace: TraceEntry[] = [];

  constructor(private readonly now: () => number) {}

  record(e: Omit<TraceEntry, 'at'>): void {
    this.trace.push({ at: this.now(), ...e });
    if (this.trace.length > MAX_TRACE) this.trace.shift();
  }

  /** The directory `path` on `node` (created on first use, like DirectoryOrCreate). */
  hostDir(node: string, path: string): ContainerFs {
    const p = ContainerFs.normalize(path);
    let dirs = this.hostDirs.get(node);
    if (!dirs) this.hostDirs.set(node, (dirs = new Map()));
    let fs = dirs.get(p);
    if (!fs) dirs.set(p, (fs = ContainerFs.empty()));
    return fs;
  }

  hasHostDir(node: string, path: string): boolean {
    return this.hostDirs.get(node)?.has(ContainerFs.normalize(path)) ?? false;
  }

  /** Remove a host directory's contents (the local-path style Delete reclaim). */
  removeHostDir(node: string, path: string): void {
    this.hostDirs.get(node)?.delete(ContainerFs.normalize(path));
  }

  nfsExport(server: string, path: string): ContainerFs {
    const key = `${server}:${ContainerFs.normalize(path)}`;
    let fs = this.nfs.get(key);
    if (!fs) this.nfs.set(key, (fs = ContainerFs.empty()));
    return fs;
  }
}

export const STORAGE_SERVICE = 'storage';

/** The cluster's storage backend (created on first use; controllers and kubelets share it). */
export function storageOf(rt: ClusterRuntime): StorageBackend {
  let s = rt.service<StorageBackend>(STORAGE_SERVICE);
  if (!s) {
    s = new StorageBackend(() => rt.clock.now());
    rt.services.set(STORAGE_SERVICE, s);
  }
  return s;
}
