import type { PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { clone, type StoreEvent } from '../../store/store.ts';
import type { Controller, ControllerContext } from '../types.ts';
import { conditionOf, NODE_MONITOR_PERIOD_MS, tryUpdateNodeHealth, type Condition, type NodeHealth } from './health.ts';
import { podsByNode } from './podindex.ts';
import {
  swapNodeTaints,
  taintExists,
  TaintNodeDiskPressure,
  TaintNodeMemoryPressure,
  TaintNodeNetworkUnavailable,
  TaintNodeNotReady,
  TaintNodePIDPressure,
  TaintNodeUnreachable,
  TaintNodeUnschedulable,
  taintsOf,
  type TaintLike,
} from './taints.ts';
import { computeZoneState, zoneKeyOf, type ZoneState } from './zones.ts';

const SOURCE = { component: 'node-controller' };
const MONITOR = 'monitor';

const UnreachableNoExecute: TaintLike = { key: TaintNodeUnreachable, effect: 'NoExecute' };
const NotReadyNoExecute: TaintLike = { key: TaintNodeNotReady, effect: 'NoExecute' };

/** nodeConditionToTaintKeyStatusMap: which condition status earns which NoSchedule taint. */
const conditionTaints: Record<string, Record<string, string>> = {
  Ready: { False: TaintNodeNotReady, Unknown: TaintNodeUnreachable },
  MemoryPressure: { True: TaintNodeMemoryPressure },
  DiskPressure: { True: TaintNodeDiskPressure },
  NetworkUnavailable: { True: TaintNodeNetworkUnavailable },
  PIDPressure: { True: TaintNodePIDPressure },
};
const managedNoScheduleKeys = new Set([TaintNodeUnschedulable, ...Object.values(conditionTaints).flatMap((m) => Object.values(m))]);

function nodeNameOf(o: KubeObject | undefined): string {
  return (o?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

/**
 * The node lifecycle controller of kube-controller-manager 1.32 (pkg/controller/nodelifecycle):
 * - every 5 s (monitorNodeHealth) it checks each node's Lease and Ready heartbeat; a node silent for the grace
 *   period gets its conditions set to Unknown, a `NodeNotReady` event, and its pods marked not Ready
 *   (MarkPodsNotReady, with a `NodeNotReady` event on each pod);
 * - NoSchedule taints follow the node's conditions and `spec.unschedulable` (doNoScheduleTaintingPass);
 * - nodes seen NotReady/Unknown get the `not-ready`/`unreachable` NoExecute taint (taint-based eviction; the
 *   taint eviction controller then evicts pods past their tolerationSeconds), removed when the node is Ready;
 * - in full disruption (every node not Ready) it removes those taints and stops tainting; in a partially
 *   disrupted zone of a small cluster (≤ 50 nodes) it stops tainting (secondary eviction rate 0).
 */
export function nodeLifecycleController(rt: ClusterRuntime): Controller {
  const health = new Map<string, NodeHealth>();
  const known = new Map<string, KubeObject>();
  const zoneStates = new Map<string, ZoneState>();
  /** Nodes waiting for a NoExecute taint (zoneNoExecuteTainter), by name. */
  const toTaint = new Set<string>();
  const index = podsByNode(rt);

  const podUpdated = (ev: StoreEvent): string[] => {
    if (ev.type === 'DELETED') return [];
    const node = nodeNameOf(ev.object);
    if (!node || (ev.oldObject && nodeNameOf(ev.oldObject) === node)) return [];
    return [`pod:${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
  };

  return {
    name: 'node-lifecycle',
    watches: [
      { resource: 'nodes', keys: (ev) => (ev.type === 'DELETED' ? [] : [`taint:${ev.object.metadata.name}`]) },
      { resource: 'pods', keys: podUpdated },
    ],
    start(ctx, enqueue) {
      for (const n of ctx.store.list('nodes')) enqueue(`taint:${n.metadata.name}`);
      enqueue(MONITOR);
      const tick = () => {
        enqueue(MONITOR);
        ctx.clock.schedule(tick, NODE_MONITOR_PERIOD_MS, { background: true, label: 'node-lifecycle:monitor' });
      };
      ctx.clock.schedule(tick, NODE_MONITOR_PERIOD_MS, { background: true, label: 'node-lifecycle:monitor' });
    },
    reconcile(key, ctx) {
      if (key === MONITOR) monitorNodeHealth(ctx);
      else if (key.startsWith('taint:')) doNoScheduleTaintingPass(ctx, key.slice(6));
      else if (key.startsWith('pod:')) processPod(ctx, key.slice(4));
    },
  };

  function monitorNodeHealth(ctx: ControllerContext): void {
    const nodes = ctx.store.list('nodes');
    const present = new Set(nodes.map((n) => n.metadata.name!));
    for (const n of nodes) known.set(n.metadata.name!, n);
    for (const [name, n] of known) {
      if (present.has(name)) continue;
      ctx.events.normal(nodeRef(n), 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`, SOURCE);
      known.delete(name);
      health.delete(name);
      toTaint.delete(name);
    }
    const zoneConditions = new Map<string, Array<Condition | undefined>>();
    for (const n of nodes) {
      const { observed, current } = tryUpdateNodeHealth(ctx, health, n);
      if (!('node.kubernetes.io/exclude-disruption' in (n.metadata.labels ?? {}))) {
        const z = zoneKeyOf(n);
        const list = zoneConditions.get(z) ?? [];
        list.push(current);
        zoneConditions.set(z, list);
      }
      if (!current) continue;
      const fresh = ctx.store.get('nodes', undefined, n.metadata.name!) ?? n;
      processTaintBaseEviction(ctx, fresh, observed);
      if (current.status !== 'True' && observed.status === 'True') {
        ctx.events.normal(nodeRef(fresh), 'NodeNotReady', `Node ${fresh.metadata.name} status is now: NodeNotReady`, SOURCE);
        markPodsNotReady(ctx, index.podsOn(fresh.metadata.name!));
      }
    }
    const tainting = handleDisruption(ctx, zoneConditions, nodes);
    doNoExecuteTaintingPass(ctx, tainting);
  }

  /** processTaintBaseEviction: queue NotReady/Unknown nodes for the NoExecute taint, untaint Ready ones. */
  function processTaintBaseEviction(ctx: ControllerContext, node: KubeObject, observed: Condition): void {
    const name = node.metadata.name!;
    const taints = taintsOf(node);
    const now = ctx.clock.timestamp();
    if (observed.status === 'False') {
      if (taintExists(taints, UnreachableNoExecute)) swapNodeTaints(ctx.api, name, [NotReadyNoExecute], [UnreachableNoExecute], now);
      else toTaint.add(name);
    } else if (observed.status === 'Unknown') {
      if (taintExists(taints, NotReadyNoExecute)) swapNodeTaints(ctx.api, name, [UnreachableNoExecute], [NotReadyNoExecute], now);
      else toTaint.add(name);
    } else if (observed.status === 'True') {
      markNodeAsReachable(ctx, name);
    }
  }

  function markNodeAsReachable(ctx: ControllerContext, name: string): void {
    toTaint.delete(name);
    const node = ctx.store.get('nodes', undefined, name);
    if (!node) return;
    const taints = taintsOf(node);
    if (taintExists(taints, UnreachableNoExecute) || taintExists(taints, NotReadyNoExecute)) {
      swapNodeTaints(ctx.api, name, [], [UnreachableNoExecute, NotReadyNoExecute], ctx.clock.timestamp());
    }
  }

  /** doNoExecuteTaintingPass: taint the queued nodes of zones whose eviction rate is not zero. */
  function doNoExecuteTaintingPass(ctx: ControllerContext, allowed: (zone: string) => boolean): void {
    for (const name of [...toTaint].sort()) {
      const node = ctx.store.get('nodes', undefined, name);
      if (!node) {
        toTaint.delete(name);
        continue;
      }
      if (!allowed(zoneKeyOf(node))) continue;
      const ready = conditionOf(node, 'Ready');
      if (!ready) continue;
      const now = ctx.clock.timestamp();
      if (ready.status === 'False') swapNodeTaints(ctx.api, name, [NotReadyNoExecute], [UnreachableNoExecute], now);
      else if (ready.status === 'Unknown') swapNodeTaints(ctx.api, name, [UnreachableNoExecute], [NotReadyNoExecute], now);
      toTaint.delete(name);
    }
  }

  /**
   * handleDisruption: the zone states decide the NoExecute tainting rate. Returns whether a zone may taint now.
   */
  function handleDisruption(ctx: ControllerContext, zoneConditions: Map<string, Array<Condition | undefined>>, nodes: KubeObject[]): (zone: string) => boolean {
    const newStates = new Map<string, ZoneState>();
    let allAreFully = true;
    for (const [z, conds] of zoneConditions) {
      const s = computeZoneState(conds);
      if (s !== 'FullDisruption') allAreFully = false;
      newStates.set(z, s);
      if (!zoneStates.has(z)) zoneStates.set(z, 'Initial');
    }
    let allWereFully = true;
    for (const [z, s] of [...zoneStates]) {
      if (!zoneConditions.has(z)) {
        zoneStates.delete(z);
        continue;
      }
      if (s !== 'FullDisruption') {
        allWereFully = false;
        break;
      }
    }
    if (allAreFully && zoneConditions.size > 0) {
      if (!allWereFully) for (const n of nodes) markNodeAsReachable(ctx, n.metadata.name!);
      for (const z of zoneStates.keys()) zoneStates.set(z, 'FullDisruption');
      return () => false;
    }
    for (const [z, s] of newStates) zoneStates.set(z, s);
    const large = nodes.length > 50;
    return (zone) => zoneStates.get(zone) !== 'PartialDisruption' || large;
  }

  /** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions and spec.unschedulable. */
  function doNoScheduleTaintingPass(ctx: ControllerContext, name: string): void {
    const node = ctx.store.get('nodes', undefined, name);
    if (!node) return;
    const want: TaintLike[] = [];
    for (const c of ((node.status as { conditions?: Condition[] } | undefined)?.conditions ?? [])) {
      const key = conditionTaints[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) want.push({ key: TaintNodeUnschedulable, effect: 'NoSchedule' });
    const have = taintsOf(node).filter((t) => t.effect === 'NoSchedule' && managedNoScheduleKeys.has(t.key));
    const add = want.filter((t) => !taintExists(have, t));
    const del = have.filter((t) => !taintExists(want, t));
    if (add.length === 0 && del.length === 0) return;
    swapNodeTaints(ctx.api, name, add, del, ctx.clock.timestamp());
  }

  /** processPod: a pod bound to a node that is not Ready is marked not Ready at once. */
  function processPod(ctx: ControllerContext, key: string): void {
    const i = key.indexOf('/');
    const pod = ctx.store.get('pods', key.slice(0, i), key.slice(i + 1));
    if (!pod) return;
    const nodeName = nodeNameOf(pod);
    const h = health.get(nodeName);
    if (!h || !ctx.store.get('nodes', undefined, nodeName)) return;
    if (h.ready && h.ready.status !== 'True') markPodsNotReady(ctx, [pod]);
  }

  /** MarkPodsNotReady: Ready=False on every pod of the node, with a `NodeNotReady` warning on each. */
  function markPodsNotReady(ctx: ControllerContext, pods: KubeObject[]): void {
    for (const pod of pods) {
      const conds = ((pod.status as { conditions?: Array<Mut<PodCondition>> } | undefined)?.conditions ?? []);
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = clone(pod);
      const c = ((next.status as { conditions: Array<Mut<PodCondition>> }).conditions).find((x) => x.type === 'Ready')!;
      c.status = 'False';
      c.lastTransitionTime = ctx.clock.timestamp();
      try {
        ctx.api.updateStatus(next, { owned: true });
      } catch {
        continue;
      }
      ctx.events.warning(pod, 'NodeNotReady', 'Node is not ready', SOURCE);
    }
  }
}

/** The ObjectReference the node controller records node events against. */
function nodeRef(n: KubeObject): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: n.metadata.name, uid: n.metadata.uid } };
}
