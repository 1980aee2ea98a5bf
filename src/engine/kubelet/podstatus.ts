import type { ContainerStatus, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { Mut } from '../api/types.ts';
import { rememberStatus, reusableStatus, toStatus, type Ctr } from './container.ts';
import { mergeConditions, podConditions } from './status.ts';

/** The statuses of the init or the app containers, reusing the stored ones of containers that did not change. */
export function containerStatuses(ctrs: readonly Ctr[], init: boolean, prev: readonly ContainerStatus[] | undefined, ts: (ms: number) => string): Array<Mut<ContainerStatus>> {
  const out: Array<Mut<ContainerStatus>> = [];
  for (const c of ctrs) {
    if (c.init !== init) continue;
    out.push((reusableStatus(c, prev?.[out.length]) as Mut<ContainerStatus> | undefined) ?? toStatus(c, ts));
  }
  return out;
}

/** Remember, per container, the status the server stored (so an unchanged one is reused next time). */
export function rememberStatuses(ctrs: readonly Ctr[], init: boolean, stored: readonly ContainerStatus[] | undefined): void {
  let i = 0;
  for (const c of ctrs) if (c.init === init) rememberStatus(c, stored?.[i++]);
}

/** What the kubelet knows of a pod besides its containers' statuses. */
export interface PodFacts {
  spec: PodSpec;
  phase: string;
  sandboxReady: boolean;
  nodeIP?: string;
  podIP?: string;
  startTime: number;
  qos: string;
  now: number;
}

/**
 * The pod status to write: the stored one with the kubelet's view laid over it. The API server copies what it
 * is given, so `old` is read, never changed; parts equal to the stored ones are the stored objects.
 */
export function podStatus(old: PodStatus, initStatuses: Array<Mut<ContainerStatus>>, statuses: Array<Mut<ContainerStatus>>, f: PodFacts, ts: (ms: number) => string): Record<string, unknown> {
  const status: Record<string, unknown> = { ...old };
  const conds = podConditions(f.spec, initStatuses, statuses, f.phase, f.sandboxReady);
  status.conditions = mergeConditions(old.conditions, conds, ts(f.now));
  status.phase = f.phase;
  if (f.nodeIP) {
    status.hostIP = f.nodeIP;
    status.hostIPs = sameIPs(old.hostIPs, f.nodeIP) ? old.hostIPs : [{ ip: f.nodeIP }];
  }
  if (f.podIP) {
    status.podIP = f.podIP;
    status.podIPs = sameIPs(old.podIPs, f.podIP) ? old.podIPs : [{ ip: f.podIP }];
  }
  status.startTime = ts(f.startTime);
  status.qosClass = f.qos;
  if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  return status;
}

/** True when `ips` is exactly `[{ ip }]`. */
function sameIPs(ips: ReadonlyArray<{ ip?: string }> | undefined, ip: string): boolean {
  if (ips?.length !== 1 || ips[0].ip !== ip) return false;
  for (const k in ips[0]) if (k !== 'ip') return false;
  return true;
}
