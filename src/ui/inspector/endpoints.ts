import type { KubeObject } from '../../engine/index.ts';

export interface EndpointRow {
  address: string;
  ready: boolean;
  pod?: string;
  node?: string;
}

/** A Service's endpoints from its EndpointSlices (`kubernetes.io/service-name`), in slice order as `kubectl describe service` lists them. */
export function serviceEndpoints(svc: KubeObject, slices: readonly KubeObject[]): EndpointRow[] {
  const ns = svc.metadata?.namespace;
  const name = svc.metadata?.name;
  const out: EndpointRow[] = [];
  for (const s of slices) {
    if (s.metadata?.namespace !== ns || s.metadata?.labels?.['kubernetes.io/service-name'] !== name) continue;
    const eps = (s as { endpoints?: Array<{ addresses?: string[]; conditions?: { ready?: boolean }; targetRef?: { kind?: string; name?: string }; nodeName?: string }> }).endpoints ?? [];
    for (const e of eps)
      for (const a of e.addresses ?? []) out.push({ address: a, ready: e.conditions?.ready !== false, pod: e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined, node: e.nodeName });
  }
  return out;
}
