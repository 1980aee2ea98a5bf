import type { Taint } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/server.ts';
import type { KubeObject, Mut } from '../../api/types.ts';

/** The taint keys the node controllers manage (k8s.io/api/core/v1 well-known taints). */
export const TaintNodeNotReady = 'node.kubernetes.io/not-ready';
export const TaintNodeUnreachable = 'node.kubernetes.io/unreachable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
export const TaintNodeMemoryPressure = 'node.kubernetes.io/memory-pressure';
export const TaintNodeDiskPressure = 'node.kubernetes.io/disk-pressure';
export const TaintNodePIDPressure = 'node.kubernetes.io/pid-pressure';
export const TaintNodeNetworkUnavailable = 'node.kubernetes.io/network-unavailable';
export const TaintNodeOutOfService = 'node.kubernetes.io/out-of-service';

export type TaintLike = Pick<Taint, 'key' | 'value' | 'effect'> & { timeAdded?: string };

export function taintsOf(node: KubeObject): TaintLike[] {
  return ((node.spec as { taints?: TaintLike[] } | undefined)?.taints ?? []) as TaintLike[];
}

/** Taint.MatchTaint: same key and effect. */
export function matchTaint(a: TaintLike, b: TaintLike): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function taintExists(taints: readonly TaintLike[], t: TaintLike): boolean {
  return taints.some((x) => matchTaint(x, t));
}

/**
 * controller.AddOrUpdateTaintOnNode + RemoveTaintOffNode as SwapNodeControllerTaint uses them: taints to add
 * get timeAdded = now and are appended (or replace the one with the same key and effect); taints to remove go.
 * Writes only when something changes. Returns false when the node is gone or the write failed.
 */
export function swapNodeTaints(api: ApiServer, nodeName: string, add: TaintLike[], remove: TaintLike[], now: string): boolean {
  const node = api.tryGet('nodes', undefined, nodeName);
  if (!node) return false;
  const current = taintsOf(node);
  let next: TaintLike[] = current.filter((t) => !remove.some((r) => matchTaint(r, t)));
  for (const a of add) {
    const withTime: TaintLike = { ...a, timeAdded: now };
    const i = next.findIndex((t) => matchTaint(t, a));
    if (i >= 0) {
      if (next[i].value === a.value) continue;
      next = [...next.slice(0, i), withTime, ...next.slice(i + 1)];
    } else next = [...next, withTime];
  }
  if (next.length === current.length && next.every((t, i) => t === current[i])) return true;
  try {
    api.modify('nodes', undefined, nodeName, (n) => {
      const spec = (n.spec ??= {}) as Mut<{ taints?: TaintLike[] }>;
      if (next.length > 0) spec.taints = next.map((t) => ({ ...t }));
      else delete spec.taints;
    });
    return true;
  } catch {
    return false;
  }
}
