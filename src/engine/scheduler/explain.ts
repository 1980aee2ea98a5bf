import type { SchedulingAttempt } from './record.ts';

/** One Filter plugin's verdict on a node. */
export interface FilterVerdict {
  plugin: string;
  code: string;
  reason: string;
}

/** One Score plugin's contribution to a node's total. */
export interface ScoreContribution {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
  weighted: number;
}

export interface NodeExplanation {
  name: string;
  filters: FilterVerdict[];
  scores: ScoreContribution[];
  total: number;
}

/** What `lab explain-scheduling -o json` prints and `cluster.explainScheduling` returns. */
export interface SchedulingExplanation {
  pod: string;
  selectedNode: string | null;
  nodes: NodeExplanation[];
}

/**
 * Turn an attempt record into a per-node explanation. Filters run in profile order and stop at the first
 * rejection, so a rejected node lists the plugins that passed, then the one that rejected it; a feasible node
 * lists every filter as Success (or Skip when its PreFilter skipped it). When PreFilter rejected the pod, every
 * node carries that verdict. Nodes the scheduler did not need to look at (adaptive percentageOfNodesToScore) are
 * left out.
 */
export function explainAttempt(a: SchedulingAttempt, allNodes: readonly string[] = []): SchedulingExplanation {
  const plugins = a.filterPlugins ?? [];
  const nodes: NodeExplanation[] = [];
  const passed = (upTo: number): FilterVerdict[] =>
    plugins.slice(0, upTo).map((p) => ({ plugin: p.plugin, code: p.skipped ? 'Skip' : 'Success', reason: '' }));

  const pre = a.preFilter;
  if (pre && 'code' in pre) {
    const verdict = [{ plugin: pre.plugin, code: pre.code, reason: pre.reasons.join(', ') }];
    const names = [...allNodes].sort();
    return { pod: `${a.namespace}/${a.name}`, selectedNode: null, nodes: names.map((name) => ({ name, filters: verdict, scores: [], total: 0 })) };
  }
  for (const f of a.filtered) {
    const k = plugins.findIndex((p) => p.plugin === f.plugin);
    nodes.push({ name: f.node, filters: [...passed(k < 0 ? 0 : k), { plugin: f.plugin, code: f.code, reason: f.reasons.join(', ') }], scores: [], total: 0 });
  }
  const all = passed(plugins.length);
  const table = a.scores;
  if (table) {
    const plugins = table.layout.plugins;
    for (let j = 0; j < table.size; j++) {
      const scores = plugins.map((p, k) => {
        const normalized = table.score(k, j);
        return { plugin: p.plugin, raw: table.raw(k, j), normalized, weight: p.weight, weighted: normalized * p.weight };
      });
      nodes.push({ name: table.node(j), filters: all, scores, total: table.total(j) });
    }
  } else {
    for (const name of a.feasible ?? []) nodes.push({ name, filters: all, scores: [], total: 0 });
  }
  nodes.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { pod: `${a.namespace}/${a.name}`, selectedNode: a.selectedNode ?? null, nodes };
}
