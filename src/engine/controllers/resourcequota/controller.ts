import { fromList, toList } from '../../api/admission/quota/resources.ts';
import type { ResourceQuotaSpec, ResourceQuotaStatus } from '../../api/kinds/resourcequota.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';
import { calculateUsage } from './usage.ts';

type PodLike = KubeObject & { status?: { phase?: string } };

/** Pods stop counting for compute quota when they finish or start terminating (replenishment). */
function podReplenishes(ev: StoreEvent): boolean {
  if (ev.type === 'DELETED') return true;
  if (ev.type !== 'MODIFIED' || !ev.oldObject) return false;
  const terminal = (p: PodLike) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  const cur = ev.object as PodLike;
  const old = ev.oldObject as PodLike;
  return (terminal(cur) && !terminal(old)) || (!!cur.metadata.deletionTimestamp && !old.metadata.deletionTimestamp);
}

/**
 * The ResourceQuota controller (pkg/controller/resourcequota): keeps `status.hard` equal to `spec.hard` and
 * `status.used` equal to observed usage. Admission charges new objects as they are created; this
 * controller recalculates when a quota's spec changes and when tracked objects go away (replenishment).
 */
export function resourceQuotaController(rt: ClusterRuntime): Controller {
  /** Every quota in the namespace of a replenishing object. */
  const quotasIn = (ns: string | undefined): string[] => (ns ? rt.store.list('resourcequotas', ns).map((q) => keyOf(ns, q.metadata.name!)) : []);
  const replenish = (filter?: (ev: StoreEvent) => boolean) => (ev: StoreEvent) => (!filter || filter(ev) ? quotasIn(ev.object.metadata.namespace) : []);
  const watches: Controller['watches'] = [
    {
      resource: 'resourcequotas',
      keys(ev) {
        if (ev.type === 'DELETED') return [];
        const spec = (ev.object.spec ?? {}) as ResourceQuotaSpec;
        const status = (ev.object.status ?? {}) as ResourceQuotaStatus;
        const specChanged = ev.type === 'ADDED' || !deepEqual(ev.oldObject?.spec, ev.object.spec);
        const hardStale = !deepEqual(spec.hard ?? {}, status.hard ?? {});
        const missingUsed = Object.keys(spec.hard ?? {}).some((k) => !(k in (status.used ?? {})));
        return specChanged || hardStale || missingUsed ? [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] : [];
      },
    },
    { resource: 'pods', keys: replenish(podReplenishes) },
  ];
  // Counted objects of every other namespaced kind replenish on deletion (services also on type changes).
  for (const t of rt.registry.all()) {
    if (!t.namespaced || t.plural === 'pods' || t.plural === 'events') continue;
    const filter = t.plural === 'services' ? (ev: StoreEvent) => ev.type === 'DELETED' || (ev.type === 'MODIFIED' && !deepEqual(ev.oldObject?.spec, ev.object.spec)) : (ev: StoreEvent) => ev.type === 'DELETED';
    watches.push({ resource: t.plural, keys: replenish(filter) });
  }
  return {
    name: 'resourcequota',
    watches,
    start(_ctx, enqueue) {
      for (const q of rt.store.list('resourcequotas')) enqueue(keyOf(q.metadata.namespace, q.metadata.name!));
    },
    reconcile(key: string, ctx: ControllerContext) {
      const [ns, name] = splitKey(key);
      const q = ctx.store.get('resourcequotas', ns, name);
      if (!q || q.metadata.deletionTimestamp) return;
      const spec = (q.spec ?? {}) as ResourceQuotaSpec;
      const used = calculateUsage(q, rt.registry, ctx.store, ctx.clock.now());
      const status: ResourceQuotaStatus = { hard: toList(fromList(spec.hard)), used: toList(used) };
      if (deepEqual(q.status ?? {}, status)) return;
      const next = clone(q);
      next.status = status;
      ctx.api.updateStatus(next);
    },
  };
}
