import { Background, BackgroundVariant, BaseEdge, Controls, EdgeLabelRenderer, getBezierPath, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Edge, type EdgeProps, type EdgeTypes, type Node, type NodeHandle, type NodeProps, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { NodeBox, ObjCard, PodCard } from './cards.tsx';
import { MeshEdgeLabel, MeshGroupBox, MeshNodeCard } from './meshCards.tsx';
import { bezierPoint, type MeshEdgeData, type MeshGroupData, type MeshNodeData, type MeshTopology } from './meshModel.ts';
import { DotBackground } from './background.tsx';
import { BoxDataMemo } from './boxData.ts';
import { FlowReuse } from './flowReuse.ts';
import { PlaceMemory } from './placeMemory.ts';
import { foldPods, type FoldedTopology } from './inline.ts';
import { InlineCtx, InlinePods, InlinePodsCtx, PodGrid, type InlineContext } from './PodGrid.tsx';
import type { NodeBoxData, ObjCardData, PodCardData, Topology, TopologyEdge } from './types.ts';

/**
 * The only file that knows React Flow: it turns the pure Topology into React Flow nodes and edges and
 * renders them. Boxes become parent nodes; pods are their children, positioned relative to them.
 */
/**
 * Handles are declared on the node (React Flow's static `handles`) with the node's size as `measured`, so no
 * card renders `<Handle>` components (four store subscriptions each) and edges route before any measurement:
 * left/top targets, right/bottom sources, at the edges' midpoints (the `marks` below repeat them for the DOM).
 */
function handlesFor(width: number, height: number): NodeHandle[] {
  return [
    { id: 'l', type: 'target', position: Position.Left, x: 0, y: height / 2, width: 1, height: 1 },
    { id: 't', type: 'target', position: Position.Top, x: width / 2, y: 0, width: 1, height: 1 },
    { id: 'r', type: 'source', position: Position.Right, x: width - 1, y: height / 2, width: 1, height: 1 },
    { id: 'b', type: 'source', position: Position.Bottom, x: width / 2, y: height - 1, width: 1, height: 1 },
  ];
}

const handleCache = new Map<string, NodeHandle[]>();
function handles(width: number, height: number): NodeHandle[] {
  const k = `${width}x${height}`;
  let h = handleCache.get(k);
  if (!h) handleCache.set(k, (h = handlesFor(width, height)));
  return h;
}

/**
 * React Flow nodes and edges for a topology. Box data goes through `boxes` (when given), which keeps the previous
 * object for a box that draws the same, so React Flow skips it. Pods drawn inside boxes are not part of the box's
 * node: each box's PodGrid reads them from the InlinePods store.
 */
export function toFlow(t: Topology, selectedId?: string, highlightIds?: ReadonlySet<string>, currentId?: string, boxes?: BoxDataMemo, jumps?: ReadonlySet<string>): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const cls = (id: string) => (id === currentId ? 'trace-current' : highlightIds?.has(id) ? 'trace-lit' : undefined);
  for (const b of t.boxes) {
    nodes.push({
      id: b.id,
      type: 'k8sNode',
      position: { x: b.x, y: b.y },
      width: b.width,
      height: b.height,
      measured: { width: b.width, height: b.height },
      handles: handles(b.width, b.height),
      style: { width: b.width, height: b.height },
      data: (boxes ? boxes.stable(b.id, b.data) : b.data) as unknown as Record<string, unknown>,
      selected: b.id === selectedId,
      selectable: b.data.kind === 'node',
      draggable: false,
      className: cls(b.id),
    });
  }
  for (const c of t.cards) {
    nodes.push({
      id: c.id,
      type: 'obj',
      position: { x: c.x, y: c.y },
      width: c.width,
      height: c.height,
      measured: { width: c.width, height: c.height },
      handles: handles(c.width, c.height),
      style: { width: c.width, height: c.height },
      data: c.data as unknown as Record<string, unknown>,
      selected: c.id === selectedId,
      draggable: false,
      className: cls(c.id),
    });
  }
  for (const p of t.pods) {
    nodes.push({
      id: p.id,
      type: 'pod',
      parentId: p.parentId,
      extent: p.parentId ? 'parent' : undefined,
      position: { x: p.x, y: p.y },
      width: p.width,
      height: p.height,
      measured: { width: p.width, height: p.height },
      handles: handles(p.width, p.height),
      style: { width: p.width, height: p.height },
      data: p.data as unknown as Record<string, unknown>,
      selected: p.id === selectedId,
      draggable: false,
      className: jumps?.has(p.id) ? `${cls(p.id) ?? ''} pod-jump`.trim() : cls(p.id),
    });
  }
  return { nodes, edges: t.edges.map((e) => toEdge(e, selectedId, highlightIds)) };
}

function toEdge(e: TopologyEdge, selectedId: string | undefined, hot: ReadonlySet<string> | undefined): Edge {
  const vertical = e.kind === 'owner' || !!e.vertical;
  const active = e.kind === 'trace' || e.source === selectedId || e.target === selectedId || (hot?.has(e.source) && hot.has(e.target));
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: vertical ? 'b' : 'r',
    targetHandle: vertical ? 't' : 'l',
    type: vertical ? 'smoothstep' : 'default',
    className: `edge-${e.kind}${active ? ' active' : ''}`,
    animated: !!active,
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
    selectable: false,
    focusable: false,
  };
}

/**
 * React Flow measures a node once when it mounts and then reads its handles from the DOM (`.source` / `.target`
 * elements with `data-handleid` and `data-handlepos`). Plain elements carrying those marks keep the edges routed
 * after that measurement without `<Handle>` components and their store subscriptions.
 */
const marks = (
  <>
    <div className="target flow-mark mark-l" data-handleid="l" data-handlepos="left" />
    <div className="target flow-mark mark-t" data-handleid="t" data-handlepos="top" />
    <div className="source flow-mark mark-r" data-handleid="r" data-handlepos="right" />
    <div className="source flow-mark mark-b" data-handleid="b" data-handlepos="bottom" />
  </>
);

const nodeTypes: NodeTypes = {
  k8sNode: (p: NodeProps) => (
    <>
      <NodeBox data={p.data as unknown as NodeBoxData} selected={p.selected} />
      <PodGrid box={p.id} />
      {marks}
    </>
  ),
  pod: (p: NodeProps) => (
    <>
      <PodCard data={p.data as unknown as PodCardData} selected={p.selected} />
      {marks}
    </>
  ),
  obj: (p: NodeProps) => (
    <>
      <ObjCard data={p.data as unknown as ObjCardData} selected={p.selected} />
      {marks}
    </>
  ),
};

/** Zoom level below which node boxes collapse to pod-count badges. */
export const COLLAPSE_ZOOM = 0.35;

/** Reports when the zoom crosses the level-of-detail threshold (a boolean selector: one render per crossing). */
function ZoomWatch({ onZoomedOut }: { onZoomedOut(out: boolean): void }) {
  const out = useStore((s) => s.transform[2] < COLLAPSE_ZOOM);
  useEffect(() => onZoomedOut(out), [out, onZoomedOut]);
  return null;
}

/** Zoom level below which pod cards drop their text (unreadable there: 12 px type draws under 6 px). */
export const FAR_ZOOM = 0.5;

/**
 * Marks the canvas `data-zoom="far"` below FAR_ZOOM, written on the element directly (no React render): pod
 * cards then draw as tone-coloured tiles, so a frame with a thousand cards rasterises no text.
 */
function FarWatch() {
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const dom = useStore((s) => s.domNode);
  useEffect(() => {
    if (dom) dom.dataset.zoom = far ? 'far' : 'near';
  }, [far, dom]);
  return null;
}

/** Refit the viewport when the graph's shape (boxes, pod count, size) changes, not on every status change. */
function AutoFit({ shape }: { shape: string }) {
  const flow = useReactFlow();
  useEffect(() => {
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: 1.15, duration: 200 }));
    return () => cancelAnimationFrame(id);
  }, [flow, shape]);
  return null;
}

/** Pans to a node when asked (search hits, selection from the terminal or the events list). */
function FocusOn({ id, folded }: { id?: string; folded: FoldedTopology }) {
  const flow = useReactFlow();
  const box = id ? folded.boxOf.get(id) : undefined;
  const pod = box ? folded.inline.get(box)?.find((p) => p.id === id) : undefined;
  useEffect(() => {
    if (!id) return;
    // A pod drawn inside its box: the box's position plus the pod's offset in it.
    const n = flow.getInternalNode(box ?? id);
    if (!n) return;
    const { x, y } = n.internals.positionAbsolute;
    const vp = flow.getViewport();
    const r = pod ? { x: x + pod.x, y: y + pod.y, w: pod.width, h: pod.height } : { x, y, w: n.measured.width ?? 0, h: n.measured.height ?? 0 };
    void flow.setCenter(r.x + r.w / 2, r.y + r.h / 2, { zoom: Math.max(vp.zoom, 0.6), duration: 300 });
    // Only a new focus id pans; the pod's data changing must not.
  }, [flow, id]);
  return null;
}

export interface CanvasProps {
  topology: Topology;
  selectedId?: string;
  /** Ids to pan to (changes trigger a pan): the first search hit, or an object selected outside the graph. */
  focusId?: string;
  /** Ids whose edges are drawn active (a request's path). */
  highlightIds?: ReadonlySet<string>;
  /** The node a request's trace is at now. */
  currentId?: string;
  onSelect(id: string | undefined): void;
  onZoomedOut(out: boolean): void;
  theme: 'dark' | 'light';
  /**
   * Refit when top-level nodes move (the owner view: its layout keeps positions as objects come and go, so they
   * move only on a Re-layout). Not in the node view, where zooming out collapses boxes and a refit would undo it.
   */
  refitOnMove?: boolean;
}

const FIT_VIEW = { padding: 0.12, maxZoom: 1.15 };
const PRO_OPTIONS = { hideAttribution: true };

export function TopologyCanvas({ topology, selectedId, focusId, highlightIds, currentId, onSelect, onZoomedOut, theme, refitOnMove }: CanvasProps) {
  const [reuse] = useState(() => new FlowReuse());
  const [boxMemo] = useState(() => new BoxDataMemo());
  const [placeMemory] = useState(() => new PlaceMemory());
  const folded = useMemo(() => foldPods(topology), [topology]);
  const { nodes, edges } = useMemo(() => {
    const f = toFlow(folded, selectedId, highlightIds, currentId, boxMemo, placeMemory.jumps(folded));
    boxMemo.sweep();
    return { nodes: reuse.nodes(f.nodes), edges: reuse.edges(f.edges) };
  }, [folded, selectedId, highlightIds, currentId, reuse, boxMemo, placeMemory]);
  // Handlers keep their identity across renders (React Flow copies each changed prop into its store).
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const onNodeClick = useCallback((_: unknown, n: Node) => onSelect(n.id), [onSelect]);
  // Keyboard selection (Tab to a card, Enter) arrives as a select change: follow it like a click.
  const onNodesChange = useCallback(
    (changes: ReadonlyArray<{ type: string; id?: string; selected?: boolean }>) => {
      for (const c of changes) if (c.type === 'select' && c.selected && c.id !== undefined && c.id !== selectedRef.current) onSelect(c.id);
    },
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect(undefined), [onSelect]);
  const inlineCtx = useMemo<InlineContext>(() => ({ selectedId, lit: highlightIds, currentId, onSelect }), [selectedId, highlightIds, currentId, onSelect]);
  // Pods drawn inside boxes reach their grids through a store, once React Flow has the boxes (see PodGrid.tsx).
  const [inlinePods] = useState(() => new InlinePods());
  useLayoutEffect(() => inlinePods.set(folded.inline), [inlinePods, folded.inline]);
  // Refit when boxes, cards or the number of pods change; never because of a level-of-detail switch
  // (a refit would zoom back in and undo the collapse).
  // With refitOnMove, where the top-level nodes sit counts too, so the view follows a Re-layout (off-screen nodes
  // are not rendered).
  let placed = 0;
  if (refitOnMove) {
    for (const n of topology.boxes) if (!n.parentId) placed += n.x + 3 * n.y;
    for (const n of topology.cards) if (!n.parentId) placed += n.x + 3 * n.y;
  }
  const shape = `${topology.boxes.length}:${topology.cards.length}:${topology.boxes.reduce((n, b) => n + b.data.podCount, 0)}:${Math.round(placed)}`;
  return (
    <ReactFlowProvider>
      <InlineCtx.Provider value={inlineCtx}>
        <InlinePodsCtx.Provider value={inlinePods}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            fitView
            fitViewOptions={FIT_VIEW}
            minZoom={0.05}
            maxZoom={2}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable
            onlyRenderVisibleElements
            onNodeClick={onNodeClick}
            onNodesChange={onNodesChange}
            onPaneClick={onPaneClick}
            proOptions={PRO_OPTIONS}
            colorMode={theme}
          >
            <DotBackground gap={22} size={1.2} color={theme === 'dark' ? '#243044' : '#c9d3e0'} />
            <Controls showInteractive={false} position="bottom-right" />
            <AutoFit shape={shape} />
            <ZoomWatch onZoomedOut={onZoomedOut} />
            <FarWatch />
            <FocusOn id={focusId} folded={folded} />
          </ReactFlow>
        </InlinePodsCtx.Provider>
      </InlineCtx.Provider>
    </ReactFlowProvider>
  );
}

// ---- The mesh view (Istio telemetry): app boxes with their versions, edges with live figures. ----

interface MeshEdgeFlow extends MeshEdgeData {
  selected: boolean;
  /** A request's trace is going along this edge. */
  hot: boolean;
  onSelect(id: string): void;
}

const meshNodeTypes: NodeTypes = {
  meshApp: (p: NodeProps) => (
    <>
      <MeshGroupBox data={p.data as unknown as MeshGroupData} selected={p.selected} />
      {marks}
    </>
  ),
  meshNode: (p: NodeProps) => {
    const d = p.data as unknown as MeshNodeData & { lit?: boolean; current?: boolean };
    return (
      <>
        <MeshNodeCard data={d} selected={p.selected} lit={d.lit} current={d.current} />
        {marks}
      </>
    );
  },
};

/** An edge drawn by rate: thickness, a dash flow whose speed follows the rate, colour by errors, and its label. */
function MeshEdgeView(p: EdgeProps) {
  const d = p.data as unknown as MeshEdgeFlow;
  const [path] = getBezierPath({ sourceX: p.sourceX, sourceY: p.sourceY, sourcePosition: p.sourcePosition, targetX: p.targetX, targetY: p.targetY, targetPosition: p.targetPosition });
  const { x, y } = bezierPoint(p.sourceX, p.sourceY, p.targetX, p.targetY, d.labelT);
  return (
    <>
      <BaseEdge id={p.id} path={path} markerEnd={p.markerEnd} interactionWidth={16} style={{ strokeWidth: d.width }} />
      {d.speed > 0 ? <path d={path} className="mesh-flow" style={{ strokeWidth: Math.max(1.2, d.width * 0.6), animationDuration: `${d.speed}s` }} /> : null}
      <EdgeLabelRenderer>
        <div className="mesh-edge-anchor nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}>
          <MeshEdgeLabel data={d} selected={d.selected} onSelect={d.onSelect} />
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

const meshEdgeTypes: EdgeTypes = { mesh: MeshEdgeView };

/** Arrowhead colours per edge state (the theme's variables, as mesh.css colours the edges). */
const MESH_MARKER = { ok: 'var(--running)', error: 'var(--failing)', idle: 'var(--faint)', selected: 'var(--accent)', hot: 'var(--pending)' } as const;

export interface MeshCanvasProps {
  model: MeshTopology;
  selectedId?: string;
  selectedEdge?: string;
  /** The trace animation in mesh ids: nodes lit so far, the current one, and "SOURCE>TARGET" hops. */
  lit?: ReadonlySet<string>;
  current?: string;
  hops?: ReadonlySet<string>;
  onSelect(id: string | undefined): void;
  onSelectEdge(id: string): void;
  theme: 'dark' | 'light';
}

export function toMeshFlow(m: MeshTopology, p: Omit<MeshCanvasProps, 'model' | 'theme' | 'onSelect'>): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  for (const g of m.groups) {
    nodes.push({ id: g.id, type: 'meshApp', position: { x: g.x, y: g.y }, width: g.width, height: g.height, measured: { width: g.width, height: g.height }, handles: handles(g.width, g.height), style: { width: g.width, height: g.height }, data: g.data as unknown as Record<string, unknown>, selected: g.id === p.selectedId, draggable: false, className: p.lit?.has(g.id) ? 'trace-lit' : undefined });
  }
  for (const n of m.nodes) {
    const lit = !!p.lit?.has(n.id);
    const current = n.id === p.current;
    nodes.push({
      id: n.id,
      type: 'meshNode',
      parentId: n.parentId,
      extent: n.parentId ? 'parent' : undefined,
      position: { x: n.x, y: n.y },
      width: n.width,
      height: n.height,
      measured: { width: n.width, height: n.height },
      handles: handles(n.width, n.height),
      style: { width: n.width, height: n.height },
      data: (lit || current ? { ...n.data, lit, current } : n.data) as unknown as Record<string, unknown>,
      selected: n.id === p.selectedId,
      draggable: false,
    });
  }
  const edges: Edge[] = m.edges.map((e) => {
    const hot = !!p.hops?.has(`${e.source}>${e.target}`);
    const selected = e.id === p.selectedEdge;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: 'r',
      targetHandle: 'l',
      type: 'mesh',
      className: `edge-mesh tone-${e.tone}${selected ? ' selected' : ''}${hot ? ' hot' : ''}`,
      data: { ...e, selected, hot, onSelect: p.onSelectEdge } satisfies MeshEdgeFlow as unknown as Record<string, unknown>,
      // In user space: React Flow scales markers with the stroke width otherwise, and busy edges are thick.
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, markerUnits: 'userSpaceOnUse', color: selected ? MESH_MARKER.selected : hot ? MESH_MARKER.hot : MESH_MARKER[e.tone] },
      selected,
      focusable: false,
    };
  });
  return { nodes, edges };
}

export function MeshCanvas({ model, theme, onSelect, selectedId, selectedEdge, lit, current, hops, onSelectEdge }: MeshCanvasProps) {
  const { nodes, edges } = useMemo(() => toMeshFlow(model, { selectedId, selectedEdge, lit, current, hops, onSelectEdge }), [model, selectedId, selectedEdge, lit, current, hops, onSelectEdge]);
  const shape = `mesh:${model.groups.map((g) => `${g.id}@${g.x},${g.y},${g.height}`).join()}|${model.nodes.filter((n) => !n.parentId).map((n) => `${n.id}@${n.x},${n.y}`).join()}`;
  return (
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={meshNodeTypes}
        edgeTypes={meshEdgeTypes}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1.15 }}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_, n) => onSelect(n.id)}
        onEdgeClick={(_, e) => onSelectEdge(e.id)}
        onPaneClick={() => onSelect(undefined)}
        proOptions={{ hideAttribution: true }}
        colorMode={theme}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color={theme === 'dark' ? '#243044' : '#c9d3e0'} />
        <Controls showInteractive={false} position="bottom-right" />
        <AutoFit shape={shape} />
      </ReactFlow>
    </ReactFlowProvider>
  );
}
