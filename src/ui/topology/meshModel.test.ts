// The mesh view's model. Shapes follow Kiali's versioned app graph (kiali.io/docs/features/topology: "app boxes"
// group an app's versioned workloads; the ingress gateway is a root; "unknown" is traffic from outside the mesh)
// and the call graph of Istio's Bookinfo (istio.io/latest/docs/examples/bookinfo: productpage calls details and
// reviews; reviews v1 calls nothing, v2 and v3 call ratings). The telemetry snapshot is what
// `cluster.meshTelemetry()` returns (see src/engine/mesh/dataplane/telemetryapi.ts).
import { describe, expect, it } from 'vitest';
import type { MeshTelemetryEdge } from '../../engine/index.ts';
import { appId, bezierPoint, buildMeshTopology, edgeId, extId, formatPercent, formatRps, MESH_LAYOUT, meshEdgeById, speedFor, toneOf, UNKNOWN_ID, widthFor, wlId } from './meshModel.ts';

type Side = MeshTelemetryEdge['source'];
function edge(source: Side | 'unknown', destination: MeshTelemetryEdge['destination'], over: Partial<MeshTelemetryEdge> = {}): MeshTelemetryEdge {
  return {
    source: source === 'unknown' ? { workload: 'unknown', namespace: 'unknown' } : source,
    destination,
    protocol: 'http',
    requests: 100,
    rps: 3.5,
    errorRate: 0,
    p50: 2,
    p90: 3,
    p99: 4,
    mtls: true,
    codes: { 200: 100 },
    ...over,
  };
}
const wl = (workload: string, app: string, version: string | undefined, namespace = 'default'): Side => ({ workload, namespace, app, ...(version ? { version } : {}) });
const to = (service: string, workload: string, app?: string, version?: string, namespace = 'default'): MeshTelemetryEdge['destination'] => ({ service: `${service}.${namespace}.svc.cluster.local`, workload, namespace, ...(app ? { app } : {}), ...(version ? { version } : {}) });

const gateway: Side = { workload: 'istio-ingressgateway', namespace: 'istio-system', app: 'istio-ingressgateway' };
const productpage = wl('productpage-v1', 'productpage', 'v1');
/** Bookinfo under `lab load http://GATEWAY/productpage --rps 10`, reviews round-robin over three versions. */
const bookinfo: MeshTelemetryEdge[] = [
  edge(gateway, to('productpage', 'productpage-v1', 'productpage', 'v1'), { rps: 10.9 }),
  edge(productpage, to('details', 'details-v1', 'details', 'v1'), { rps: 10.9 }),
  edge(productpage, to('reviews', 'reviews-v1', 'reviews', 'v1'), { rps: 3.52, route: { name: 'default' } }),
  edge(productpage, to('reviews', 'reviews-v2', 'reviews', 'v2'), { rps: 3.75, route: { name: 'default' } }),
  edge(productpage, to('reviews', 'reviews-v3', 'reviews', 'v3'), { rps: 3.63, route: { name: 'default' } }),
  edge(wl('reviews-v2', 'reviews', 'v2'), to('ratings', 'ratings-v1', 'ratings', 'v1'), { rps: 3.75 }),
  edge(wl('reviews-v3', 'reviews', 'v3'), to('ratings', 'ratings-v1', 'ratings', 'v1'), { rps: 3.63 }),
];

const W = (ns: string, name: string) => wlId(ns, name);

describe('buildMeshTopology: edges from a telemetry snapshot', () => {
  const cases: Array<{ name: string; telemetry: MeshTelemetryEdge[]; want: Array<[string, string, string]> }> = [
    { name: 'empty snapshot: no edges', telemetry: [], want: [] },
    {
      name: 'bookinfo: one edge per source → destination workload',
      telemetry: bookinfo,
      want: [
        [W('istio-system', 'istio-ingressgateway'), W('default', 'productpage-v1'), '10.9 rps'],
        [W('default', 'productpage-v1'), W('default', 'details-v1'), '10.9 rps'],
        [W('default', 'productpage-v1'), W('default', 'reviews-v1'), '3.52 rps'],
        [W('default', 'productpage-v1'), W('default', 'reviews-v2'), '3.75 rps'],
        [W('default', 'productpage-v1'), W('default', 'reviews-v3'), '3.63 rps'],
        [W('default', 'reviews-v2'), W('default', 'ratings-v1'), '3.75 rps'],
        [W('default', 'reviews-v3'), W('default', 'ratings-v1'), '3.63 rps'],
      ],
    },
    {
      name: 'a client outside the mesh is "unknown"; a TCP edge counts connections',
      telemetry: [edge('unknown', { service: 'unknown', workload: 'productpage-v1', namespace: 'default' }, { rps: 2, mtls: false }), edge(productpage, to('mysqldb', 'mysqldb-v1', 'mysqldb', 'v1'), { protocol: 'tcp', rps: 0.5 })],
      want: [
        [UNKNOWN_ID, W('default', 'productpage-v1'), '2.00 rps'],
        [W('default', 'productpage-v1'), W('default', 'mysqldb-v1'), '0.50 cps'],
      ],
    },
    {
      name: 'a host outside the cluster (ServiceEntry) is its own node',
      telemetry: [edge(wl('curl', 'curl', undefined), { service: 'httpbin.org', workload: 'unknown', namespace: 'unknown' }, { mtls: false })],
      want: [[W('default', 'curl'), extId('httpbin.org'), '3.50 rps']],
    },
    {
      name: 'a local reply (503 no healthy upstream) ends at the service’s app box',
      telemetry: [edge(wl('curl', 'curl', undefined), { service: 'httpbin.default.svc.cluster.local', workload: 'httpbin', namespace: 'default' }, { errorRate: 1, codes: { 503: 4 } })],
      want: [[W('default', 'curl'), appId('default', 'httpbin'), '3.50 rps']],
    },
  ];
  it.each(cases)('$name', ({ telemetry, want }) => {
    const t = buildMeshTopology(telemetry);
    const got = t.edges.map((e) => [e.source, e.target, e.rateLabel]);
    expect(got.sort()).toEqual(want.map((w) => [...w]).sort());
    for (const e of t.edges) {
      const ids = new Set([...t.nodes.map((n) => n.id), ...t.groups.map((g) => g.id)]);
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    }
    expect(t.live).toBe(want.length > 0);
  });

  it('keeps the latency quantiles, mTLS, codes and the matched route on the edge', () => {
    const t = buildMeshTopology(bookinfo);
    const e = t.edges.find((x) => x.target === W('default', 'reviews-v2'))!;
    expect(e).toMatchObject({ p50: 2, p90: 3, p99: 4, mtls: true, codes: { 200: 100 }, route: { name: 'default' }, services: ['reviews.default.svc.cluster.local'], protocol: 'http' });
    const found = meshEdgeById(bookinfo, e.id)!;
    expect(found.edge).toEqual(e);
    expect(found.source).toMatchObject({ workload: 'productpage-v1', label: 'v1' });
    expect(found.target).toMatchObject({ workload: 'reviews-v2', version: 'v2' });
    expect(meshEdgeById(bookinfo, 'mesh:e:nothing')).toBeUndefined();
  });

  it('draws two telemetry edges between the same workloads as one (rates add, errors weighted by rate, slower quantiles)', () => {
    const t = buildMeshTopology([
      edge(productpage, to('reviews', 'reviews-v1', 'reviews', 'v1'), { rps: 3, errorRate: 0, p99: 4, codes: { 200: 30 } }),
      edge(productpage, { ...to('reviews-canary', 'reviews-v1', 'reviews', 'v1') }, { rps: 1, errorRate: 0.5, p99: 9, mtls: false, codes: { 200: 5, 503: 5 } }),
    ]);
    expect(t.edges).toHaveLength(1);
    expect(t.edges[0]).toMatchObject({ rps: 4, errorRate: 0.125, p99: 9, mtls: false, codes: { 200: 35, 503: 5 }, tone: 'error', errorLabel: '13%' });
    expect(t.edges[0].services).toEqual(['reviews.default.svc.cluster.local', 'reviews-canary.default.svc.cluster.local']);
  });
});

describe('error colouring', () => {
  // The brief's rule (and Kiali's "any error" edge colour at its lowest threshold): red as soon as an error was seen.
  const cases: Array<{ name: string; rps: number; errorRate: number; want: { tone: string; label?: string } }> = [
    { name: 'no errors: healthy', rps: 5, errorRate: 0, want: { tone: 'ok' } },
    { name: 'one error in ten thousand: red', rps: 5, errorRate: 0.0001, want: { tone: 'error', label: '0.01%' } },
    { name: 'a quarter failing', rps: 4, errorRate: 0.25, want: { tone: 'error', label: '25%' } },
    { name: 'every request failing', rps: 1, errorRate: 1, want: { tone: 'error', label: '100%' } },
    { name: 'no traffic over the last minute: idle', rps: 0, errorRate: 0, want: { tone: 'idle' } },
  ];
  it.each(cases)('$name', ({ rps, errorRate, want }) => {
    expect(toneOf(rps, errorRate)).toBe(want.tone);
    const [e] = buildMeshTopology([edge(productpage, to('details', 'details-v1', 'details', 'v1'), { rps, errorRate })]).edges;
    expect(e.tone).toBe(want.tone);
    expect(e.errorLabel).toBe(want.label);
  });

  it('formats rates and percentages', () => {
    expect([0, 0.5, 3.521, 10.94, 250.4].map(formatRps)).toEqual(['0', '0.50', '3.52', '10.9', '250']);
    expect([0, 0.001, 0.033, 0.25, 1].map(formatPercent)).toEqual(['0%', '0.10%', '3.3%', '25%', '100%']);
  });

  it('thickens and speeds up busier edges; idle ones are thin and still', () => {
    expect(widthFor(0)).toBe(1);
    expect(speedFor(0)).toBe(0);
    expect(widthFor(1)).toBeLessThan(widthFor(10));
    expect(widthFor(10)).toBeLessThan(widthFor(1000));
    expect(widthFor(1e6)).toBeLessThanOrEqual(6);
    expect(speedFor(100)).toBeLessThan(speedFor(1));
  });
});

describe('grouping versions under their app', () => {
  it('puts reviews v1, v2, v3 in the reviews box, ordered by version, with the Service to inspect', () => {
    const t = buildMeshTopology(bookinfo);
    const box = t.groups.find((g) => g.id === appId('default', 'reviews'))!;
    expect(box.data).toMatchObject({ app: 'reviews', namespace: 'default', services: ['reviews'], versions: 3, idle: false, ref: { kind: 'Service', name: 'reviews', namespace: 'default' } });
    const members = t.nodes.filter((n) => n.parentId === box.id);
    expect(members.map((n) => [n.data.label, n.data.title])).toEqual([
      ['v1', 'reviews-v1.default'],
      ['v2', 'reviews-v2.default'],
      ['v3', 'reviews-v3.default'],
    ]);
    // Members sit inside the box, one under another.
    for (const [i, n] of members.entries()) {
      expect(n.x).toBe(MESH_LAYOUT.groupPad);
      expect(n.y).toBe(MESH_LAYOUT.groupHead + i * (MESH_LAYOUT.nodeHeight + MESH_LAYOUT.nodeGap));
      expect(n.y + n.height).toBeLessThanOrEqual(box.height);
    }
    expect(box.data.inRps).toBeCloseTo(3.52 + 3.75 + 3.63, 5);
  });

  it('borrows a destination’s app and version from where the same workload was a source', () => {
    const t = buildMeshTopology([edge('unknown', { service: 'unknown', workload: 'reviews-v2', namespace: 'default' }), edge(wl('reviews-v2', 'reviews', 'v2'), to('ratings', 'ratings-v1', 'ratings', 'v1'))]);
    expect(t.nodes.find((n) => n.id === W('default', 'reviews-v2'))).toMatchObject({ parentId: appId('default', 'reviews'), data: { label: 'v2' } });
  });

  it('selecting a workload names its object (kind from the cluster, Deployment by default)', () => {
    const t = buildMeshTopology(bookinfo, { kindOf: (ns, name) => (name === 'ratings-v1' ? 'StatefulSet' : undefined) });
    expect(t.nodes.find((n) => n.id === W('default', 'ratings-v1'))!.data.ref).toEqual({ kind: 'StatefulSet', name: 'ratings-v1', namespace: 'default' });
    expect(t.nodes.find((n) => n.id === W('default', 'details-v1'))!.data.ref).toEqual({ kind: 'Deployment', name: 'details-v1', namespace: 'default' });
  });
});

describe('the gateway as the entry', () => {
  const t = buildMeshTopology(bookinfo);
  const col = (id: string) => {
    const n = t.nodes.find((x) => x.id === id);
    const box = n?.parentId ? t.groups.find((g) => g.id === n.parentId) : undefined;
    return Math.round((box ?? n ?? t.groups.find((g) => g.id === id)!).x / (MESH_LAYOUT.nodeWidth + 2 * MESH_LAYOUT.groupPad + MESH_LAYOUT.columnGap));
  };
  const cases: Array<{ name: string; id: string; want: number }> = [
    { name: 'istio-ingressgateway: first column', id: W('istio-system', 'istio-ingressgateway'), want: 0 },
    { name: 'productpage: second', id: W('default', 'productpage-v1'), want: 1 },
    { name: 'details: third', id: W('default', 'details-v1'), want: 2 },
    { name: 'reviews: third', id: W('default', 'reviews-v1'), want: 2 },
    { name: 'ratings (called by reviews v2/v3): fourth', id: W('default', 'ratings-v1'), want: 3 },
  ];
  it.each(cases)('$name', ({ id, want }) => expect(col(id)).toBe(want));

  it('is a node of its own, not an app box', () => {
    const gw = t.nodes.find((n) => n.id === W('istio-system', 'istio-ingressgateway'))!;
    expect(gw.parentId).toBeUndefined();
    expect(gw.data).toMatchObject({ role: 'gateway', label: 'istio-ingressgateway', inRps: 0, idle: false });
    expect(t.groups.some((g) => g.data.app === 'istio-ingressgateway')).toBe(false);
  });

  it('survives a call cycle (a → b → a) and still lays every box out', () => {
    const a = wl('a-v1', 'a', 'v1');
    const b = wl('b-v1', 'b', 'v1');
    const c = buildMeshTopology([edge(gateway, to('a', 'a-v1', 'a', 'v1')), edge(a, to('b', 'b-v1', 'b', 'v1')), edge(b, to('a', 'a-v1', 'a', 'v1'))]);
    expect(c.groups.map((g) => g.data.app).sort()).toEqual(['a', 'b']);
    expect(c.groups.find((g) => g.data.app === 'b')!.x).toBeGreaterThan(c.groups.find((g) => g.data.app === 'a')!.x);
  });
});

describe('filters', () => {
  it('a namespace keeps edges with an end in it (the gateway stays as the entry)', () => {
    const other = edge(wl('curl', 'curl', undefined, 'foo'), to('httpbin', 'httpbin', 'httpbin', 'v1', 'foo'));
    const t = buildMeshTopology([...bookinfo, other], { namespace: 'foo' });
    expect(t.edges.map((e) => e.target)).toEqual([W('foo', 'httpbin')]);
    expect(buildMeshTopology([...bookinfo, other], { namespace: 'default' }).edges).toHaveLength(7);
  });

  it('search marks matching nodes and dims the rest; a box with a match stays lit', () => {
    const t = buildMeshTopology(bookinfo, { search: 'reviews-v2' });
    const n = (id: string) => t.nodes.find((x) => x.id === id)!.data;
    expect(n(W('default', 'reviews-v2'))).toMatchObject({ matched: true, dimmed: false });
    expect(n(W('default', 'reviews-v1'))).toMatchObject({ matched: false, dimmed: true });
    expect(t.groups.find((g) => g.data.app === 'reviews')!.data.dimmed).toBe(false);
    expect(t.groups.find((g) => g.data.app === 'details')!.data.dimmed).toBe(true);
  });

  it('edges that saw no traffic for a minute stay drawn, idle', () => {
    const t = buildMeshTopology(bookinfo.map((e) => (e.destination.workload === 'reviews-v1' ? e : { ...e, rps: 0 })));
    expect(t.edges.filter((e) => e.tone === 'idle')).toHaveLength(6);
    expect(t.nodes.find((n) => n.id === W('default', 'ratings-v1'))!.data.idle).toBe(true);
    expect(edgeId(W('default', 'productpage-v1'), W('default', 'reviews-v1'), 'http')).toBe(t.edges.find((e) => e.tone === 'ok')!.id);
  });
});

describe('edge labels', () => {
  it('bezierPoint follows React Flow’s curve: ends at the handles, the middle halfway', () => {
    expect(bezierPoint(0, 0, 200, 100, 0)).toEqual({ x: 0, y: 0 });
    expect(bezierPoint(0, 0, 200, 100, 1)).toEqual({ x: 200, y: 100 });
    expect(bezierPoint(0, 0, 200, 100, 0.5)).toEqual({ x: 100, y: 50 });
  });

  it('labels of edges that meet in the same place move apart along their curves', () => {
    // reviews v3 → ratings-v1 and, for its aborted requests, reviews v3 → the ratings box: nearly the same curve.
    const t = buildMeshTopology([
      ...bookinfo,
      edge(wl('reviews-v3', 'reviews', 'v3'), { service: 'ratings.default.svc.cluster.local', workload: 'ratings', namespace: 'default' }, { rps: 3, errorRate: 1, codes: { 500: 30 } }),
    ]);
    const a = t.edges.find((e) => e.source === W('default', 'reviews-v3') && e.target === W('default', 'ratings-v1'))!;
    const b = t.edges.find((e) => e.source === W('default', 'reviews-v3') && e.target === appId('default', 'ratings'))!;
    expect(new Set([a.labelT, b.labelT]).size).toBe(2);
    expect(t.edges.filter((e) => e.labelT === 0.5).length).toBeGreaterThan(0);
  });
});
