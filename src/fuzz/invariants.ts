import type { Cluster } from '../engine/index.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { parseQuantity } from '../engine/util/quantity.ts';

/** A broken cluster invariant, with enough words to debug it. */
export interface Violation {
  invariant: string;
  detail: string;
}

function quantity(text: unknown): bigint {
  try {
    return text === undefined ? 0n : parseQuantity(String(text)).nano;
  } catch {
    return 0n;
  }
}

interface PodLike {
  metadata: KubeObject['metadata'];
  spec?: { nodeName?: string; hostNetwork?: boolean; containers?: Array<{ resources?: { requests?: Record<string, string> } }>; initContainers?: Array<{ resources?: { requests?: Record<string, string> } }> };
  status?: { phase?: string; podIP?: string };
}

function terminal(p: PodLike): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** Pod IPs are unique among pods that hold one, except hostNetwork pods: they share their node's IP. */
export function podIPsUnique(c: Cluster): Violation[] {
  const seen = new Map<string, string>();
  const out: Violation[] = [];
  for (const o of c.runtime.store.list('pods')) {
    const p = o as unknown as PodLike;
    const ip = p.status?.podIP;
    if (!ip || terminal(p) || p.spec?.hostNetwork) continue;
    const who = `${p.metadata.namespace}/${p.metadata.name}`;
    const other = seen.get(ip);
    if (other) out.push({ invariant: 'pod IPs unique', detail: `${ip} held by ${other} and ${who}` });
    seen.set(ip, who);
  }
  return out;
}

/** No node has more requested cpu/memory or more pods than it can allocate. */
export function nodesNotOvercommitted(c: Cluster): Violation[] {
  const out: Violation[] = [];
  const used = new Map<string, { cpu: bigint; memory: bigint; pods: number }>();
  for (const o of c.runtime.store.list('pods')) {
    const p = o as unknown as PodLike;
    const node = p.spec?.nodeName;
    if (!node || terminal(p)) continue;
    const u = used.get(node) ?? { cpu: 0n, memory: 0n, pods: 0 };
    let cpu = 0n;
    let mem = 0n;
    for (const ct of p.spec?.containers ?? []) {
      cpu += quantity(ct.resources?.requests?.cpu);
      mem += quantity(ct.resources?.requests?.memory);
    }
    // Init containers run one at a time: the pod's effective request is the max of them and the sum.
    for (const ct of p.spec?.initContainers ?? []) {
      const ic = quantity(ct.resources?.requests?.cpu);
      const im = quantity(ct.resources?.requests?.memory);
      if (ic > cpu) cpu = ic;
      if (im > mem) mem = im;
    }
    u.cpu += cpu;
    u.memory += mem;
    u.pods += 1;
    used.set(node, u);
  }
  for (const n of c.runtime.store.list('nodes')) {
    const alloc = (n.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {};
    const u = used.get(n.metadata.name!);
    if (!u) continue;
    if (alloc.cpu && u.cpu > quantity(alloc.cpu)) out.push({ invariant: 'node not over-committed', detail: `${n.metadata.name}: cpu requests exceed allocatable ${alloc.cpu}` });
    if (alloc.memory && u.memory > quantity(alloc.memory)) out.push({ invariant: 'node not over-committed', detail: `${n.metadata.name}: memory requests exceed allocatable ${alloc.memory}` });
    if (alloc.pods && u.pods > Number(alloc.pods)) out.push({ invariant: 'node not over-committed', detail: `${n.metadata.name}: ${u.pods} pods > ${alloc.pods}` });
  }
  return out;
}

/** Every object with a controller owner reference points at an existing owner (same uid), or is being deleted. */
export function ownersExist(c: Cluster): Violation[] {
  const out: Violation[] = [];
  const rt = c.runtime;
  for (const resource of rt.store.resources()) {
    for (const o of rt.store.list(resource)) {
      if (o.metadata.deletionTimestamp) continue;
      for (const ref of o.metadata.ownerReferences ?? []) {
        const ownerType = rt.registry.all().find((t) => t.kind === ref.kind && (t.group ? `${t.group}/${t.version}` : t.version) === ref.apiVersion);
        if (!ownerType) continue;
        const owner = rt.store.get(ownerType.plural, ownerType.namespaced ? o.metadata.namespace : undefined, ref.name);
        if (!owner || owner.metadata.uid !== ref.uid) {
          if (owner?.metadata.deletionTimestamp) continue;
          out.push({ invariant: 'owners exist', detail: `${resource} ${o.metadata.namespace}/${o.metadata.name} owned by missing ${ref.kind} ${ref.name}` });
        }
      }
    }
  }
  return out;
}

interface DeploymentLike {
  metadata: KubeObject['metadata'];
  spec?: { replicas?: number; paused?: boolean; strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } } };
}

/** Upstream's resolution of maxSurge (round up) and maxUnavailable (round down) for `replicas`. */
export function resolveFenceposts(d: DeploymentLike): { surge: number; unavailable: number } {
  const replicas = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const scale = (v: number | string | undefined, def: string, up: boolean) => {
    const x = v ?? def;
    if (typeof x === 'number') return x;
    const pct = parseInt(x, 10);
    return up ? Math.ceil((pct * replicas) / 100) : Math.floor((pct * replicas) / 100);
  };
  const surge = scale(ru.maxSurge, '25%', true);
  let unavailable = scale(ru.maxUnavailable, '25%', false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** Pods of a Deployment (through its ReplicaSets) that are not being deleted, and how many of them are available. */
export function deploymentPods(c: Cluster, d: DeploymentLike): { total: number; available: number } {
  const rt = c.runtime;
  const ns = d.metadata.namespace;
  const rsUids = new Set(
    rt.store
      .list('replicasets', ns)
      .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
      .map((rs) => rs.metadata.uid),
  );
  let total = 0;
  let available = 0;
  for (const p of rt.store.list('pods', ns)) {
    if (p.metadata.deletionTimestamp) continue;
    if (!p.metadata.ownerReferences?.some((r) => r.controller && rsUids.has(r.uid))) continue;
    const st = p.status as { phase?: string; conditions?: Array<{ type: string; status: string }> } | undefined;
    if (st?.phase === 'Succeeded' || st?.phase === 'Failed') continue;
    total++;
    if (st?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')) available++;
  }
  return { total, available };
}

/** During a rolling update, total pods ≤ replicas + maxSurge (checked for every RollingUpdate Deployment). */
export function rolloutSurgeBound(c: Cluster): Violation[] {
  const out: Violation[] = [];
  for (const o of c.runtime.store.list('deployments')) {
    const d = o as unknown as DeploymentLike;
    if (d.metadata.deletionTimestamp || d.spec?.strategy?.type === 'Recreate') continue;
    const { surge } = resolveFenceposts(d);
    const { total } = deploymentPods(c, d);
    const max = (d.spec?.replicas ?? 1) + surge;
    if (total > max) out.push({ invariant: 'rollout within maxSurge', detail: `${d.metadata.namespace}/${d.metadata.name}: ${total} pods > ${max}` });
  }
  return out;
}

/** All state invariants that must hold after every command. */
export function checkInvariants(c: Cluster): Violation[] {
  return [...podIPsUnique(c), ...nodesNotOvercommitted(c), ...ownersExist(c), ...rolloutSurgeBound(c)];
}
