import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { isPodActive, isPodReady } from './pods.ts';

/**
 * Which pods a ReplicaSet deletes first when scaling down: controller.ActivePodsWithRanks with the
 * PodDeletionCost and LogarithmicScaleDown features on (their 1.32 defaults), as getPodsToDelete uses it.
 */
// Phases outside the map (Succeeded, Failed, unset) count as 0, like a missing Go map key.
const phaseOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export const podDeletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

interface Ranked {
  pod: KubeObject;
  rank: number;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyAt: number | undefined;
  created: number | undefined;
  restarts: [number, number];
  uid: string;
}

function asPod(o: KubeObject): Pod {
  return o as unknown as Pod;
}

/** GetDeletionCostFromPodAnnotations: an int32, 0 when absent or invalid. */
function deletionCost(p: Pod): number {
  const v = p.metadata?.annotations?.[podDeletionCostAnnotation];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = parseInt(v, 10);
  return n < -2147483648 || n > 2147483647 ? 0 : n;
}

/** maxContainerRestarts: highest restart count among regular containers, then among sidecars. */
function maxRestarts(p: Pod): [number, number] {
  let regular = 0;
  for (const c of p.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of p.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

function readyTime(p: Pod, parse: (ts: string) => number): number | undefined {
  if (!isPodReady(p)) return undefined;
  for (const c of p.status?.conditions ?? []) {
    if (c.type === 'Ready' && c.status === 'True') return c.lastTransitionTime ? parse(c.lastTransitionTime) : undefined;
  }
  return undefined;
}

/** afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** logarithmicRankDiff: compare floor(log2(age in ns)); ages of zero or less rank -1. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

function timeLess(a: number | undefined, b: number | undefined, now: number, ua: string, ub: string): boolean {
  if (a === undefined || b === undefined) return afterOrZero(a, b);
  const diff = logRank(a, now) - logRank(b, now);
  if (diff === 0) return ua < ub;
  return diff < 0;
}

/** ActivePodsWithRanks.Less: true when `a` should be deleted before `b`. */
function less(a: Ranked, b: Ranked, now: number): boolean {
  // 1. Unassigned < assigned.
  if (a.node !== b.node && (a.node === '' || b.node === '')) return a.node === '';
  // 2. Pending < Unknown < Running.
  if (a.phase !== b.phase) return a.phase < b.phase;
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return !a.ready;
  // 4. Lower pod-deletion-cost < higher.
  if (a.cost !== b.cost) return a.cost < b.cost;
  // 5. Doubled up (more related active pods on the same node) < not doubled up.
  if (a.rank !== b.rank) return a.rank > b.rank;
  // 6. Ready for less time < more time (logarithmic buckets).
  if (a.ready && b.ready && a.readyAt !== b.readyAt) return timeLess(a.readyAt, b.readyAt, now, a.uid, b.uid);
  // 7. Higher restart counts < lower.
  if (a.restarts[0] !== b.restarts[0]) return a.restarts[0] > b.restarts[0];
  if (a.restarts[1] !== b.restarts[1]) return a.restarts[1] > b.restarts[1];
  // 8. Newer < older (logarithmic buckets); empty creation time first.
  if (a.created !== b.created) return timeLess(a.created, b.created, now, a.uid, b.uid);
  return false;
}

function rankOf(o: KubeObject, rank: number, parse: (ts: string) => number): Ranked {
  const p = asPod(o);
  const ts = o.metadata.creationTimestamp;
  return {
    pod: o,
    rank,
    node: p.spec?.nodeName ?? '',
    phase: phaseOrdinal[p.status?.phase ?? ''] ?? 0,
    ready: isPodReady(p),
    cost: deletionCost(p),
    readyAt: readyTime(p, parse),
    created: ts ? parse(ts) : undefined,
    restarts: maxRestarts(p),
    uid: o.metadata.uid ?? '',
  };
}

/**
 * Sort pods into deletion order (first = deleted first). `related` are the active pods of the owner and of
 * its sibling ReplicaSets (same controller); the rank of a pod is how many of them share its node.
 */
export function rankPodsForDeletion(pods: KubeObject[], related: Iterable<KubeObject>, now: number, parse: (ts: string) => number): KubeObject[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(asPod(p))) continue;
    const n = asPod(p).spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((p) => rankOf(p, onNode.get(asPod(p).spec?.nodeName ?? '') ?? 0, parse));
  ranked.sort((a, b) => (less(a, b, now) ? -1 : less(b, a, now) ? 1 : 0));
  return ranked.map((r) => r.pod);
}

/** getPodsToDelete: the first `diff` pods in deletion order (no sorting when all go). */
export function podsToDelete(pods: KubeObject[], related: Iterable<KubeObject>, diff: number, now: number, parse: (ts: string) => number): KubeObject[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  return rankPodsForDeletion(pods, related, now, parse).slice(0, diff);
}
