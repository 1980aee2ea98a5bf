import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../util/quantity.ts';

function nano(v: unknown): bigint {
  try {
    return parseQuantity(String(v)).nano;
  } catch {
    return 0n;
  }
}

/** The pod's QoS class, as pkg/apis/core/v1/helper/qos.GetPodQOS computes it (requests default to limits). */
export function podQOS(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    const lim = (c.resources?.limits ?? {}) as Record<string, unknown>;
    const req = { ...lim, ...((c.resources?.requests ?? {}) as Record<string, unknown>) };
    for (const name of ['cpu', 'memory']) {
      const r = name in req ? nano(req[name]) : 0n;
      if (r > 0n) requests.set(name, (requests.get(name) ?? 0n) + r);
    }
    const found = new Set<string>();
    for (const name of ['cpu', 'memory']) {
      const l = name in lim ? nano(lim[name]) : 0n;
      if (l > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + l);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, r] of requests) {
      if (limits.get(name) !== r) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** A container's memory limit in bytes, or undefined. */
export function memoryLimitBytes(c: Container): number | undefined {
  const v = (c.resources?.limits as Record<string, unknown> | undefined)?.memory;
  if (v === undefined) return undefined;
  try {
    return parseQuantity(String(v)).value;
  } catch {
    return undefined;
  }
}
