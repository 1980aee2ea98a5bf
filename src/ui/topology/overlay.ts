import type { NodeVerdict } from './types.ts';

/**
 * The scheduling overlay's data: the scheduler's explanation for one pod (`cluster.explainScheduling`),
 * turned into a verdict per node (feasible or the first failing filter's reason) and a heat value from
 * the total score. The explanation API is optional: without it the overlay is simply not offered.
 */
export interface SchedulingExplanation {
  pod: string;
  selectedNode?: string | null;
  nodes: Array<{
    name: string;
    filters: Array<{ plugin: string; code: string; reason?: string }>;
    scores: Array<{ plugin: string; raw: number; normalized: number; weight: number; weighted: number }>;
    total: number;
  }>;
}

type Explainer = (namespace: string, name: string) => unknown;

/** Ask the cluster for an explanation if it offers one; any error or unexpected shape gives undefined. */
export function explainScheduling(cluster: unknown, namespace: string, name: string): SchedulingExplanation | undefined {
  const fn = (cluster as { explainScheduling?: Explainer } | undefined)?.explainScheduling;
  if (typeof fn !== 'function') return undefined;
  try {
    const out = fn.call(cluster, namespace, name) as SchedulingExplanation | undefined;
    return out && Array.isArray(out.nodes) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** Filter statuses that let a node through (framework.Success; Skip means the plugin had nothing to check). */
const PASSING = new Set(['Success', 'Skip', '']);

export function isFeasible(n: SchedulingExplanation['nodes'][number]): boolean {
  return n.filters.every((f) => PASSING.has(f.code));
}

/** Verdicts by node: infeasible nodes carry their first failing filter's reason; feasible ones a 0..1 heat by total score. */
export function verdicts(e: SchedulingExplanation): Map<string, NodeVerdict> {
  const out = new Map<string, NodeVerdict>();
  const feasible = e.nodes.filter(isFeasible);
  const totals = feasible.map((n) => n.total);
  const lo = Math.min(...totals);
  const hi = Math.max(...totals);
  for (const n of e.nodes) {
    const selected = n.name === e.selectedNode;
    if (!isFeasible(n)) {
      const f = n.filters.find((x) => !PASSING.has(x.code));
      out.set(n.name, { feasible: false, reason: f?.reason || `${f?.plugin}: ${f?.code}`, selected });
    } else out.set(n.name, { feasible: true, total: n.total, heat: hi > lo ? (n.total - lo) / (hi - lo) : 1, selected });
  }
  return out;
}
