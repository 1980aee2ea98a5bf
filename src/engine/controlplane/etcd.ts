import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { Rng } from '../util/rng.ts';
import type { EtcdMemberInfo, SnapshotInfo } from './api.ts';

interface Member {
  id: string;
  node: string;
}

interface Snapshot extends SnapshotInfo {
  data: { revision: number; data: Array<[string, KubeObject[]]> };
}

/** etcd's first leader is elected in term 2 (a fresh member campaigns once after starting in term 1). */
const INITIAL_TERM = 2;

/**
 * The stacked etcd cluster: one member per control-plane node, healthy while its node is up. A majority of
 * healthy members is quorum; the raft leader is re-elected (the term goes up) when it goes down while quorum
 * holds. Snapshots are whole copies of the object store at a revision, kept by name ("files" on the lab's
 * etcd host), and restoring one puts the store back at that revision.
 */
export class EtcdCluster {
  private readonly members: Member[];
  private leader = 0;
  private term = INITIAL_TERM;
  private readonly snaps = new Map<string, Snapshot>();

  constructor(
    private readonly rt: ClusterRuntime,
    nodes: string[],
    rng: Rng,
    private readonly isUp: (node: string) => boolean,
  ) {
    this.members = nodes.map((node) => ({ id: memberId(rng), node }));
  }

  healthyCount(): number {
    let n = 0;
    for (const m of this.members) if (this.isUp(m.node)) n++;
    return n;
  }

  hasQuorum(): boolean {
    return this.healthyCount() * 2 > this.members.length;
  }

  /** The raft leader's index, electing a new one (next term) when the old one is down; -1 without quorum. */
  private currentLeader(): number {
    if (!this.hasQuorum()) {
      if (this.leader >= 0) this.leader = -1;
      return -1;
    }
    if (this.leader >= 0 && this.isUp(this.members[this.leader].node)) return this.leader;
    this.leader = this.members.findIndex((m) => this.isUp(m.node));
    this.term++;
    return this.leader;
  }

  raftTerm(): number {
    this.currentLeader();
    return this.term;
  }

  /** Raft log index: every write is one entry, after the entries of cluster bootstrap (one per member plus the first leader's). */
  raftIndex(): number {
    return this.rt.store.currentRevision() + this.members.length + 1;
  }

  list(): EtcdMemberInfo[] {
    const leader = this.currentLeader();
    return this.members.map((m, i) => {
      const ip = nodeIP(this.rt, m.node);
      return {
        id: m.id,
        name: m.node,
        peerURL: `https://${ip}:2380`,
        clientURL: `https://${ip}:2379`,
        healthy: this.isUp(m.node),
        isLeader: i === leader,
      };
    });
  }

  /** Bytes of the backend database: the stored objects' JSON plus bbolt's page overhead, rounded to 4 KiB pages. */
  dbSize(): number {
    let bytes = 0;
    for (const r of this.rt.store.resources()) for (const o of this.rt.store.list(r)) bytes += JSON.stringify(o).length + 64;
    return Math.ceil((bytes * 1.5 + 1_048_576) / 4096) * 4096;
  }

  save(name: string): SnapshotInfo {
    const data = this.rt.store.snapshot();
    const snap: Snapshot = { name, revision: data.revision, savedAt: this.rt.clock.now(), sizeBytes: this.dbSize(), data };
    this.snaps.set(name, snap);
    return info(snap);
  }

  get(name: string): SnapshotInfo | undefined {
    const s = this.snaps.get(name);
    return s && info(s);
  }

  restore(name: string): SnapshotInfo {
    const snap = this.snaps.get(name);
    if (!snap) throw new Error(`snapshot ${name} not found`);
    this.rt.store.restore(snap.data);
    return info(snap);
  }

  snapshots(): SnapshotInfo[] {
    return [...this.snaps.values()].map(info).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function info(s: Snapshot): SnapshotInfo {
  return { name: s.name, revision: s.revision, savedAt: s.savedAt, sizeBytes: s.sizeBytes };
}

/** A 64-bit member ID as etcdctl prints it (%x); the first digit is non-zero so all have 16 digits. */
function memberId(rng: Rng): string {
  const hex = '0123456789abcdef';
  let s = hex[1 + rng.int(15)];
  for (let i = 1; i < 16; i++) s += hex[rng.int(16)];
  return s;
}

export function nodeIP(rt: ClusterRuntime, node: string): string {
  const n = rt.store.get('nodes', undefined, node);
  const addrs = (n?.status as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? '';
}
