import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { matchesLabelSelector } from '../../../util/labels.ts';
import type { Handle } from '../../framework/interfaces.ts';
import { unresolvable, type Status } from '../../framework/status.ts';
import { DefaultPreemption } from '../../names.ts';
import type { CachedPod } from '../../podcache.ts';
import type { PodInfo } from '../../podinfo.ts';

/** A node where preemption would make room, and what it costs (upstream's Candidate with its Victims). */
export interface Candidate {
  node: string;
  victims: CachedPod[];
  numPDBViolations: number;
}

const startTime = (p: CachedPod) => (p.pod.status as { startTime?: string } | undefined)?.startTime ?? p.pod.metadata.creationTimestamp ?? '';

/** MoreImportantPod: higher priority first; equal priority, the one started earlier. */
export function moreImportant(a: CachedPod, b: CachedPod): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const sa = startTime(a);
  const sb = startTime(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * filterPodsWithPDBViolation: walking pods in order, each matching PodDisruptionBudget's disruptionsAllowed is
 * spent; a pod that takes any budget below zero violates it.
 */
export function splitByPDB(pods: CachedPod[], h: Handle): { violating: CachedPod[]; nonViolating: CachedPod[] } {
  const budgets = new Map<string, Array<{ selector?: LabelSelector; allowed: number; disrupted: Record<string, unknown> }>>();
  const budgetsIn = (ns: string) => {
    let b = budgets.get(ns);
    if (!b) {
      b = h.store.list('poddisruptionbudgets', ns).map((pdb) => ({
        selector: (pdb.spec as { selector?: LabelSelector } | undefined)?.selector,
        allowed: ((pdb.status as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0) as number,
        disrupted: ((pdb.status as { disruptedPods?: Record<string, unknown> } | undefined)?.disruptedPods ?? {}) as Record<string, unknown>,
      }));
      budgets.set(ns, b);
    }
    return b;
  };
  const violating: CachedPod[] = [];
  const nonViolating: CachedPod[] = [];
  for (const p of pods) {
    let violates = false;
    for (const b of budgetsIn(p.namespace)) {
      // A nil or empty selector matches nothing here; pods already counted as disrupted do not spend again.
      if (!b.selector || (!b.selector.matchLabels && !b.selector.matchExpressions)) continue;
      if (!matchesLabelSelector(b.selector, p.labels as Record<string, string>)) continue;
      if (p.name in b.disrupted) continue;
      b.allowed--;
      if (b.allowed < 0) violates = true;
    }
    (violates ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

/**
 * SelectVictimsOnNode: take away every lower-priority pod; if the pod still does not fit, the node is no
 * candidate (the filter's status is returned). Otherwise give pods back, most important first (PDB-violating
 * ones before the others), keeping each one that still leaves room: what cannot be given back are the victims.
 * Removal is simulated on the scheduler's own caches and undone before returning.
 */
export function selectVictimsOnNode(pod: PodInfo, node: string, h: Handle, fits: (pod: PodInfo, node: string) => Status | undefined): Candidate | Status {
  const lower: CachedPod[] = [];
  for (const p of h.pods.podsOn(node)) if (p.priority < pod.priority) lower.push(p);
  if (lower.length === 0) return noVictims;
  const removed = lower.map((p) => ({ p, usage: h.nodes.usageOf(p.uid) }));
  const take = (p: CachedPod) => {
    h.nodes.removePod(p.uid);
    h.pods.remove(p.uid);
  };
  const giveBack = (p: CachedPod) => {
    const u = removed.find((r) => r.p === p)!.usage;
    if (u) h.nodes.addPod(p.uid, u);
    h.pods.set(p.pod, p.node);
  };
  for (const p of lower) take(p);
  try {
    const s = fits(pod, node);
    if (s) return s;
    lower.sort(moreImportant);
    const { violating, nonViolating } = splitByPDB(lower, h);
    const victims: CachedPod[] = [];
    let numPDBViolations = 0;
    const reprieve = (p: CachedPod, violates: boolean) => {
      giveBack(p);
      if (fits(pod, node) === undefined) return;
      take(p);
      victims.push(p);
      if (violates) numPDBViolations++;
    };
    for (const p of violating) reprieve(p, true);
    for (const p of nonViolating) reprieve(p, false);
    victims.sort(moreImportant);
    return { node, victims, numPDBViolations };
  } finally {
    for (const p of lower) if (!h.pods.get(p.uid)) giveBack(p);
  }
}

export const noVictims = unresolvable(DefaultPreemption, 'No preemption victims found for incoming pod');

/**
 * pickOneNodeForPreemption: fewest PDB violations; then the lowest highest-victim priority; the smallest sum
 * of victim priorities; the fewest victims; the latest start among the highest-priority victims; the first.
 */
export function pickOne(cands: Candidate[]): Candidate | undefined {
  if (cands.length === 0) return undefined;
  const OFFSET = 2 ** 31;
  const keys = cands.map((c) => {
    const top = c.victims[0]?.priority ?? -Infinity;
    let sum = 0;
    for (const v of c.victims) sum += v.priority + OFFSET;
    let earliest = '';
    for (const v of c.victims) if (v.priority === top && (earliest === '' || startTime(v) < earliest)) earliest = startTime(v);
    return { c, pdb: c.numPDBViolations, top, sum, n: c.victims.length, earliest };
  });
  let best = keys;
  const keep = (f: (k: (typeof keys)[number]) => number) => {
    const min = Math.min(...best.map(f));
    best = best.filter((k) => f(k) === min);
  };
  keep((k) => k.pdb);
  if (best.length > 1) keep((k) => k.top);
  if (best.length > 1) keep((k) => k.sum);
  if (best.length > 1) keep((k) => k.n);
  if (best.length > 1) {
    const latest = best.reduce((m, k) => (k.earliest > m ? k.earliest : m), '');
    best = best.filter((k) => k.earliest === latest);
  }
  return best[0].c;
}
