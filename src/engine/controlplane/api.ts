/** The control-plane model's service on the runtime (`rt.service<ControlPlaneService>(CONTROL_PLANE_SERVICE)`). */
export const CONTROL_PLANE_SERVICE = 'controlplane';

export interface EtcdMemberInfo {
  /** etcd member ID as etcdctl prints it (%x). */
  id: string;
  name: string;
  peerURL: string;
  clientURL: string;
  /** The member's process runs (its node is up). */
  healthy: boolean;
  isLeader: boolean;
}

export interface LeaderInfo {
  lease: string;
  /** The Lease's holderIdentity (`<node>_<uuid>`), '' when none. */
  holder: string;
  /** A candidate currently believes it leads (its component does work). */
  active: boolean;
}

export interface SnapshotInfo {
  name: string;
  revision: number;
  savedAt: number;
  sizeBytes: number;
}

export interface ControlPlaneService {
  nodes(): string[];
  /** True when the apiserver on `node` is running (its node is up). */
  apiserverUp(node: string): boolean;
  leaders(): LeaderInfo[];
  members(): EtcdMemberInfo[];
  hasQuorum(): boolean;
  raftTerm(): number;
  snapshotSave(name: string): SnapshotInfo;
  snapshotRestore(name: string): SnapshotInfo;
  snapshots(): SnapshotInfo[];
  dbSize(): number;
}
