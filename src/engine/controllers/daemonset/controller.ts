import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { podUpdateIrrelevantToOwner } from '../watchfilter/index.ts';

import { claimObjects } from '../podcontrol/claim.ts';
import { podIndexFor } from '../podcontrol/index.ts';
import { podOwnerKeys, workloadSelects } from '../podcontrol/ownerkeys.ts';
import { isPodReady } from '../podcontrol/pods.ts';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../types.ts';
import { cleanupHistory, constructHistory } from './history.ts';
import { nodeShouldRunDaemonPod, targetNodeName } from './predicates.ts';
import { dsSpec, isAvailable, isPodUpdated, manage, rollingUpdate, sortDaemonPods, type SyncState } from './sync.ts';

const selects = workloadSelects;
const NO_KEYS: string[] = [];

/** What of a node matters to daemon placement (shouldIgnoreNodeUpdate ignores heartbeats). */
function nodeSignature(n: KubeObject | undefined): unknown {
  if (!n) return undefined;
  const conds = ((n as unknown as Node).status?.conditions ?? []).map((c) => [c.type, c.status]);
  return [n.metadata.labels ?? {}, n.spec ?? {}, conds];
}

/** The DaemonSet controller (pkg/controller/daemon). */
export function daemonSetController(_rt: ClusterRuntime): Controller {
  let context: ControllerContext | undefined;
  const allKeys = (ns?: string): string[] => (context?.store.list('daemonsets', ns) ?? []).map((d) => keyOf(d.metadata.namespace, d.metadata.name!));
  const podKeys = podOwnerKeys('DaemonSet', 'daemonsets', () => context?.store);
  const nodeKeys = (ev: StoreEvent): string[] => {
    if (ev.type === 'MODIFIED' && deepEqual(nodeSignature(ev.object), nodeSignature(ev.oldObject))) return [];
    return allKeys();
  };
  return {
    name: 'daemonset',
    watches: [
      { resource: 'daemonsets', keys: (ev) => [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] },
      // Kubelet status writes that change nothing a DaemonSet counts (phase, readiness, labels, owner, deletion) are dropped.
      { resource: 'pods', keys: (ev) => (podUpdateIrrelevantToOwner(ev) ? NO_KEYS : podKeys(ev)) },
      { resource: 'nodes', keys: nodeKeys },
    ],
    start(ctx, enqueue) {
      context = ctx;
      podIndexFor(ctx.store);
      for (const k of allKeys()) enqueue(k);
    },
    reconcile: (key, ctx) => syncDaemonSet(key, ctx),
  };
}

const failures = new Map<string, number>();

/** syncDaemonSet: history, manage, rolling update, history cleanup, status. */
export function syncDaemonSet(key: string, ctx: ControllerContext): ReconcileResult | void {
  const [ns, name] = splitKey(key);
  const ds = ctx.store.get('daemonsets', ns, name);
  if (!ds) {
    failures.delete(key);
    return;
  }
  let wake: number | undefined;
  const s: SyncState = {
    ctx,
    ds,
    nodes: ctx.store.list('nodes'),
    byNode: new Map(),
    hash: '',
    now: ctx.clock.now(),
    wakeAt: (ms) => {
      if (wake === undefined || ms < wake) wake = ms;
    },
  };
  let error: unknown;
  try {
    if (ds.metadata.deletionTimestamp) return;
    const { old, hash } = constructHistory(ctx, ds);
    s.hash = hash;
    try {
      s.byNode = nodesToDaemonPods(ctx, ds, false);
      manage(s);
      if (dsSpec(ds).updateStrategy?.type === 'RollingUpdate') {
        s.byNode = nodesToDaemonPods(ctx, ds, false);
        rollingUpdate(s);
      }
      cleanupHistory(ctx, ds, old, [...nodesToDaemonPods(ctx, ds, true).values()].flat());
    } catch (e) {
      error = e;
    }
    updateStatus(s);
  } catch (e) {
    error ??= e;
  }
  if (error !== undefined) {
    const n = (failures.get(key) ?? 0) + 1;
    failures.set(key, n);
    return { requeueAfterMs: Math.min(5 * 2 ** (n - 1), 1_000_000) };
  }
  failures.delete(key);
  if (wake !== undefined) return { requeueAfterMs: Math.max(1, wake - s.now) };
}

/** getNodesToDaemonPods: claimed pods by target node (deleted terminal pods only when asked). */
function nodesToDaemonPods(ctx: ControllerContext, ds: KubeObject, includeDeletedTerminal: boolean): Map<string, KubeObject[]> {
  const index = podIndexFor(ctx.store);
  const candidates = [...index.owned(ds.metadata.uid!)];
  for (const p of index.orphansIn(ds.metadata.namespace ?? '')) if (selects(ds, p.metadata.labels)) candidates.push(p);
  const claimed = candidates.length === 0 ? [] : claimObjects(ctx, ds, 'pods', candidates, (p) => selects(ds, p.metadata.labels));
  const out = new Map<string, KubeObject[]>();
  for (const p of claimed) {
    const phase = (p as Pod).status?.phase;
    if (!includeDeletedTerminal && p.metadata.deletionTimestamp && (phase === 'Failed' || phase === 'Succeeded')) continue;
    const node = targetNodeName(p);
    if (!node) continue;
    const list = out.get(node);
    if (list) list.push(p);
    else out.set(node, [p]);
  }
  return out;
}

/** updateDaemonSetStatus + storeDaemonSetStatus. */
function updateStatus(s: SyncState): void {
  const { ctx, ds } = s;
  const byNode = nodesToDaemonPods(ctx, ds, false);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  for (const node of s.nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const pods = byNode.get(node.metadata.name!);
    if (!shouldRun) {
      if (pods && pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (!pods || pods.length === 0) continue;
    current++;
    const pod = sortDaemonPods([...pods])[0];
    if (isPodReady(pod as Pod)) {
      ready++;
      if (isAvailable(s, pod)) available++;
    }
    if (isPodUpdated(ds, pod, s.hash)) updated++;
  }
  const cur = ctx.store.get('daemonsets', ds.metadata.namespace, ds.metadata.name!);
  if (!cur || cur.metadata.uid !== ds.metadata.uid) return;
  const old = (cur.status ?? {}) as Record<string, number | undefined>;
  const next: Record<string, unknown> = {
    ...(old as object),
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
    observedGeneration: ds.metadata.generation,
  };
  for (const k of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'observedGeneration']) if (!next[k]) delete next[k];
  if (deepEqual(next, old)) return;
  ctx.api.updateStatus({ ...cur, status: next });
}
