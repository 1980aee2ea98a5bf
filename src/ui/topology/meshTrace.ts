import type { Pod } from 'kubernetes-types/core/v1';
import { appId, wlId } from './meshModel.ts';

/**
 * A request's trace in the mesh view: the graph ids the trace animation lights (`pod:NS/NAME`,
 * `obj:Service:NS/NAME`, see `trace.ts`) mapped to the mesh view's nodes — a pod to its workload's node, a
 * Service to its app box — so the request flows hop by hop over the mesh edges.
 */

/** The workload a pod belongs to, as Istio's workload name: its ReplicaSet's Deployment, its StatefulSet, DaemonSet or Job, else the pod. */
export function workloadOfPod(p: Pod): string {
  const owner = p.metadata?.ownerReferences?.find((o) => o.controller) ?? p.metadata?.ownerReferences?.[0];
  const name = p.metadata?.name ?? '';
  if (!owner) return name;
  const hash = p.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return owner.name;
}

/** Graph id → mesh node id for the pods (and Services) the mesh view may draw. */
export function meshIdsByGraphId(pods: readonly Pod[], services: ReadonlyArray<{ metadata?: { name?: string; namespace?: string } }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of pods) {
    const ns = p.metadata?.namespace ?? 'default';
    out.set(`pod:${ns}/${p.metadata?.name ?? ''}`, wlId(ns, workloadOfPod(p)));
  }
  for (const s of services) {
    const ns = s.metadata?.namespace ?? 'default';
    out.set(`obj:Service:${ns}/${s.metadata?.name ?? ''}`, appId(ns, s.metadata?.name ?? ''));
  }
  return out;
}

export interface MeshTraceView {
  lit: ReadonlySet<string>;
  current?: string;
  /** "SOURCE>TARGET" pairs of mesh nodes the request went along. */
  hops: ReadonlySet<string>;
}

/**
 * The trace animation's state in mesh ids. Ids the mesh view does not draw (nodes, clients outside the
 * cluster) drop out; a hop into a pod of a box both the box and the pod light; consecutive repeats merge.
 */
export function meshTrace(anim: { lit: ReadonlySet<string>; current?: string; edges: ReadonlyArray<{ source: string; target: string }> }, ids: ReadonlyMap<string, string>, drawn: ReadonlySet<string>): MeshTraceView {
  const map = (id: string | undefined) => {
    const m = id === undefined ? undefined : ids.get(id);
    return m !== undefined && drawn.has(m) ? m : undefined;
  };
  const lit = new Set<string>();
  for (const id of anim.lit) {
    const m = map(id);
    if (m) lit.add(m);
  }
  const path: string[] = [];
  for (const e of anim.edges) {
    for (const id of [e.source, e.target]) {
      const m = map(id);
      if (m && path[path.length - 1] !== m) path.push(m);
    }
  }
  const hops = new Set<string>();
  for (let i = 1; i < path.length; i++) hops.add(`${path[i - 1]}>${path[i]}`);
  return { lit, current: map(anim.current), hops };
}
