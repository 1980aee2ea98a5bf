import { createContext, memo, useContext, type KeyboardEvent, type MouseEvent } from 'react';
import { PodCard } from './cards.tsx';
import type { GraphNode, PodCardData } from './types.ts';

/** What pods drawn inside a box need from the canvas: the selection, a trace's lit ids, and how to select. */
export interface InlineContext {
  selectedId?: string;
  lit?: ReadonlySet<string>;
  currentId?: string;
  onSelect(id: string): void;
}

export const InlineCtx = createContext<InlineContext>({ onSelect: () => {} });

interface InlinePodProps {
  pod: GraphNode<PodCardData>;
  selected: boolean;
  cls: string;
  onSelect(id: string): void;
}

/** One pod inside its box: a positioned, focusable wrapper around the pod card (memoised on its data and position). */
const InlinePod = memo(
  function InlinePod({ pod, selected, cls, onSelect }: InlinePodProps) {
    const pick = (e: MouseEvent | KeyboardEvent) => {
      e.stopPropagation();
      onSelect(pod.id);
    };
    return (
      <div
        className={`inline-pod${cls}`}
        style={{
          left: pod.x,
          top: pod.y,
          width: pod.width,
          height: pod.height,
        }}
        tabIndex={0}
        role="button"
        aria-pressed={selected}
        data-id={pod.id}
        onClick={pick}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            pick(e);
          }
        }}
      >
        <PodCard data={pod.data} selected={selected} />
      </div>
    );
  },
  (a, b) => a.pod.data === b.pod.data && a.pod.x === b.pod.x && a.pod.y === b.pod.y && a.selected === b.selected && a.cls === b.cls && a.onSelect === b.onSelect,
);

/** The pods of one box, drawn in the box's own coordinates. */
export function PodGrid({ pods }: { pods: ReadonlyArray<GraphNode<PodCardData>> }) {
  const ctx = useContext(InlineCtx);
  return (
    <div className="pod-grid">
      {pods.map((p) => (
        <InlinePod key={p.id} pod={p} selected={p.id === ctx.selectedId} cls={p.id === ctx.currentId ? ' trace-current' : ctx.lit?.has(p.id) ? ' trace-lit' : ''} onSelect={ctx.onSelect} />
      ))}
    </div>
  );
}
