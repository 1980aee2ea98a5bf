import type { KubeObject } from '../../engine/index.ts';
import type { PodTone } from './podStatus.ts';

/** Who points at whom: Services → ready pods (from EndpointSlices), Ingresses → Services, owners → owned. */

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

export function nsName(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

/**
 * For each Service (`ns/name`), the names of the pods its EndpointSlices list as ready, in slice order
 * (kube-proxy routes to exactly these). Slices name their Service with the `kubernetes.io/service-name` label.
 */
export function readyEndpoints(slices: readonly KubeObject[]): Map<string, string[]> {
  return endpointIndex(slices).pods;
}

/** Ready pod names and the count of ready addresses (pods or not: the `kubernetes` Service points at the apiserver) per Service. */
export function endpointIndex(slices: readonly KubeObject[]): { pods: Map<string, string[]>; addresses: Map<string, number> } {
  const out = new Map<string, string[]>();
  const addresses = new Map<string, number>();
  for (const s of slices) {
    const svc = s.metadata?.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${s.metadata?.namespace ?? ''}/${svc}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    for (const e of ((s as { endpoints?: SliceEndpoint[] }).endpoints ?? [])) {
      if (e.conditions?.ready === false) continue;
      addresses.set(key, (addresses.get(key) ?? 0) + (e.addresses?.length ?? 0));
      if (e.targetRef?.kind !== 'Pod' || !e.targetRef.name) continue;
      if (!list.includes(e.targetRef.name)) list.push(e.targetRef.name);
    }
  }
  return { pods: out, addresses };
}

/** The Service names an Ingress routes to (rules' paths and the default backend), deduplicated, in spec order. */
export function ingressBackends(ing: KubeObject): string[] {
  const spec = (ing as Obj).spec as
    | { defaultBackend?: { service?: { name?: string } }; rules?: Array<{ http?: { paths?: Array<{ backend?: { service?: { name?: string } } }> } }> }
    | undefined;
  const out: string[] = [];
  const add = (n: string | undefined) => n && !out.includes(n) && out.push(n);
  add(spec?.defaultBackend?.service?.name);
  for (const r of spec?.rules ?? []) for (const p of r.http?.paths ?? []) add(p.backend?.service?.name);
  return out;
}

/** A Service card's second line: `ClusterIP 10.96.0.10 · 3 ready`. */
export function serviceSub(svc: KubeObject, ready: number): string {
  const spec = (svc as Obj).spec as { type?: string; clusterIP?: string } | undefined;
  return `${spec?.type ?? 'ClusterIP'} ${spec?.clusterIP ?? ''}`.trim() + ` · ${ready} ready`;
}

/** The controller owner reference (`controller: true`), as kubectl and the garbage collector read it. */
export function controllerOf(o: { metadata?: { ownerReferences?: ReadonlyArray<{ controller?: boolean; kind: string; name: string; uid?: string }> } }): { kind: string; name: string; uid?: string } | undefined {
  const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller) ?? o.metadata?.ownerReferences?.[0];
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

/** A workload card's second line and tone: ready/desired replicas, Job completions, CronJob schedule. */
export function workloadSummary(o: KubeObject): { sub: string; tone: PodTone } {
  const spec = ((o as Obj).spec ?? {}) as Record<string, unknown>;
  const status = ((o as Obj).status ?? {}) as Record<string, number | undefined>;
  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const want = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const ready = status.readyReplicas ?? 0;
      const extra = o.kind === 'Deployment' && (status.updatedReplicas ?? want) < want ? ` · ${status.updatedReplicas ?? 0} updated` : '';
      return { sub: `${ready}/${want} ready${extra}`, tone: ready >= want ? 'running' : 'pending' };
    }
    case 'DaemonSet': {
      const want = status.desiredNumberScheduled ?? 0;
      const ready = status.numberReady ?? 0;
      return { sub: `${ready}/${want} ready`, tone: ready >= want ? 'running' : 'pending' };
    }
    case 'Job': {
      const want = typeof spec.completions === 'number' ? spec.completions : 1;
      const done = status.succeeded ?? 0;
      const failed = status.failed ?? 0;
      return { sub: `${done}/${want} complete${failed ? ` · ${failed} failed` : ''}`, tone: done >= want ? 'completed' : failed ? 'failing' : 'pending' };
    }
    case 'CronJob':
      return { sub: `${String(spec.schedule ?? '')}${spec.suspend ? ' · suspended' : ''}`, tone: 'running' };
    default:
      return { sub: '', tone: 'unknown' };
  }
}
