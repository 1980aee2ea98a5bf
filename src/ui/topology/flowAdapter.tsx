import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo } from 'react';
import { NodeBox, PodCard } from './cards.tsx';
import type { NodeBoxData, PodCardData, Topology } from './model.ts';

/**
 * The only file that knows React Flow: it turns the pure Topology into React Flow nodes and renders them.
 * Boxes become parent nodes; pods are their children, positioned relative to them.
 */
export function toFlow(t: Topology, selectedId?: string): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
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
    });
  }
  for (const p of t.pods) {
    nodes.push({
      id: p.id,
      type: 'pod',
      parentId: p.parentId,
      extent: 'parent',
      position: { x: p.x, y: p.y },
      width: p.width,
      height: p.height,
      style: { width: p.width, height: p.height },
      data: p.data as unknown as Record<string, unknown>,
      selected: p.id === selectedId,
      draggable: false,
    });
  }
  return { nodes, edges: t.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })) };
}

const nodeTypes: NodeTypes = {
  k8sNode: (p: NodeProps) => <NodeBox data={p.data as unknown as NodeBoxData} selected={p.selected} />,
  pod: (p: NodeProps) => <PodCard data={p.data as unknown as PodCardData} selected={p.selected} />,
};

/** Refit the viewport when the graph's shape (boxes, pod count, size) changes, not on every status change. */
function AutoFit({ shape }: { shape: string }) {
  const flow = useReactFlow();
  useEffect(() => {
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: 1.15, duration: 200 }));
    return () => cancelAnimationFrame(id);
  }, [flow, shape]);
  return null;
}

export function TopologyCanvas({ topology, selectedId, onSelect, theme }: { topology: Topology; selectedId?: string; onSelect(id: string | undefined): void; theme: 'dark' | 'light' }) {
  const { nodes, edges } = useMemo(() => toFlow(topology, selectedId), [topology, selectedId]);
  const last = topology.boxes[topology.boxes.length - 1];
  const shape = `${topology.boxes.length}:${topology.pods.length}:${last ? last.y + last.height : 0}:${last?.width ?? 0}`;
  return (
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1.15 }}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onlyRenderVisibleElements
        onNodeClick={(_, n) => onSelect(n.id)}
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
