import { useEffect, useMemo, useState } from 'react';
import type { Topology } from '../types.ts';
import { dagreIfLoaded, layoutWith, loadDagre } from './dagre.ts';
import { applyPositions, skeletonKey, skeletonOf, type Positions } from './skeleton.ts';
import { stabilize } from './stable.ts';

/** Where the laid-out graph's nodes are, kept across renders (and reset to lay everything out afresh). */
export class LayoutMemory {
  key = '';
  positions: Positions | undefined;

  reset(): void {
    this.key = '';
    this.positions = undefined;
  }
}

/**
 * The automatic layout of a topology: its cards and pod blocks placed by dagre, existing nodes kept where they
 * were (see stable.ts). dagre loads on first use; until it has, the topology's own positions are shown.
 */
export function useAutoLayout(t: Topology, enabled: boolean, memory: LayoutMemory, generation = 0): Topology {
  const [ready, setReady] = useState(() => dagreIfLoaded() !== undefined);
  useEffect(() => {
    if (!enabled || ready) return;
    let live = true;
    void loadDagre().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [enabled, ready]);
  return useMemo(() => {
    const dagre = dagreIfLoaded();
    if (!enabled || !ready || !dagre) return t;
    return laidOut(t, memory, (s) => layoutWith(dagre, s));
    // `generation` changes when the memory was reset (a re-layout was asked for).
  }, [t, enabled, ready, memory, generation]);
}

/** Lay `t` out with `layout`, reusing the memory's positions when nothing a layout depends on changed. Pure but for the memory. */
export function laidOut(t: Topology, memory: LayoutMemory, layout: (s: ReturnType<typeof skeletonOf>) => Positions): Topology {
  const s = skeletonOf(t);
  const key = skeletonKey(s);
  if (key !== memory.key || !memory.positions) {
    memory.positions = stabilize(s, layout(s), memory.positions);
    memory.key = key;
  }
  return applyPositions(t, s, memory.positions);
}
