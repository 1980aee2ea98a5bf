import { Background, BackgroundVariant, Controls, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { NodeBox, ObjCard, PodCard } from './cards.tsx';
import type { NodeBoxData, ObjCardData, PodCardData, Topology, TopologyEdge } from './types.ts';

/**
 * The only file that knows React Flow: it turns the pure Topology into React Flow nodes and edges and
 * renders them. Boxes become parent nodes; pods are their children, positioned relative to them.
 */
export function toFlow(t: Topology, selectedId?: string, highlightIds?: ReadonlySet<string>, currentId?: string): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const cls = (id: string) => (id === currentId ? 'trace-current' : highlightIds?.has(id) ? 'trace-lit' : undefined);
  for (const b of t.boxes) {
    nodes.push({
      id: b.id,
      type: 'k8sNode',
      position: { x: b.x, y: b.y },
      width: b.width,
      height: b.height,
      style: { width: b.width, height: b.height },
      data: b.data as unknown as Record<string, unknown>,
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
      style: { width: p.width, height: p.height },
      data: p.data as unknown as Record<string, unknown>,
      selected: p.id === selectedId,
      draggable: false,
      className: cls(p.id),
    });
  }
  return { nodes, edges: t.edges.map((e) => toEdge(e, selectedId, highlightIds)) };
}

function toEdge(e: TopologyEdge, selectedId: string | undefined, hot: ReadonlySet<string> | undefined): Edge {
  const vertical = e.kind === 'owner';
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

const hidden = { opacity: 0, pointerEvents: 'none' as const };
const targets = (
  <>
    <Handle type="target" position={Position.Left} id="l" style={hidden} isConnectable={false} />
    <Handle type="target" position={Position.Top} id="t" style={hidden} isConnectable={false} />
  </>
);
const sources = (
  <>
    <Handle type="source" position={Position.Right} id="r" style={hidden} isConnectable={false} />
    <Handle type="source" position={Position.Bottom} id="b" style={hidden} isConnectable={false} />
  </>
);

const nodeTypes: NodeTypes = {
  k8sNode: (p: NodeProps) => (
    <>
      <NodeBox data={p.data as unknown as NodeBoxData} selected={p.selected} />
      {targets}
      {sources}
    </>
  ),
  pod: (p: NodeProps) => (
    <>
      <PodCard data={p.data as unknown as PodCardData} selected={p.selected} />
      {targets}
      {sources}
    </>
  ),
  obj: (p: NodeProps) => (
    <>
      <ObjCard data={p.data as unknown as ObjCardData} selected={p.selected} />
      {targets}
      {sources}
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
function FocusOn({ id }: { id?: string }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!id) return;
    const n = flow.getInternalNode(id);
    if (!n) return;
    const { x, y } = n.internals.positionAbsolute;
    const vp = flow.getViewport();
    void flow.setCenter(x + (n.measured.width ?? 0) / 2, y + (n.measured.height ?? 0) / 2, { zoom: Math.max(vp.zoom, 0.6), duration: 300 });
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
}

/**
 * Keep the previous React Flow node object when nothing React Flow or the card reads has changed, so a
 * frame in which 100 of 1,000 pods changed re-renders 100 cards, not 1,000 (React Flow re-renders a node
 * whose object changed). Pod card data is cached per stored pod object, so unchanged pods keep theirs.
 */
function reuse(prev: Map<string, Node>, next: Node[]): Node[] {
  const out: Node[] = [];
  const seen = new Map<string, Node>();
  for (const n of next) {
    const p = prev.get(n.id);
    const same =
      p &&
      p.data === n.data &&
      p.position.x === n.position.x &&
      p.position.y === n.position.y &&
      p.width === n.width &&
      p.height === n.height &&
      p.parentId === n.parentId &&
      p.selected === n.selected &&
      p.className === n.className;
    const keep = same ? p : n;
    out.push(keep);
    seen.set(n.id, keep);
  }
  prev.clear();
  for (const [k, v] of seen) prev.set(k, v);
  return out;
}

export function TopologyCanvas({ topology, selectedId, focusId, highlightIds, currentId, onSelect, onZoomedOut, theme }: CanvasProps) {
  const [prevNodes] = useState(() => new Map<string, Node>());
  const { nodes, edges } = useMemo(() => {
    const f = toFlow(topology, selectedId, highlightIds, currentId);
    return { nodes: reuse(prevNodes, f.nodes), edges: f.edges };
  }, [topology, selectedId, highlightIds, currentId, prevNodes]);
  // Refit when boxes, cards or the number of pods change; never because of a level-of-detail switch
  // (a refit would zoom back in and undo the collapse).
  const shape = `${topology.boxes.length}:${topology.cards.length}:${topology.boxes.reduce((n, b) => n + b.data.podCount, 0)}`;
  return (
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1.15 }}
        minZoom={0.05}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements
        onNodeClick={(_, n) => onSelect(n.id)}
        // Keyboard selection (Tab to a card, Enter) arrives as a select change: follow it like a click.
        onNodesChange={(changes) => {
          for (const c of changes) if (c.type === 'select' && c.selected && c.id !== selectedId) onSelect(c.id);
        }}
        onPaneClick={() => onSelect(undefined)}
        proOptions={{ hideAttribution: true }}
        colorMode={theme}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color={theme === 'dark' ? '#243044' : '#c9d3e0'} />
        <Controls showInteractive={false} position="bottom-right" />
        <AutoFit shape={shape} />
        <ZoomWatch onZoomedOut={onZoomedOut} />
        <FocusOn id={focusId} />
      </ReactFlow>
    </ReactFlowProvider>
  );
}
