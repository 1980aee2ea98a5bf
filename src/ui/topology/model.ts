import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/index.ts';
import type { PodTone } from './podStatus.ts';
import { podCard } from './pods.ts';
import { endpointIndex, ingressBackends, nsName, serviceSub } from './relations.ts';
import { resourceBars } from './resources.ts';
import type { SlotMemory } from './slots.ts';
import { objId, podId, UNSCHEDULED_ID, type ControlPlaneChip, type GraphNode, type NodeBoxData, type NodeVerdict, type ObjCardData, type PodCounts, type Topology, type TopologyEdge } from './types.ts';

export * from './types.ts';

/**
 * The live view's node graph: a pure function from cluster objects to positioned boxes. Cluster nodes
 * become group boxes with their pods laid out inside in a grid (the control plane's components shown on
 * control-plane nodes); pods not (yet) bound to a known node go into an "Unscheduled" lane. Services sit
 * in a column to the left with edges to their ready endpoints, Ingresses left of them with edges to their
 * backends. Nothing here knows React or React Flow (see flowAdapter.tsx).
 */

export const LAYOUT = {
  podWidth: 212,
  podHeight: 56,
  gap: 10,
  padding: 14,
  header: 74,
  cpRow: 30,
  boxGap: 36,
  minColumns: 2,
  maxColumns: 4,
  boxesPerRow: 3,
  cardWidth: 250,
  cardHeight: 56,
  columnGap: 90,
  /** Above this many pods in one box, every box shows pod-count badges instead of cards. */
  collapseAbove: 48,
};

export interface GraphInput {
  nodes: readonly Node[];
  pods: readonly Pod[];
  services?: readonly KubeObject[];
  endpointSlices?: readonly KubeObject[];
  ingresses?: readonly KubeObject[];
  leases?: readonly KubeObject[];
}

export interface ViewOptions {
  boxesPerRow?: number;
  /** Only this namespace's pods, Services and Ingresses ('' or undefined: all). */
  namespace?: string;
  /** Case-insensitive substring of names to highlight; everything else is dimmed. */
  search?: string;
  /** Keeps pods in their slots across builds (see slots.ts); without it pods are placed by name. */
  slots?: SlotMemory;
  /** Level of detail: `true` collapses every box to pod-count badges; `'auto'` (default) above `LAYOUT.collapseAbove` pods in a box. */
  collapse?: boolean | 'auto';
  /** Scheduling overlay verdicts by node name. */
  verdicts?: ReadonlyMap<string, NodeVerdict>;
}

const CONTROL_PLANE = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'];
/** Components that elect a leader through a kube-system Lease of their own name. */
const ELECTED = new Set(['kube-scheduler', 'kube-controller-manager']);

export function roles(node: Node): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) out.push(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role') out.push(v);
  }
  return out.length > 0 ? out.sort().join(',') : '<none>';
}

function nodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function byName(a: { metadata?: { namespace?: string; name?: string } }, b: typeof a): number {
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function columnsFor(count: number): number {
  return Math.min(LAYOUT.maxColumns, Math.max(LAYOUT.minColumns, Math.ceil(Math.sqrt(count))));
}

/** Leader lease holders by component: `holderIdentity` is `<node>_<uuid>` upstream; the part before `_` names the node. */
export function leaders(leases: readonly KubeObject[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of leases) {
    if (l.metadata?.namespace !== 'kube-system' || !ELECTED.has(l.metadata?.name ?? '')) continue;
    const holder = (l as { spec?: { holderIdentity?: string } }).spec?.holderIdentity;
    if (holder) out.set(l.metadata.name ?? '', holder.split('_')[0]);
  }
  return out;
}

function components(node: string, held: Map<string, string>): ControlPlaneChip[] {
  return CONTROL_PLANE.map((name) => {
    const holder = ELECTED.has(name) ? held.get(name) : undefined;
    return holder === undefined ? { name } : { name, leader: holder === node };
  });
}

/** Size of the pod grid for boxes holding `podCounts` pods, `perRow` boxes to a row (side columns excluded). */
export function layoutSize(podCounts: readonly number[], perRow: number): { width: number; height: number } {
  const { podWidth, podHeight, gap, padding, header, boxGap } = LAYOUT;
  const cols = columnsFor(Math.max(0, ...podCounts));
  const boxWidth = padding * 2 + cols * podWidth + (cols - 1) * gap;
  let height = 0;
  for (let i = 0; i < podCounts.length; i += perRow) {
    const rows = Math.max(1, ...podCounts.slice(i, i + perRow).map((n) => Math.ceil(n / cols)));
    height += (height > 0 ? boxGap : 0) + header + padding + rows * podHeight + (rows - 1) * gap;
  }
  const inRow = Math.min(perRow, podCounts.length);
  return { width: inRow * boxWidth + (inRow - 1) * boxGap, height };
}

/**
 * How many boxes to put in a row so the layout shows largest in a viewport of the given size (with zoom
 * capped at `maxZoom`; among layouts that reach the cap, the one with fewer rows wins).
 */
export function pickBoxesPerRow(podCounts: readonly number[], viewport: { width: number; height: number }, maxZoom = 1): number {
  let best = 1;
  let bestZoom = -1;
  for (let k = 1; k <= Math.max(1, podCounts.length); k++) {
    const size = layoutSize(podCounts, k);
    const zoom = Math.min(maxZoom, viewport.width / Math.max(1, size.width), viewport.height / Math.max(1, size.height));
    if (zoom > bestZoom + 1e-9) {
      best = k;
      bestZoom = zoom;
    } else if (Math.abs(zoom - bestZoom) <= 1e-9 && zoom >= maxZoom) best = k;
  }
  return best;
}

/** Pods per node box, in layout order, for `pickBoxesPerRow` (cheap: no layout is built). */
export function podCountsByBox(nodes: readonly Node[], pods: readonly Pod[]): number[] {
  const known = new Set(nodes.map((n) => n.metadata?.name));
  const counts = new Map<string, number>();
  let unscheduled = 0;
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n && known.has(n)) counts.set(n, (counts.get(n) ?? 0) + 1);
    else unscheduled++;
  }
  const out = nodes.map((n) => counts.get(n.metadata?.name ?? '') ?? 0);
  if (unscheduled > 0) out.push(unscheduled);
  return out;
}

export function matcher(search: string | undefined): ((name: string) => boolean) | undefined {
  const q = search?.trim().toLowerCase();
  return q ? (name) => name.toLowerCase().includes(q) : undefined;
}

function inNamespace(ns: string | undefined): (o: { metadata?: { namespace?: string } }) => boolean {
  return ns ? (o) => (o.metadata?.namespace ?? 'default') === ns : () => true;
}

/** Build the positioned node graph. Control-plane nodes first, then nodes by name; the unscheduled lane last. */
export function buildTopology(input: GraphInput, opts: ViewOptions = {}): Topology {
  const match = matcher(opts.search);
  const keep = inNamespace(opts.namespace);
  const sortedNodes = [...input.nodes].sort((a, b) => {
    const ca = roles(a).includes('control-plane') ? 0 : 1;
    const cb = roles(b).includes('control-plane') ? 0 : 1;
    return ca - cb || byName(a, b);
  });
  const known = new Set(sortedNodes.map((n) => n.metadata?.name));
  const onNode = new Map<string, Pod[]>();
  const shown = new Map<string, Pod[]>();
  const unscheduled: Pod[] = [];
  for (const p of input.pods) {
    const node = p.spec?.nodeName;
    const visible = keep(p);
    if (node && known.has(node)) {
      let all = onNode.get(node);
      if (!all) onNode.set(node, (all = []));
      all.push(p);
      if (!visible) continue;
      let list = shown.get(node);
      if (!list) shown.set(node, (list = []));
      list.push(p);
    } else if (visible) unscheduled.push(p);
  }
  const held = leaders(input.leases);
  const groups: Array<{ id: string; data: NodeBoxData; pods: Pod[] }> = sortedNodes.map((n) => {
    const name = n.metadata?.name ?? '';
    const list = shown.get(name) ?? [];
    const ready = nodeReady(n);
    const statusText = (ready ? 'Ready' : 'NotReady') + (n.spec?.unschedulable ? ',SchedulingDisabled' : '');
    const rl = roles(n);
    const data: NodeBoxData = {
      kind: 'node',
      name,
      roles: rl,
      ready,
      statusText,
      podCount: list.length,
      bars: resourceBars(n, onNode.get(name) ?? []),
      components: rl.split(',').includes('control-plane') ? components(name, held) : [],
    };
    const verdict = opts.verdicts?.get(name);
    if (verdict) data.verdict = verdict;
    if (match) data[match(name) ? 'matched' : 'dimmed'] = true;
    return { id: `node:${name}`, data, pods: list };
  });
  if (unscheduled.length > 0) {
    groups.push({
      id: UNSCHEDULED_ID,
      data: { kind: 'unscheduled', name: 'Unscheduled', roles: '', ready: false, statusText: 'Waiting for a node', podCount: unscheduled.length, bars: [], components: [] },
      pods: unscheduled,
    });
  }

  const topology: Topology = { boxes: [], pods: [], cards: [], edges: [] };
  const { podWidth, podHeight, gap, padding, header, cpRow, boxGap, cardWidth, cardHeight, columnGap } = LAYOUT;

  // Side columns: Ingresses, then Services.
  const services = (input.services ?? []).filter(keep).sort(byName);
  const ingresses = (input.ingresses ?? []).filter(keep).sort(byName);
  const { pods: ready, addresses } = endpointIndex(input.endpointSlices ?? []);
  let x0 = 0;
  const column = (objs: readonly KubeObject[], kind: string, sub: (o: KubeObject) => string, tone: (o: KubeObject) => PodTone) => {
    if (objs.length === 0) return;
    objs.forEach((o, i) => {
      const ns = o.metadata?.namespace ?? 'default';
      const name = o.metadata?.name ?? '';
      const data: ObjCardData = { kind: 'obj', objKind: kind, name, namespace: ns, sub: sub(o), tone: tone(o) };
      if (match) data[match(name) ? 'matched' : 'dimmed'] = true;
      topology.cards.push({ id: objId(kind, ns, name), x: x0, y: i * (cardHeight + gap), width: cardWidth, height: cardHeight, data });
    });
    x0 += cardWidth + columnGap;
  };
  column(ingresses, 'Ingress', (o) => `→ ${ingressBackends(o).join(', ') || '<none>'}`, () => 'running');
  column(services, 'Service', (o) => serviceSub(o, addresses.get(nsName(o)) ?? 0), (o) => ((addresses.get(nsName(o)) ?? 0) > 0 || isHeadlessOrExternal(o) ? 'running' : 'pending'));

  // Node boxes.
  const maxPods = Math.max(0, ...groups.map((g) => g.pods.length));
  const collapsed = opts.collapse === true || ((opts.collapse ?? 'auto') === 'auto' && maxPods > LAYOUT.collapseAbove);
  const boxesPerRow = Math.max(1, opts.boxesPerRow ?? LAYOUT.boxesPerRow);
  const cols = collapsed ? LAYOUT.minColumns : columnsFor(maxPods);
  const width = padding * 2 + cols * podWidth + (cols - 1) * gap;
  const boxOf = new Map<string, string>();
  let y = 0;
  for (let row = 0; row * boxesPerRow < groups.length; row++) {
    const inRow = groups.slice(row * boxesPerRow, (row + 1) * boxesPerRow);
    const top = header + (inRow.some((g) => g.data.components.length > 0) ? cpRow : 0);
    const placed = inRow.map((g) => {
      const ids = g.pods.map((p) => podId(p.metadata?.namespace ?? 'default', p.metadata?.name ?? ''));
      if (collapsed) return { g, ids, slots: new Map<string, number>() };
      const order = ids.map((id, i) => ({ id, i })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const slots = opts.slots ? opts.slots.assign(g.id, order.map((o) => o.id)) : new Map(order.map((o, k) => [o.id, k]));
      return { g, ids, slots };
    });
    const rows = collapsed ? 1 : Math.max(1, ...placed.map((p) => Math.ceil((Math.max(-1, ...p.slots.values()) + 1) / cols)));
    const height = top + padding + rows * podHeight + (rows - 1) * gap;
    placed.forEach(({ g, ids, slots }, i) => {
      if (collapsed) g.data.collapsed = countByTone(g.pods);
      topology.boxes.push({ id: g.id, x: x0 + i * (width + boxGap), y, width, height, data: g.data });
      const order = g.pods.map((_, j) => j);
      if (!collapsed) order.sort((a, b) => (slots.get(ids[a]) ?? a) - (slots.get(ids[b]) ?? b));
      order.forEach((j) => {
        const p = g.pods[j];
        const id = ids[j];
        boxOf.set(id, g.id);
        if (collapsed) return;
        const slot = slots.get(id) ?? j;
        const data = podCard(p);
        topology.pods.push({
          id,
          parentId: g.id,
          x: padding + (slot % cols) * (podWidth + gap),
          y: top + Math.floor(slot / cols) * (podHeight + gap),
          width: podWidth,
          height: podHeight,
          data: match ? { ...data, [match(data.name) ? 'matched' : 'dimmed']: true } : data,
        });
      });
    });
    y += height + boxGap;
  }
  opts.slots?.retain(new Set(groups.map((g) => g.id)));

  // Edges: Service → ready pod (or its node box when collapsed); Ingress → Service.
  const seen = new Set<string>();
  const edge = (e: TopologyEdge) => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    topology.edges.push(e);
  };
  for (const s of services) {
    const ns = s.metadata?.namespace ?? 'default';
    const src = objId('Service', ns, s.metadata?.name ?? '');
    for (const podName of ready.get(nsName(s)) ?? []) {
      const pid = podId(ns, podName);
      const box = boxOf.get(pid);
      if (!box) continue;
      const target = collapsed ? box : pid;
      edge({ id: `${src}->${target}`, source: src, target, kind: 'endpoint' });
    }
  }
  const svcIds = new Set(topology.cards.map((c) => c.id));
  for (const ing of ingresses) {
    const ns = ing.metadata?.namespace ?? 'default';
    const src = objId('Ingress', ns, ing.metadata?.name ?? '');
    for (const b of ingressBackends(ing)) {
      const target = objId('Service', ns, b);
      if (svcIds.has(target)) edge({ id: `${src}->${target}`, source: src, target, kind: 'backend' });
    }
  }
  return topology;
}

function isHeadlessOrExternal(svc: KubeObject): boolean {
  const spec = (svc as { spec?: { type?: string; clusterIP?: string; selector?: unknown } }).spec;
  return spec?.type === 'ExternalName' || !spec?.selector;
}

export function countByTone(pods: readonly Pod[]): PodCounts {
  const out: PodCounts = {};
  for (const p of pods) {
    const tone = podCard(p).tone;
    out[tone] = (out[tone] ?? 0) + 1;
  }
  return out;
}

export type { GraphNode };
