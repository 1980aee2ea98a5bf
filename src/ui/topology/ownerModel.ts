import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/index.ts';
import { countByTone, LAYOUT, matcher } from './model.ts';
import { podCard } from './pods.ts';
import { controllerOf, workloadSummary } from './relations.ts';
import type { SlotMemory } from './slots.ts';
import { objId, podId, type GraphNode, type ObjCardData, type PodCardData, type Topology } from './types.ts';

/**
 * The owner view: workloads as trees (CronJob → Job → Pods, Deployment → ReplicaSet → Pods, StatefulSet,
 * DaemonSet and Job → Pods), following each object's controller ownerReference. A tidy-tree layout: a
 * parent sits above its children; an owner's pods form a grid under it, in stable slots. Pods without a
 * drawn owner gather under "Standalone pods". Pure: no React.
 */

export interface OwnerInput {
  pods: readonly Pod[];
  /** Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs. */
  workloads: readonly KubeObject[];
}

export interface OwnerOptions {
  namespace?: string;
  search?: string;
  slots?: SlotMemory;
  /** Above this many pods under one owner, they are drawn as one count card. */
  collapseAbove?: number;
}

const KIND_ORDER = ['CronJob', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'];
export const STANDALONE_ID = 'obj:Standalone:/pods';
const LEVEL_GAP = 56;
const SIBLING_GAP = 40;
const MAX_ROW_WIDTH = 2600;

interface TreeNode {
  id: string;
  card?: ObjCardData;
  children: TreeNode[];
  pods: Array<{ id: string; pod: Pod }>;
  w: number;
  h: number;
}

function key(kind: string, ns: string, name: string): string {
  return `${kind}/${ns}/${name}`;
}

export function buildOwnerTopology(input: OwnerInput, opts: OwnerOptions = {}): Topology {
  const { podWidth, podHeight, gap, cardWidth, cardHeight } = LAYOUT;
  const match = matcher(opts.search);
  const keep = (o: KubeObject | Pod) => !opts.namespace || (o.metadata?.namespace ?? 'default') === opts.namespace;
  const collapseAbove = opts.collapseAbove ?? LAYOUT.collapseAbove;
  const nodes = new Map<string, TreeNode>();
  const highlight = <T extends { name: string; matched?: boolean; dimmed?: boolean }>(d: T): T => (match ? { ...d, [match(d.name) ? 'matched' : 'dimmed']: true } : d);

  const workloads = input.workloads.filter(keep);
  for (const w of workloads) {
    const ns = w.metadata?.namespace ?? 'default';
    const name = w.metadata?.name ?? '';
    const { sub, tone } = workloadSummary(w);
    nodes.set(key(w.kind, ns, name), { id: objId(w.kind, ns, name), card: highlight<ObjCardData>({ kind: 'obj', objKind: w.kind, name, namespace: ns, sub, tone }), children: [], pods: [], w: 0, h: 0 });
  }
  const roots: Array<{ order: number; name: string; node: TreeNode }> = [];
  for (const w of workloads) {
    const ns = w.metadata?.namespace ?? 'default';
    const self = nodes.get(key(w.kind, ns, w.metadata?.name ?? ''));
    if (!self) continue;
    const owner = controllerOf(w);
    const parent = owner ? nodes.get(key(owner.kind, ns, owner.name)) : undefined;
    if (parent) parent.children.push(self);
    else roots.push({ order: KIND_ORDER.indexOf(w.kind), name: `${ns}/${w.metadata?.name ?? ''}`, node: self });
  }
  const standalone: TreeNode = {
    id: STANDALONE_ID,
    card: { kind: 'obj', objKind: 'Pod', name: 'Standalone pods', namespace: '', sub: '', tone: 'unknown' },
    children: [],
    pods: [],
    w: 0,
    h: 0,
  };
  for (const p of input.pods) {
    if (!keep(p)) continue;
    const ns = p.metadata?.namespace ?? 'default';
    const owner = controllerOf(p);
    const parent = (owner && nodes.get(key(owner.kind, ns, owner.name))) || standalone;
    parent.pods.push({ id: podId(ns, p.metadata?.name ?? ''), pod: p });
  }
  roots.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (standalone.pods.length > 0) {
    standalone.card = { ...standalone.card!, sub: `${standalone.pods.length} ${standalone.pods.length === 1 ? 'pod' : 'pods'}` };
    roots.push({ order: 99, name: '', node: standalone });
  }

  const gridCols = (n: number) => Math.min(LAYOUT.maxColumns, Math.max(1, Math.ceil(Math.sqrt(n))));
  const slotsOf = new Map<TreeNode, Map<string, number>>();
  const measure = (n: TreeNode): void => {
    n.children.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const c of n.children) measure(c);
    let childW = 0;
    let childH = 0;
    for (const c of n.children) {
      childW += (childW > 0 ? SIBLING_GAP : 0) + c.w;
      childH = Math.max(childH, c.h);
    }
    if (n.pods.length > collapseAbove) {
      childW += (childW > 0 ? SIBLING_GAP : 0) + cardWidth;
      childH = Math.max(childH, cardHeight);
    } else if (n.pods.length > 0) {
      const ids = n.pods.map((p) => p.id).sort();
      const slots = opts.slots ? opts.slots.assign(n.id, ids) : new Map(ids.map((id, i) => [id, i]));
      slotsOf.set(n, slots);
      const cols = gridCols(n.pods.length);
      const rows = Math.ceil((Math.max(...slots.values()) + 1) / cols);
      childW += (childW > 0 ? SIBLING_GAP : 0) + cols * podWidth + (cols - 1) * gap;
      childH = Math.max(childH, rows * podHeight + (rows - 1) * gap);
    }
    n.w = Math.max(cardWidth, childW);
    n.h = cardHeight + (childW > 0 ? LEVEL_GAP + childH : 0);
  };
  for (const r of roots) measure(r.node);

  const topology: Topology = { boxes: [], pods: [], cards: [], edges: [] };
  const place = (n: TreeNode, x: number, y: number): void => {
    if (n.card) topology.cards.push({ id: n.id, x: x + (n.w - cardWidth) / 2, y, width: cardWidth, height: cardHeight, data: n.card });
    let cx = x + (n.w - contentWidth(n)) / 2;
    const cy = y + cardHeight + LEVEL_GAP;
    for (const c of n.children) {
      place(c, cx, cy);
      topology.edges.push({ id: `${n.id}->${c.id}`, source: n.id, target: c.id, kind: 'owner' });
      cx += c.w + SIBLING_GAP;
    }
    if (n.pods.length > collapseAbove) {
      const counts = countByTone(n.pods.map((p) => p.pod));
      const sub = Object.entries(counts)
        .map(([tone, c]) => `${c} ${tone}`)
        .join(' · ');
      const id = `${n.id}/pods`;
      topology.cards.push({ id, x: cx, y: cy, width: cardWidth, height: cardHeight, data: { kind: 'obj', objKind: 'Pods', name: `${n.pods.length} pods`, namespace: n.card?.namespace ?? '', sub, tone: counts.running === n.pods.length ? 'running' : 'pending' } });
      topology.edges.push({ id: `${n.id}->${id}`, source: n.id, target: id, kind: 'owner' });
    } else if (n.pods.length > 0) {
      const slots = slotsOf.get(n)!;
      const cols = gridCols(n.pods.length);
      for (const { id, pod } of n.pods) {
        const slot = slots.get(id) ?? 0;
        const data: PodCardData = highlight(podCard(pod));
        const node: GraphNode<PodCardData> = { id, x: cx + (slot % cols) * (podWidth + gap), y: cy + Math.floor(slot / cols) * (podHeight + gap), width: podWidth, height: podHeight, data };
        topology.pods.push(node);
        if (n !== standalone) topology.edges.push({ id: `${n.id}->${id}`, source: n.id, target: id, kind: 'owner' });
      }
    }
  };
  const contentWidth = (n: TreeNode): number => {
    let w = 0;
    for (const c of n.children) w += (w > 0 ? SIBLING_GAP : 0) + c.w;
    if (n.pods.length > collapseAbove) w += (w > 0 ? SIBLING_GAP : 0) + cardWidth;
    else if (n.pods.length > 0) {
      const cols = gridCols(n.pods.length);
      w += (w > 0 ? SIBLING_GAP : 0) + cols * podWidth + (cols - 1) * gap;
    }
    return Math.max(w, 0);
  };

  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const { node } of roots) {
    if (x > 0 && x + node.w > MAX_ROW_WIDTH) {
      x = 0;
      y += rowH + LEVEL_GAP * 1.5;
      rowH = 0;
    }
    place(node, x, y);
    x += node.w + SIBLING_GAP * 2;
    rowH = Math.max(rowH, node.h);
  }
  return topology;
}
