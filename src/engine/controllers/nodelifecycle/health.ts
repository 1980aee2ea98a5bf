import type { NodeCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import type { ControllerContext } from '../types.ts';

/** kube-controller-manager 1.32 defaults (--node-monitor-period, --node-monitor-grace-period, --node-startup-grace-period). */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export type Condition = Mut<NodeCondition>;

/** nodeHealthData: what the controller last saw of a node, with the local times it saw it. */
export interface NodeHealth {
  probeMs: number;
  readyTransitionMs: number;
  /** The Ready condition as last observed (undefined when the node posted none). */
  ready?: Condition;
  leaseRenewTime?: string;
}

export function conditionOf(node: KubeObject, type: string): Condition | undefined {
  return ((node.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((c) => c.type === type);
}

/** The conditions the controller turns Unknown when a node goes silent (NetworkUnavailable is left alone). */
const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * tryUpdateNodeHealth: refresh the probe time from the Ready condition's heartbeat and the node's Lease, and
 * once nothing has been heard for the grace period, post every monitored condition as Unknown
 * (NodeStatusUnknown / "Kubelet stopped posting node status.", or NodeStatusNeverUpdated for a node that never
 * posted one). Returns the Ready condition observed before this pass and the one now current.
 */
export function tryUpdateNodeHealth(
  ctx: ControllerContext,
  health: Map<string, NodeHealth>,
  node: KubeObject,
): { observed: Condition; current: Condition | undefined } {
  const name = node.metadata.name!;
  const now = ctx.clock.now();
  const created = node.metadata.creationTimestamp ?? ctx.clock.timestamp(0);
  let h = health.get(name);
  const currentReady = conditionOf(node, 'Ready');
  let observed: Condition;
  let grace: number;
  if (!currentReady) {
    observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
    grace = NODE_STARTUP_GRACE_PERIOD_MS;
    if (!h) h = { probeMs: ctx.clock.parse(created), readyTransitionMs: ctx.clock.parse(created) };
  } else {
    observed = { ...currentReady };
    grace = NODE_MONITOR_GRACE_PERIOD_MS;
  }
  const saved = h?.ready;
  if (!h || (!saved && currentReady) || (saved && !currentReady)) {
    h = { probeMs: now, readyTransitionMs: now, ready: currentReady, leaseRenewTime: h?.leaseRenewTime };
  } else if (saved && currentReady && saved.lastHeartbeatTime !== currentReady.lastHeartbeatTime) {
    const transition = saved.lastTransitionTime !== currentReady.lastTransitionTime ? now : h.readyTransitionMs;
    h = { probeMs: now, readyTransitionMs: transition, ready: currentReady, leaseRenewTime: h.leaseRenewTime };
  }
  // A renewed lease always counts as a sign of life.
  const lease = ctx.store.get('leases', NODE_LEASE_NAMESPACE, name);
  const renew = (lease?.spec as { renewTime?: string } | undefined)?.renewTime;
  if (renew && (!h.leaseRenewTime || h.leaseRenewTime < renew)) {
    h = { ...h, leaseRenewTime: renew, probeMs: now };
  }
  health.set(name, h);

  let current = currentReady;
  if (now > h.probeMs + grace) {
    const ts = ctx.clock.timestamp();
    const next = clone(node);
    const status = (next.status ??= {}) as { conditions?: Condition[] };
    const conds = (status.conditions ??= []);
    for (const type of MONITORED) {
      const c = conds.find((x) => x.type === type);
      if (!c) {
        conds.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: created, lastTransitionTime: ts });
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = ts;
      }
    }
    const ready = conds.find((c) => c.type === 'Ready');
    if (JSON.stringify(ready) !== JSON.stringify(currentReady ? observed : undefined) || !currentReady) {
      try {
        ctx.api.updateStatus(next, { owned: true });
      } catch {
        return { observed, current: currentReady };
      }
      health.set(name, { probeMs: h.probeMs, readyTransitionMs: now, ready, leaseRenewTime: h.leaseRenewTime });
      current = ready;
    }
  }
  return { observed, current };
}
