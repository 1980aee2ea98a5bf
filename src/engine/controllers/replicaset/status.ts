import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { podAvailability } from '../podcontrol/pods.ts';
import type { OwnerPods } from '../podcontrol/tracker.ts';
import type { ControllerContext } from '../types.ts';

export interface ReplicaCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** ReplicaSetStatus / ReplicationControllerStatus as serialised (zero values omitted, as `omitempty`). */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

/** Desired replicas (the API defaults spec.replicas to 1). */
export function desiredReplicas(o: KubeObject): number {
  return ((o.spec ?? {}) as { replicas?: number }).replicas ?? 1;
}

/**
 * calculateStatus: counts over the claimed (active, selected) pods; the ReplicaFailure condition is added on a
 * create/delete error (reason FailedCreate or FailedDelete, the error as message) and removed on success.
 * Also returns when the next ready pod becomes available (minReadySeconds), for a requeue.
 */
export function computeStatus(
  owner: KubeObject,
  pods: OwnerPods,
  manageError: Error | undefined,
  ctx: Pick<ControllerContext, 'clock'>,
): { status: ReplicaStatus; nextAvailableAt?: number } {
  const minReady = ((owner.spec ?? {}) as { minReadySeconds?: number }).minReadySeconds ?? 0;
  const old = (owner.status ?? {}) as ReplicaStatus;
  let available = pods.ready;
  let nextAvailableAt: number | undefined;
  if (minReady > 0 && pods.ready > 0) {
    available = 0;
    const now = ctx.clock.now();
    const parse = (ts: string) => ctx.clock.parse(ts);
    for (const e of pods.entries.values()) {
      if (!e.active || !e.selected || !e.ready) continue;
      const a = podAvailability(e.pod as Pod, minReady, now, parse);
      if (a.available) available++;
      else if (a.becomesAt !== undefined && (nextAvailableAt === undefined || a.becomesAt < nextAvailableAt)) nextAvailableAt = a.becomesAt;
    }
  }
  let conditions = old.conditions ? [...old.conditions] : undefined;
  const failure = conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = pods.claimed - desiredReplicas(owner);
    const cond: ReplicaCondition = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: ctx.clock.timestamp() };
    if (diff !== 0) cond.reason = diff < 0 ? 'FailedCreate' : 'FailedDelete';
    cond.message = manageError.message;
    conditions = [...(conditions ?? []), cond];
  } else if (!manageError && failure) {
    conditions = conditions!.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaStatus = { replicas: pods.claimed };
  if (pods.fully) status.fullyLabeledReplicas = pods.fully;
  if (pods.ready) status.readyReplicas = pods.ready;
  if (available) status.availableReplicas = available;
  if (old.observedGeneration) status.observedGeneration = old.observedGeneration;
  if (conditions && conditions.length > 0) status.conditions = conditions;
  return { status, nextAvailableAt };
}

/** updateReplicaSetStatus's early exit: counts, conditions and observedGeneration all current. */
export function statusUnchanged(owner: KubeObject, next: ReplicaStatus): boolean {
  const old = (owner.status ?? {}) as ReplicaStatus;
  return (
    (old.replicas ?? 0) === next.replicas &&
    (old.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (old.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (old.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (owner.metadata.generation ?? 0) === (old.observedGeneration ?? 0) &&
    JSON.stringify(old.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}
