import type { PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone } from '../../store/store.ts';
import { conditionOf } from '../nodelifecycle/health.ts';
import { TaintNodeOutOfService, taintsOf } from '../nodelifecycle/taints.ts';
import type { Controller, ControllerContext } from '../types.ts';

/** gcCheckPeriod and quarantineTime of pkg/controller/podgc. */
export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;
/** --terminated-pod-gc-threshold default. */
export const TERMINATED_POD_THRESHOLD = 12_500;

const GC = 'gc';

function phaseOf(p: KubeObject): string {
  return (p.status as { phase?: string } | undefined)?.phase ?? '';
}

function nodeNameOf(p: KubeObject): string {
  return (p.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

/**
 * The pod garbage collector (pkg/controller/podgc), every 20 s:
 * - terminated pods beyond the threshold (12,500) are deleted, oldest first;
 * - terminating pods on a NotReady node tainted `node.kubernetes.io/out-of-service` are force-deleted;
 * - pods bound to a node that no longer exists (still missing after a 40 s quarantine) are marked Failed with
 *   the DisruptionTarget condition (DeletionByPodGC) and force-deleted;
 * - terminating pods that were never scheduled are force-deleted.
 */
export function podGarbageCollector(_rt: ClusterRuntime): Controller {
  /** The delaying node queue: node name → when its quarantine ends. */
  const quarantine = new Map<string, number>();
  return {
    name: 'pod-garbage-collector',
    watches: [],
    start(ctx, enqueue) {
      const tick = () => {
        enqueue(GC);
        ctx.clock.schedule(tick, GC_CHECK_PERIOD_MS, { background: true, label: 'podgc' });
      };
      ctx.clock.schedule(tick, GC_CHECK_PERIOD_MS, { background: true, label: 'podgc' });
    },
    reconcile(key, ctx) {
      if (key !== GC) return;
      const pods = ctx.store.list('pods');
      const nodes = new Map(ctx.store.list('nodes').map((n) => [n.metadata.name!, n]));
      gcTerminated(ctx, pods);
      gcTerminating(ctx, pods, nodes);
      gcOrphaned(ctx, pods, nodes);
      for (const p of pods) if (p.metadata.deletionTimestamp && !nodeNameOf(p)) markFailedAndDelete(ctx, p);
    },
  };

  function gcTerminated(ctx: ControllerContext, pods: KubeObject[]): void {
    const terminated = pods.filter((p) => !['Pending', 'Running', 'Unknown'].includes(phaseOf(p)));
    const n = terminated.length - TERMINATED_POD_THRESHOLD;
    if (n <= 0) return;
    const evicted = (p: KubeObject) => (p.status as { reason?: string } | undefined)?.reason === 'Evicted';
    terminated.sort((a, b) => {
      if (evicted(a) !== evicted(b)) return evicted(a) ? -1 : 1;
      const ta = a.metadata.creationTimestamp ?? '';
      const tb = b.metadata.creationTimestamp ?? '';
      if (ta !== tb) return ta < tb ? -1 : 1;
      return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
    });
    for (const p of terminated.slice(0, n)) markFailedAndDelete(ctx, p);
  }

  function gcTerminating(ctx: ControllerContext, pods: KubeObject[], nodes: Map<string, KubeObject>): void {
    for (const p of pods) {
      if (!p.metadata.deletionTimestamp) continue;
      const node = nodes.get(nodeNameOf(p));
      if (!node) continue;
      const ready = conditionOf(node, 'Ready')?.status === 'True';
      if (!ready && taintsOf(node).some((t) => t.key === TaintNodeOutOfService)) markFailedAndDelete(ctx, p);
    }
  }

  function gcOrphaned(ctx: ControllerContext, pods: KubeObject[], nodes: Map<string, KubeObject>): void {
    const now = ctx.clock.now();
    for (const p of pods) {
      const n = nodeNameOf(p);
      if (n && !nodes.has(n) && !quarantine.has(n)) quarantine.set(n, now + QUARANTINE_MS);
    }
    const deleted = new Set<string>();
    for (const [n, at] of [...quarantine]) {
      if (at > now) continue;
      quarantine.delete(n);
      if (!nodes.has(n) && !ctx.store.get('nodes', undefined, n)) deleted.add(n);
    }
    if (deleted.size === 0) return;
    for (const p of pods) {
      if (!deleted.has(nodeNameOf(p))) continue;
      markFailedAndDelete(ctx, p, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
    }
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (plus the condition), then a grace-0 delete. */
  function markFailedAndDelete(ctx: ControllerContext, pod: KubeObject, condition?: Mut<PodCondition>): void {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name!;
    const phase = phaseOf(pod);
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      const next = clone(pod);
      const status = (next.status ??= {}) as { phase?: string; conditions?: Array<Mut<PodCondition>> };
      status.phase = 'Failed';
      if (condition) {
        const conds = (status.conditions ??= []);
        const i = conds.findIndex((c) => c.type === condition.type);
        const c = { ...condition, lastProbeTime: null as unknown as string, lastTransitionTime: ctx.clock.timestamp() };
        if (i >= 0) {
          if (conds[i].status === c.status) c.lastTransitionTime = conds[i].lastTransitionTime ?? c.lastTransitionTime;
          conds[i] = c;
        } else conds.push(c);
      }
      try {
        ctx.api.updateStatus(next, { owned: true });
      } catch {
        return;
      }
    }
    try {
      ctx.api.delete('pods', ns, name, { gracePeriodSeconds: 0 });
    } catch {
      // Already gone.
    }
  }
}
