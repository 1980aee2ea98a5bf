import type { KubeObject } from '../../../engine/index.ts';
import { LAYOUT, matcher } from '../model.ts';
import { endpointIndex, ingressBackends, nsName, serviceSub } from '../relations.ts';
import { objId, podId, type ObjCardData, type Topology, type TopologyEdge } from '../types.ts';

/**
 * The owner view's Service and Ingress layer: a card per Service with an edge to each workload card whose
 * pods are its ready endpoints (the pods' owner; the pod itself when it has none drawn), and a card per Ingress
 * with an edge to each backend Service. Positions are left to the automatic layout. Pure.
 */
export interface ServiceInput {
  services: readonly KubeObject[];
  endpointSlices: readonly KubeObject[];
  ingresses: readonly KubeObject[];
}

export function withServiceLayer(t: Topology, input: ServiceInput, opts: { namespace?: string; search?: string } = {}): Topology {
  const keep = (o: KubeObject) => !opts.namespace || (o.metadata?.namespace ?? 'default') === opts.namespace;
  const services = input.services.filter(keep);
  const ingresses = input.ingresses.filter(keep);
  if (services.length === 0 && ingresses.length === 0) return t;
  const match = matcher(opts.search);
  const { pods: ready, addresses } = endpointIndex(input.endpointSlices);
  // Who draws each pod: its owner card (through the owner edge), else the pod card itself.
  const ownerOf = new Map<string, string>();
  for (const e of t.edges) if (e.kind === 'owner' && e.target.startsWith('pod:')) ownerOf.set(e.target, e.source);
  const podIds = new Set(t.pods.map((p) => p.id));
  const cards = [...t.cards];
  const edges: TopologyEdge[] = [...t.edges];
  const seen = new Set<string>();
  const card = (kind: string, o: KubeObject, sub: string, tone: ObjCardData['tone']) => {
    const ns = o.metadata?.namespace ?? 'default';
    const name = o.metadata?.name ?? '';
    const data: ObjCardData = { kind: 'obj', objKind: kind, name, namespace: ns, sub, tone };
    if (match) data[match(name) ? 'matched' : 'dimmed'] = true;
    const id = objId(kind, ns, name);
    cards.push({ id, x: 0, y: 0, width: LAYOUT.cardWidth, height: LAYOUT.cardHeight, data });
    return id;
  };
  const svcIds = new Set<string>();
  for (const s of services) {
    const n = addresses.get(nsName(s)) ?? 0;
    const id = card('Service', s, serviceSub(s, n), n > 0 || !(s as { spec?: { selector?: unknown } }).spec?.selector ? 'running' : 'pending');
    svcIds.add(id);
    const ns = s.metadata?.namespace ?? 'default';
    for (const pod of ready.get(nsName(s)) ?? []) {
      const pid = podId(ns, pod);
      const target = ownerOf.get(pid) ?? (podIds.has(pid) ? pid : undefined);
      if (!target) continue;
      const eid = `${id}->${target}`;
      if (seen.has(eid)) continue;
      seen.add(eid);
      edges.push({ id: eid, source: id, target, kind: 'endpoint', vertical: true });
    }
  }
  for (const ing of ingresses) {
    const id = card('Ingress', ing, `→ ${ingressBackends(ing).join(', ') || '<none>'}`, 'running');
    const ns = ing.metadata?.namespace ?? 'default';
    for (const b of ingressBackends(ing)) {
      const target = objId('Service', ns, b);
      if (svcIds.has(target)) edges.push({ id: `${id}->${target}`, source: id, target, kind: 'backend', vertical: true });
    }
  }
  return { ...t, cards, edges };
}
