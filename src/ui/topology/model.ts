import type { Node, Pod } from 'kubernetes-types/core/v1';
import { podStatusText, podTone, type PodTone } from './podStatus.ts';

/**
 * The live view's graph model: a pure function from cluster objects to positioned boxes. Cluster nodes
 * become group boxes with their pods laid out inside in a grid; pods not (yet) bound to a known node go
 * into an "Unscheduled" lane. Nothing here knows React or React Flow (see flowAdapter.tsx).
 */

export const LAYOUT = {
  podWidth: 212,
  podHeight: 50,
  gap: 10,
  padding: 14,
  header: 58,
  boxGap: 36,
  minColumns: 2,
  maxColumns: 4,
  boxesPerRow: 3,
};

export interface PodCardData {
  kind: 'pod';
  name: string;
  /** The node the pod is bound to (`spec.nodeName`), empty while unscheduled. */
  nodeName: string;
  namespace: string;
  status: string;
  tone: PodTone;
  ready: string;
  restarts: number;
}

export interface NodeBoxData {
  kind: 'node' | 'unscheduled';
  name: string;
  /** `control-plane`, `<none>`... as kubectl's ROLES column. */
  roles: string;
  ready: boolean;
  /** Ready / NotReady / NotReady,SchedulingDisabled..., or "Waiting for a node" for the lane. */
  statusText: string;
  podCount: number;
}

export interface GraphNode<D> {
  id: string;
  parentId?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  data: D;
}

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
}

export interface Topology {
  boxes: Array<GraphNode<NodeBoxData>>;
  pods: Array<GraphNode<PodCardData>>;
  /** Reserved for relations drawn between boxes (Services to pods); none are drawn yet. */
  edges: TopologyEdge[];
}

export const UNSCHEDULED_ID = 'lane:unscheduled';

function roles(node: Node): string {
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

function podCard(pod: Pod): PodCardData {
  const status = podStatusText(pod);
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = pod.spec?.containers?.length ?? statuses.length;
  return {
    kind: 'pod',
    name: pod.metadata?.name ?? '',
    nodeName: pod.spec?.nodeName ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    status,
    tone: podTone(status),
    ready: `${statuses.filter((s) => s.ready).length}/${containers}`,
    restarts: statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0),
  };
}

function byName(a: { metadata?: { namespace?: string; name?: string } }, b: typeof a): number {
  const ka = `${a.metadata?.namespace ?? ''}/${a.metadata?.name ?? ''}`;
  const kb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function columnsFor(count: number): number {
  return Math.min(LAYOUT.maxColumns, Math.max(LAYOUT.minColumns, Math.ceil(Math.sqrt(count))));
}

/** Size of the whole layout for boxes holding `podCounts` pods, `perRow` boxes to a row. */
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

/** Build the positioned graph. Control-plane nodes first, then nodes by name; the unscheduled lane last. */
export function buildTopology(nodes: readonly Node[], pods: readonly Pod[], opts: { boxesPerRow?: number } = {}): Topology {
  const sortedNodes = [...nodes].sort((a, b) => {
    const ca = roles(a).includes('control-plane') ? 0 : 1;
    const cb = roles(b).includes('control-plane') ? 0 : 1;
    return ca - cb || byName(a, b);
  });
  const known = new Set(sortedNodes.map((n) => n.metadata?.name));
  const podsByNode = new Map<string, Pod[]>();
  const unscheduled: Pod[] = [];
  for (const p of pods) {
    const node = p.spec?.nodeName;
    if (node && known.has(node)) {
      let list = podsByNode.get(node);
      if (!list) podsByNode.set(node, (list = []));
      list.push(p);
    } else unscheduled.push(p);
  }
  const groups: Array<{ id: string; data: NodeBoxData; pods: Pod[] }> = sortedNodes.map((n) => {
    const name = n.metadata?.name ?? '';
    const list = (podsByNode.get(name) ?? []).sort(byName);
    const ready = nodeReady(n);
    const statusText = (ready ? 'Ready' : 'NotReady') + (n.spec?.unschedulable ? ',SchedulingDisabled' : '');
    return { id: `node:${name}`, data: { kind: 'node', name, roles: roles(n), ready, statusText, podCount: list.length }, pods: list };
  });
  if (unscheduled.length > 0) {
    unscheduled.sort(byName);
    groups.push({
      id: UNSCHEDULED_ID,
      data: { kind: 'unscheduled', name: 'Unscheduled', roles: '', ready: false, statusText: 'Waiting for a node', podCount: unscheduled.length },
      pods: unscheduled,
    });
  }

  const topology: Topology = { boxes: [], pods: [], edges: [] };
  const { podWidth, podHeight, gap, padding, header, boxGap } = LAYOUT;
  const boxesPerRow = Math.max(1, opts.boxesPerRow ?? LAYOUT.boxesPerRow);
  const cols = columnsFor(Math.max(0, ...groups.map((g) => g.pods.length)));
  const width = padding * 2 + cols * podWidth + (cols - 1) * gap;
  let y = 0;
  for (let row = 0; row * boxesPerRow < groups.length; row++) {
    const inRow = groups.slice(row * boxesPerRow, (row + 1) * boxesPerRow);
    const rows = Math.max(1, ...inRow.map((g) => Math.ceil(g.pods.length / cols)));
    const height = header + padding + rows * podHeight + (rows - 1) * gap;
    inRow.forEach((g, i) => {
      topology.boxes.push({ id: g.id, x: i * (width + boxGap), y, width, height, data: g.data });
      g.pods.forEach((p, j) => {
        topology.pods.push({
          id: `pod:${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`,
          parentId: g.id,
          x: padding + (j % cols) * (podWidth + gap),
          y: header + Math.floor(j / cols) * (podHeight + gap),
          width: podWidth,
          height: podHeight,
          data: podCard(p),
        });
      });
    });
    y += height + boxGap;
  }
  return topology;
}
