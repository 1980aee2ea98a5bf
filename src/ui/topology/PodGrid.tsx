import { createContext, memo, useContext, useSyncExternalStore, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { PodCard } from './cards.tsx';
import { LAYOUT } from './model.ts';
import { gridPlacement } from './slots.ts';
import type { GraphNode, PodCardData } from './types.ts';

/** What pods drawn inside a box need from the canvas: the selection, a trace's lit ids, and how to select. */
export interface InlineContext {
  selectedId?: string;
  lit?: ReadonlySet<string>;
  currentId?: string;
  onSelect(id: string): void;
}

export const InlineCtx = createContext<InlineContext>({ onSelect: () => {} });

type BoxPods = ReadonlyArray<GraphNode<PodCardData>>;

function samePods(a: BoxPods, b: BoxPods): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id || a[i].data !== b[i].data || a[i].x !== b[i].x || a[i].y !== b[i].y) return false;
  return true;
}

/**
 * The pods drawn inside each box, as a store each box's grid subscribes to for its own list: a frame in which
 * some pods changed re-renders the grids of their boxes and nothing else (not the boxes, not React Flow; a
 * context would make React search the whole graph below it on every change). A box's list keeps its identity
 * while its pods draw the same.
 */
export class InlinePods {
  private lists: ReadonlyMap<string, BoxPods> = new Map();
  private listeners = new Set<() => void>();

  set(next: ReadonlyMap<string, BoxPods>): void {
    if (next === this.lists) return;
    const merged = new Map<string, BoxPods>();
    for (const [box, pods] of next) {
      const prev = this.lists.get(box);
      merged.set(box, prev && samePods(prev, pods) ? prev : pods);
    }
    this.lists = merged;
    for (const l of this.listeners) l();
  }

  get(box: string): BoxPods | undefined {
    return this.lists.get(box);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export const InlinePodsCtx = createContext<InlinePods>(new InlinePods());

interface InlinePodProps {
  pod: GraphNode<PodCardData>;
  /** 1-based grid column and row, or undefined when the box's pods are positioned absolutely. */
  column?: number;
  row?: number;
  selected: boolean;
  cls: string;
  onSelect(id: string): void;
}

/** One pod inside its box: a focusable wrapper around the pod card, in its grid cell (memoised on its data and place). */
const InlinePod = memo(
  function InlinePod({ pod, column, row, selected, cls, onSelect }: InlinePodProps) {
    const pick = (e: MouseEvent | KeyboardEvent) => {
      e.stopPropagation();
      onSelect(pod.id);
    };
    const style: CSSProperties =
      column !== undefined
        ? { gridColumnStart: column, gridRowStart: row }
        : {
            position: 'absolute',
            left: pod.x,
            top: pod.y,
            width: pod.width,
            height: pod.height,
          };
    return (
      <div
        className={`inline-pod${cls}`}
        style={style}
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
  (a, b) =>
    a.pod.data === b.pod.data &&
    a.column === b.column &&
    a.row === b.row &&
    (a.column !== undefined || (a.pod.x === b.pod.x && a.pod.y === b.pod.y)) &&
    a.selected === b.selected &&
    a.cls === b.cls &&
    a.onSelect === b.onSelect,
);

/**
 * The pods of one box (from the InlinePods store, so a pod's change re-renders its box's grid, not the box), drawn in the box's own coordinates as the cells of one CSS grid: a thousand grid items
 * cost the browser far less to restyle, paint, hit-test and layerise than a thousand absolutely positioned
 * elements (each of which is a paint layer). Pods that do not sit on a regular grid fall back to absolute
 * positions.
 */
export const PodGrid = memo(function PodGrid({ box }: { box: string }) {
  const ctx = useContext(InlineCtx);
  const store = useContext(InlinePodsCtx);
  const pods = useSyncExternalStore(store.subscribe, () => store.get(box));
  if (!pods) return null;
  const grid = gridPlacement(pods, LAYOUT.gap);
  const style: CSSProperties | undefined = grid
    ? {
        paddingLeft: grid.originX,
        paddingTop: grid.originY,
        gridAutoColumns: grid.width,
        gridAutoRows: grid.height,
        gap: grid.gap,
      }
    : undefined;
  return (
    <div className={grid ? 'pod-grid cells' : 'pod-grid'} style={style}>
      {pods.map((p, i) => (
        <InlinePod
          key={p.id}
          pod={p}
          column={grid?.cells[i].column}
          row={grid?.cells[i].row}
          selected={p.id === ctx.selectedId}
          cls={p.id === ctx.currentId ? ' trace-current' : ctx.lit?.has(p.id) ? ' trace-lit' : ''}
          onSelect={ctx.onSelect}
        />
      ))}
    </div>
  );
});
