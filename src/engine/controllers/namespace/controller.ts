import type { Namespace, Pod } from 'kubernetes-types/core/v1';
import { isStatusError, type KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone } from '../../store/store.ts';
import type { Controller, ControllerContext } from '../types.ts';
import { failureConditions, updateConditions, type ContentTotals } from './conditions.ts';

/** The default wait, in seconds, for content whose finalizers are still running (finalizerEstimateSeconds). */
const FINALIZER_ESTIMATE_SECONDS = 15;
const FINALIZER = 'kubernetes';

/**
 * The namespace controller (pkg/controller/namespace/deletion): a namespace being deleted is marked
 * Terminating, all its content (every namespaced resource type) is deleted, the deletion conditions report
 * progress, and once nothing is left the `kubernetes` finalizer is removed through namespaces/finalize so
 * the namespace disappears. While pods finish graceful termination it checks back after estimate/2+1 s.
 */
export function namespaceController(rt: ClusterRuntime): Controller {
  return {
    name: 'namespace-controller',
    watches: [{ resource: 'namespaces', keys: (ev) => (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp ? [ev.object.metadata.name!] : []) }],
    start(ctx, enqueue) {
      for (const ns of ctx.store.list('namespaces')) if (ns.metadata.deletionTimestamp) enqueue(ns.metadata.name!);
    },
    reconcile(name, ctx) {
      const estimate = deleteNamespace(rt, ctx, name);
      if (estimate > 0) return { requeueAfterMs: (Math.floor(estimate / 2) + 1) * 1000 };
    },
  };
}

function deleteNamespace(rt: ClusterRuntime, ctx: ControllerContext, name: string): number {
  let ns = ctx.store.get('namespaces', undefined, name) as (KubeObject & Namespace) | undefined;
  if (!ns?.metadata.deletionTimestamp) return 0;
  if (ns.status?.phase !== 'Terminating') {
    ns = ctx.api.modify('namespaces', undefined, name, (o) => {
      o.status = { ...((o.status as object | undefined) ?? {}), phase: 'Terminating' };
    }, { subresource: 'status' }) as KubeObject & Namespace;
  }
  if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return 0;

  const deletedAt = ctx.clock.parse(ns.metadata.deletionTimestamp!);
  const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), deleteErrors: [] };
  let estimate = 0;
  for (const t of rt.registry.all()) {
    if (!t.namespaced || !t.verbs.includes('delete')) continue;
    const gvr = `${t.plural}.${t.group}`;
    let est = t.plural === 'pods' ? estimateGracefulTermination(ctx, name, deletedAt) : 0;
    for (const o of ctx.store.list(t.plural, name)) {
      try {
        ctx.api.delete(t.plural, name, o.metadata.name!, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!isStatusError(e, 'NotFound')) {
          totals.deleteErrors.push((e as Error).message);
          break;
        }
      }
    }
    const left = ctx.store.list(t.plural, name);
    if (!left.length) {
      estimate = Math.max(estimate, est);
      continue;
    }
    totals.remaining.set(gvr, left.length);
    let withFinalizers = false;
    for (const o of left) {
      for (const f of o.metadata.finalizers ?? []) {
        totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
        withFinalizers = true;
      }
    }
    if (est === 0 && withFinalizers) est = FINALIZER_ESTIMATE_SECONDS;
    else if (est === 0) totals.deleteErrors.push(`unexpected items still remain in namespace: ${name} for gvr: ${t.group}/${t.version}, Resource=${t.plural}`);
    estimate = Math.max(estimate, est);
  }

  const now = ctx.clock.timestamp();
  const { conditions, changed } = updateConditions(clone(ns.status?.conditions ?? []), failureConditions(totals, now), now);
  if (changed) {
    ns = ctx.api.modify('namespaces', undefined, name, (o) => {
      o.status = { ...((o.status as object | undefined) ?? {}), conditions };
    }, { subresource: 'status' }) as KubeObject & Namespace;
  }
  if (totals.deleteErrors.length) return Math.max(estimate, 1);
  if (estimate > 0 || totals.remaining.size > 0) return Math.max(estimate, 1);
  // Everything is gone: drop our finalizer (namespaces/finalize); the namespace goes with its last one.
  ctx.api.finalizeNamespace(name, (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER));
  return 0;
}

/** estimateGracefulTermination: the longest grace period of unfinished pods, less the time already spent. */
function estimateGracefulTermination(ctx: ControllerContext, namespace: string, deletedAt: number): number {
  let estimate = 0;
  for (const o of ctx.store.list('pods', namespace)) {
    const pod = o as unknown as Pod;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (grace > estimate) estimate = grace;
  }
  const spent = Math.floor((ctx.clock.now() - deletedAt) / 1000);
  return Math.max(0, estimate - spent);
}
