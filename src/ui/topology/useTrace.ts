import type { Pod } from 'kubernetes-types/core/v1';
import { useEffect, useRef, useState } from 'react';
import type { KubeObject } from '../../engine/index.ts';
import { latestTrace, traceIndex, tracePath } from './trace.ts';
import type { TopologyEdge } from './types.ts';

/** Time each hop of a request's path stays lit, and how long the whole path lingers after the last hop. */
export const HOP_MS = 420;
const LINGER_MS = 2200;

export interface TraceAnimation {
  edges: TopologyEdge[];
  /** The ids lit so far (drawn active). */
  lit: ReadonlySet<string>;
  /** The hop the request is at now. */
  current?: string;
  failed: boolean;
}

const NONE: TraceAnimation = { edges: [], lit: new Set(), failed: false };

/**
 * Animates the newest request trace hop by hop: polls the cluster's tracer (cheap: one ring-buffer read)
 * and, when a new trace appears, lights its path one hop per `HOP_MS`. Only traces recorded after the
 * view mounted are animated.
 */
export function useTraceAnimation(cluster: unknown, objects: { pods: readonly Pod[]; services: readonly KubeObject[]; nodes: readonly KubeObject[] }): TraceAnimation {
  const [anim, setAnim] = useState<TraceAnimation>(NONE);
  const lastId = useRef<number | undefined>(undefined);
  const objs = useRef(objects);
  objs.current = objects;
  useEffect(() => {
    lastId.current = latestTrace(cluster)?.id ?? 0;
    let timers: number[] = [];
    const clear = () => {
      timers.forEach((t) => window.clearTimeout(t));
      timers = [];
    };
    const poll = window.setInterval(() => {
      const t = latestTrace(cluster);
      if (!t || t.id === lastId.current) return;
      lastId.current = t.id;
      const { pods, services, nodes } = objs.current;
      const { ids, failed } = tracePath(t, traceIndex(pods, services, nodes));
      if (ids.length === 0) return;
      clear();
      const edges: TopologyEdge[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i > 0) edges.push({ id: `trace:${t.id}:${i}`, source: ids[i - 1], target: ids[i], kind: 'trace' });
        const step = i;
        timers.push(
          window.setTimeout(() => setAnim({ edges: edges.slice(0, step), lit: new Set(ids.slice(0, step + 1)), current: ids[step], failed: failed && step === ids.length - 1 }), step * HOP_MS),
        );
      }
      timers.push(window.setTimeout(() => setAnim(NONE), ids.length * HOP_MS + LINGER_MS));
    }, 200);
    return () => {
      window.clearInterval(poll);
      clear();
    };
  }, [cluster]);
  return anim;
}
