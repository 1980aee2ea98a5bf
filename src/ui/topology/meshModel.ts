import type { MeshTelemetryEdge } from '../../engine/index.ts';
import type { GraphNode, Highlight } from './types.ts';
import { layout, placeLabels, type LayoutEndpoint as Endpoint } from './meshLayout.ts';

export { bezierPoint, MESH_LAYOUT } from './meshLayout.ts';

/**
 * The graph's mesh view (after Kiali's versioned app graph), built from a plain telemetry snapshot
 * (`cluster.meshTelemetry()`): one box per app holding its versions (`reviews` → v1, v2, v3), the ingress
 * gateway as the entry, clients outside the mesh as "unknown", hosts outside the cluster as their own node,
 * and one edge per source → destination with its live figures. Pure data, positioned left to right.
 */

/** What selecting a mesh node shows in the inspector: the workload or Service behind it. */
export interface MeshRef {
  kind: string;
  name: string;
  namespace?: string;
}

export interface MeshNodeData extends Highlight {
  kind: 'mesh-node';
  /** workload: a version inside its app's box (or a workload without an app); gateway: the mesh's entry or exit. */
  role: 'workload' | 'gateway' | 'unknown' | 'external';
  /** What the node shows: the version ("v2") inside an app box, else the workload or host name. */
  label: string;
  /** The workload and namespace ("reviews-v2.default"), or the host. */
  title: string;
  namespace: string;
  workload: string;
  app?: string;
  version?: string;
  /** Requests per second into the node over the last minute, and their error rate. */
  inRps: number;
  errorRate: number;
  /** No request went in or out over the last minute. */
  idle: boolean;
  ref?: MeshRef;
}

export interface MeshGroupData extends Highlight {
  kind: 'mesh-app';
  app: string;
  namespace: string;
  /** The destination services whose requests the app's workloads answered ("reviews"). */
  services: string[];
  versions: number;
  inRps: number;
  errorRate: number;
  idle: boolean;
  ref?: MeshRef;
}

export type MeshTone = 'ok' | 'error' | 'idle';

/** The telemetry figures an edge shows as they are (see MeshTelemetryEdge for their meaning). */
type EdgeFigures = Pick<MeshTelemetryEdge, 'protocol' | 'rps' | 'requests' | 'errorRate' | 'p50' | 'p90' | 'p99' | 'mtls' | 'codes' | 'route'>;

export interface MeshEdgeData extends EdgeFigures {
  id: string;
  source: string;
  target: string;
  /** Destination service hosts ("reviews.default.svc.cluster.local"). */
  services: string[];
  tone: MeshTone;
  /** Stroke width in px, by rate. */
  width: number;
  /** Seconds per dash cycle of the flow animation (faster for more traffic); 0: not animated. */
  speed: number;
  /** "3.52 rps" (TCP: "cps"). */
  rateLabel: string;
  /** "25%" when errors were seen, else undefined. */
  errorLabel?: string;
  /** Where along the curve (0..1) the label sits: the middle, unless another edge's label is there. */
  labelT: number;
}

export interface MeshTopology {
  groups: Array<GraphNode<MeshGroupData>>;
  /** Workload nodes inside a group carry its id as `parentId` and positions relative to it. */
  nodes: Array<GraphNode<MeshNodeData>>;
  edges: MeshEdgeData[];
  /** Some edge carried traffic over the last minute. */
  live: boolean;
}

export interface MeshOptions {
  /** Only edges with an end in this namespace ('' or undefined: all). */
  namespace?: string;
  search?: string;
  /** The kind of the workload object named `name` in `namespace` (Deployment, StatefulSet…), for selection. */
  kindOf?(namespace: string, name: string): string | undefined;
}

/** The selection kind of a mesh edge (`{ kind: MESH_EDGE_KIND, name: edge id }`): the inspector shows its figures. */
export const MESH_EDGE_KIND = 'MeshEdge';

export const UNKNOWN_ID = 'mesh:unknown';
export const wlId = (namespace: string, workload: string) => `mesh:wl:${namespace}/${workload}`;
export const appId = (namespace: string, app: string) => `mesh:app:${namespace}/${app}`;
export const extId = (host: string) => `mesh:ext:${host}`;
export const edgeId = (source: string, target: string, protocol: string) => `mesh:e:${source}>${target}>${protocol}`;

/** Istio's gateways: the entry (ingress) and exit (egress) of the mesh, drawn on their own. */
export function isGateway(workload: string, app?: string): boolean {
  return /^istio-(ingress|egress)gateway/.test(app ?? '') || /(ingress|egress)gateway/.test(workload);
}

/** The error colour rule: any error over the last minute turns the edge red. */
export function toneOf(rps: number, errorRate: number): MeshTone {
  if (errorRate > 0) return 'error';
  return rps > 0 ? 'ok' : 'idle';
}

export function formatRps(rps: number): string {
  if (rps <= 0) return '0';
  if (rps < 10) return rps.toFixed(2);
  if (rps < 100) return rps.toFixed(1);
  return String(Math.round(rps));
}

export function formatPercent(rate: number): string {
  const pct = rate * 100;
  if (pct >= 10 || pct === 0) return `${Math.round(pct)}%`;
  return `${pct >= 1 ? pct.toFixed(1) : pct.toFixed(2)}%`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(ms >= 100 ? 0 : 1)}ms`;
}

/** Stroke width by rate: 1 px idle, growing with the log of the rate up to 6 px. */
export function widthFor(rps: number): number {
  return rps <= 0 ? 1 : Math.round((1.6 + Math.min(4.4, Math.log2(1 + rps) * 0.9)) * 10) / 10;
}

/** Seconds per dash cycle: busier edges flow faster; idle ones stand still. */
export function speedFor(rps: number): number {
  return rps <= 0 ? 0 : Math.round(Math.max(0.35, Math.min(2, 2.4 / Math.log2(2 + rps))) * 100) / 100;
}

interface Workload {
  namespace: string;
  workload: string;
  app?: string;
  version?: string;
}

export const shortHost = (host: string) => (host.endsWith('.svc.cluster.local') ? host.split('.')[0] : host);

/** Telemetry's Istio labels for every workload seen on either side, so a side without labels can borrow them. */
function knownWorkloads(edges: readonly MeshTelemetryEdge[]): Map<string, Workload> {
  const out = new Map<string, Workload>();
  const note = (w: Workload) => {
    const k = `${w.namespace}/${w.workload}`;
    const had = out.get(k);
    if (!had || (!had.app && w.app)) out.set(k, w);
  };
  for (const e of edges) {
    if (e.source.workload !== 'unknown') note({ namespace: e.source.namespace, workload: e.source.workload, app: e.source.app, version: e.source.version });
    if (e.destination.app) note({ namespace: e.destination.namespace, workload: e.destination.workload, app: e.destination.app, version: e.destination.version });
  }
  return out;
}

function workloadNode(w: Workload, opts: MeshOptions): Endpoint {
  const gateway = isGateway(w.workload, w.app);
  const grouped = !gateway && !!w.app;
  const kind = opts.kindOf?.(w.namespace, w.workload) ?? 'Deployment';
  return {
    id: wlId(w.namespace, w.workload),
    group: grouped ? appId(w.namespace, w.app!) : undefined,
    node: {
      kind: 'mesh-node',
      role: gateway ? 'gateway' : 'workload',
      label: grouped && w.version ? w.version : w.workload,
      title: `${w.workload}.${w.namespace}`,
      namespace: w.namespace,
      workload: w.workload,
      ...(w.app ? { app: w.app } : {}),
      ...(w.version ? { version: w.version } : {}),
      inRps: 0,
      errorRate: 0,
      idle: true,
      ref: { kind, name: w.workload, namespace: w.namespace },
    },
  };
}

function special(id: string, role: 'unknown' | 'external', label: string): Endpoint {
  return { id, node: { kind: 'mesh-node', role, label, title: label, namespace: '', workload: label, inRps: 0, errorRate: 0, idle: true } };
}

/** Where an edge ends: a node, or (a local reply of the destination's proxy) the service's app box itself. */
type End = { ep: Endpoint } | { box: { id: string; namespace: string; app: string } };

/** The node a telemetry edge's source or destination is drawn as. */
function endOf(e: MeshTelemetryEdge, side: 'source' | 'destination', known: Map<string, Workload>, opts: MeshOptions): End {
  if (side === 'source') {
    const s = e.source;
    if (s.workload === 'unknown') return { ep: special(UNKNOWN_ID, 'unknown', 'unknown') };
    return { ep: workloadNode(known.get(`${s.namespace}/${s.workload}`) ?? { namespace: s.namespace, workload: s.workload, app: s.app, version: s.version }, opts) };
  }
  const d = e.destination;
  if (d.app) return { ep: workloadNode({ namespace: d.namespace, workload: d.workload, app: d.app, version: d.version }, opts) };
  // A local reply (no healthy upstream, circuit breaker, fault abort) names the service: the edge ends at its app box.
  if (d.service.endsWith('.svc.cluster.local') && d.workload === shortHost(d.service)) return { box: { id: appId(d.namespace, d.workload), namespace: d.namespace, app: d.workload } };
  if (d.workload !== 'unknown' && d.namespace !== 'unknown' && d.namespace !== 'external') return { ep: workloadNode(known.get(`${d.namespace}/${d.workload}`) ?? { namespace: d.namespace, workload: d.workload }, opts) };
  return { ep: special(extId(d.service), 'external', d.service) };
}

function matches(search: string, ...names: Array<string | undefined>): boolean {
  return names.some((n) => n !== undefined && n.toLowerCase().includes(search));
}

/** The mesh view's graph from a telemetry snapshot. */
export function buildMeshTopology(telemetry: readonly MeshTelemetryEdge[], opts: MeshOptions = {}): MeshTopology {
  const ns = opts.namespace ?? '';
  const shown = ns ? telemetry.filter((e) => e.source.namespace === ns || e.destination.namespace === ns) : telemetry;
  const known = knownWorkloads(telemetry);
  const nodes = new Map<string, Endpoint>();
  const groups = new Map<string, MeshGroupData>();
  const edges = new Map<string, MeshEdgeData & { weight: number }>();
  const group = (id: string, namespace: string, app: string): MeshGroupData => {
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { kind: 'mesh-app', app, namespace, services: [], versions: 0, inRps: 0, errorRate: 0, idle: true }));
    return g;
  };
  const place = (end: End): { id: string; group?: string } => {
    if ('box' in end) {
      group(end.box.id, end.box.namespace, end.box.app);
      return { id: end.box.id, group: end.box.id };
    }
    const ep = end.ep;
    if (!nodes.has(ep.id)) nodes.set(ep.id, ep);
    if (ep.group) group(ep.group, ep.node.namespace, ep.node.app ?? '');
    return ep;
  };
  for (const e of shown) {
    const s = place(endOf(e, 'source', known, opts)).id;
    const dst = place(endOf(e, 'destination', known, opts));
    const d = dst.id;
    if (e.destination.service.endsWith('.svc.cluster.local')) {
      const g = groups.get(dst.group ?? '');
      const svc = shortHost(e.destination.service);
      if (g && !g.services.includes(svc)) g.services.push(svc);
    }
    const id = edgeId(s, d, e.protocol);
    const had = edges.get(id);
    if (!had) {
      edges.set(id, {
        id,
        source: s,
        target: d,
        protocol: e.protocol,
        rps: e.rps,
        requests: e.requests,
        errorRate: e.errorRate,
        p50: e.p50,
        p90: e.p90,
        p99: e.p99,
        mtls: e.mtls,
        codes: { ...e.codes },
        services: [e.destination.service],
        ...(e.route ? { route: e.route } : {}),
        tone: 'idle',
        width: 1,
        speed: 0,
        rateLabel: '',
        labelT: 0.5,
        weight: e.rps,
      });
      continue;
    }
    // Two telemetry edges drawn as one (the same workloads through two services): rates add up, the error rate
    // is weighted by rate, and the slower quantiles stand.
    const w = had.weight + e.rps;
    had.errorRate = w > 0 ? (had.errorRate * had.weight + e.errorRate * e.rps) / w : Math.max(had.errorRate, e.errorRate);
    had.weight = w;
    had.rps = Math.round((had.rps + e.rps) * 100) / 100;
    had.requests += e.requests;
    had.p50 = Math.max(had.p50, e.p50);
    had.p90 = Math.max(had.p90, e.p90);
    had.p99 = Math.max(had.p99, e.p99);
    had.mtls = had.mtls && e.mtls;
    for (const [k, v] of Object.entries(e.codes)) had.codes[k] = (had.codes[k] ?? 0) + v;
    if (!had.services.includes(e.destination.service)) had.services.push(e.destination.service);
  }
  const out: MeshEdgeData[] = [];
  for (const { weight: _w, ...e } of edges.values()) {
    e.tone = toneOf(e.rps, e.errorRate);
    e.width = widthFor(e.rps);
    e.speed = speedFor(e.rps);
    e.rateLabel = `${formatRps(e.rps)} ${e.protocol === 'tcp' ? 'cps' : 'rps'}`;
    if (e.errorRate > 0) e.errorLabel = formatPercent(e.errorRate);
    out.push(e);
  }
  // Incoming traffic per node and per app box; a node is idle when nothing went in or out over the minute.
  const inErr = new Map<string, number>();
  for (const e of out) {
    const t = nodes.get(e.target)?.node ?? groups.get(e.target);
    if (t) {
      t.inRps += e.rps;
      inErr.set(e.target, (inErr.get(e.target) ?? 0) + e.rps * e.errorRate);
      if (e.rps > 0) t.idle = false;
    }
    const s = nodes.get(e.source)?.node;
    if (s && e.rps > 0) s.idle = false;
  }
  for (const [id, ep] of nodes) {
    const n = ep.node;
    n.inRps = Math.round(n.inRps * 100) / 100;
    n.errorRate = n.inRps > 0 ? (inErr.get(id) ?? 0) / n.inRps : 0;
    if (ep.group) {
      const g = groups.get(ep.group)!;
      g.versions++;
      g.inRps += n.inRps;
      inErr.set(ep.group, (inErr.get(ep.group) ?? 0) + n.inRps * n.errorRate);
      if (!n.idle) g.idle = false;
    }
  }
  for (const [id, g] of groups) {
    g.inRps = Math.round(g.inRps * 100) / 100;
    g.errorRate = g.inRps > 0 ? (inErr.get(id) ?? 0) / g.inRps : 0;
    g.services.sort();
    const svc = g.services.includes(g.app) ? g.app : g.services[0];
    if (svc) g.ref = { kind: 'Service', name: svc, namespace: g.namespace };
  }
  const search = (opts.search ?? '').trim().toLowerCase();
  if (search) {
    for (const { node: n } of nodes.values()) {
      n.matched = matches(search, n.workload, n.app, n.title);
      n.dimmed = !n.matched;
    }
    for (const g of groups.values()) {
      g.matched = matches(search, g.app, ...g.services);
      g.dimmed = !g.matched && ![...nodes.values()].some((ep) => appId(g.namespace, g.app) === ep.group && ep.node.matched);
    }
  }
  const placed = layout(nodes, groups, out);
  const edgesOut = out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  placeLabels(placed, edgesOut);
  return { ...placed, edges: edgesOut, live: out.some((e) => e.rps > 0) };
}

/** A mesh edge found again by its id, with the nodes (or app boxes) at its ends (for the inspector). */
export function meshEdgeById(telemetry: readonly MeshTelemetryEdge[], id: string): { edge: MeshEdgeData; source?: MeshNodeData | MeshGroupData; target?: MeshNodeData | MeshGroupData } | undefined {
  const t = buildMeshTopology(telemetry);
  const edge = t.edges.find((e) => e.id === id);
  if (!edge) return undefined;
  const find = (x: string) => t.nodes.find((n) => n.id === x)?.data ?? t.groups.find((g) => g.id === x)?.data;
  return { edge, source: find(edge.source), target: find(edge.target) };
}
