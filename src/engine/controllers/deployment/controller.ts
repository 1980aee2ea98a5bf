import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isStatusError, type KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import { claimObjects } from '../podcontrol/claim.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import { controllerRefOf } from '../podcontrol/pods.ts';
import { onlyStatusChanged } from '../watchfilter/index.ts';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../types.ts';
import { normalizeStatus, statusOf } from './conditions.ts';
import { component, DeploymentSync } from './context.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { checkPausedConditions, deploymentComplete, isScalingEvent, sync, syncStatusOnly } from './sync.ts';
import { shareTemplateKey, specOf } from './util.ts';

function selects(d: KubeObject, labels: Record<string, string> | undefined): boolean {
  const sel = specOf(d).selector;
  if (!sel || (!sel.matchLabels && !sel.matchExpressions)) return false;
  return matchesLabelSelector(sel, labels);
}

function isEverything(sel: LabelSelector | undefined): boolean {
  return !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/**
 * A status write after which a sync would only find what the writing sync found: nothing but status changed,
 * and none of what a sync decides from the Deployment's own status changed either — completeness (old
 * ReplicaSets are cleaned up once complete), the total replica count (proportional scaling falls back to it),
 * collisionCount (the new ReplicaSet's name) — nor does the sync warn on every pass (a selector selecting
 * everything). Upstream enqueues on every update; that sync is a no-op here, apart from the requeue at the
 * progress deadline, which the writing sync asks for itself (progress.ts).
 */
function ownStatusWrite(ev: StoreEvent): boolean {
  if (!onlyStatusChanged(ev)) return false;
  const old = ev.oldObject!;
  const a = statusOf(old);
  const b = statusOf(ev.object);
  return (
    a.collisionCount === b.collisionCount &&
    (a.replicas ?? 0) === (b.replicas ?? 0) &&
    deploymentComplete(old, a) === deploymentComplete(ev.object, b) &&
    !isEverything(specOf(ev.object).selector)
  );
}

/** The Deployment controller (pkg/controller/deployment). */
export function deploymentController(_rt: ClusterRuntime): Controller {
  let context: ControllerContext | undefined;
  const failures = new Map<string, number>();

  /** ReplicaSet events: the controlling Deployment, or for orphans every Deployment that selects it. */
  const rsKeys = (ev: StoreEvent): string[] => {
    const keys = new Set<string>();
    for (const rs of [ev.object, ev.oldObject]) {
      if (!rs) continue;
      const ref = controllerRefOf(rs);
      if (ref) {
        if (ref.kind === 'Deployment') keys.add(keyOf(rs.metadata.namespace, ref.name));
      } else if (context) {
        for (const d of context.store.list('deployments', rs.metadata.namespace)) {
          if (selects(d, rs.metadata.labels)) keys.add(keyOf(d.metadata.namespace, d.metadata.name!));
        }
      }
    }
    return [...keys];
  };

  /** Pod deletions matter to Recreate Deployments, which wait for old pods to be gone. */
  const podKeys = (ev: StoreEvent): string[] => {
    if (ev.type !== 'DELETED' || !context) return [];
    const ref = controllerRefOf(ev.object);
    if (!ref || ref.kind !== 'ReplicaSet') return [];
    const rs = context.store.get('replicasets', ev.object.metadata.namespace, ref.name);
    const dref = rs && controllerRefOf(rs);
    if (!dref || dref.kind !== 'Deployment') return [];
    const d = context.store.get('deployments', ev.object.metadata.namespace, dref.name);
    if (!d || specOf(d).strategy.type !== 'Recreate') return [];
    return [keyOf(d.metadata.namespace, d.metadata.name!)];
  };

  return {
    name: 'deployment',
    watches: [
      { resource: 'deployments', keys: (ev) => (ownStatusWrite(ev) ? [] : [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)]) },
      { resource: 'replicasets', keys: rsKeys },
      { resource: 'pods', keys: podKeys },
    ],
    start(ctx, enqueue) {
      context = ctx;
      podIndexFor(ctx.store);
      for (const d of ctx.store.list('deployments')) enqueue(keyOf(d.metadata.namespace, d.metadata.name!));
    },
    reconcile(key, ctx): ReconcileResult | void {
      try {
        const r = syncDeployment(key, ctx);
        failures.delete(key);
        return r;
      } catch (e) {
        if (!isStatusError(e)) throw e;
        // A returned error: requeue with the workqueue's per-item exponential backoff.
        const n = (failures.get(key) ?? 0) + 1;
        failures.set(key, n);
        return { requeueAfterMs: Math.min(5 * 2 ** (n - 1), 1_000_000) };
      }
    },
  };
}

/** syncDeployment: one pass of the Deployment controller over one Deployment. */
export function syncDeployment(key: string, ctx: ControllerContext): ReconcileResult | void {
  const [ns, name] = splitKey(key);
  const stored = ctx.store.get('deployments', ns, name);
  if (!stored) return;
  // The working copy: status and annotations are edited in memory; the spec (read-only during a sync, and
  // copied before any derived object is built from it) stays shared with the stored object.
  const d: KubeObject = { ...stored, metadata: { ...stored.metadata }, status: clone(stored.status) };
  if (stored.metadata.annotations) d.metadata.annotations = { ...stored.metadata.annotations };
  if (d.status === undefined) delete d.status;
  shareTemplateKey(stored, d);
  const s = new DeploymentSync(ctx, d);
  const spec = s.spec;

  if (isEverything(spec.selector)) {
    ctx.events.warning(d, 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', { component });
    if ((s.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      s.status.observedGeneration = d.metadata.generation;
      ctx.api.updateStatus({ ...stored, status: normalizeStatus(s.status) });
    }
    return;
  }

  // getReplicaSetsForDeployment: adopt matching orphans, release what no longer matches.
  const rsList = claimObjects(ctx, d, 'replicasets', ctx.store.list('replicasets', ns), (rs) => selects(d, rs.metadata.labels));

  if (d.metadata.deletionTimestamp) {
    syncStatusOnly(s, rsList);
    return;
  }
  checkPausedConditions(s);
  if (spec.paused || isScalingEvent(s, rsList)) {
    sync(s, rsList);
  } else if (spec.strategy.type === 'Recreate') {
    rolloutRecreate(s, rsList);
  } else if (spec.strategy.type === 'RollingUpdate') {
    rolloutRolling(s, rsList);
  } else {
    return;
  }
  if (s.requeueAfterMs !== undefined) return { requeueAfterMs: s.requeueAfterMs };
}
