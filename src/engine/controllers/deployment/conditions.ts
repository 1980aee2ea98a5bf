import type { KubeObject } from '../../api/types.ts';

export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** DeploymentStatus as serialised: zero counts omitted (`omitempty`). */
export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export function statusOf(d: KubeObject): DeploymentStatus {
  return (d.status ?? {}) as DeploymentStatus;
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(s: DeploymentStatus, type: string): DeploymentCondition | undefined {
  return s.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: no change when status and reason are the same; keeps lastTransitionTime when only
 * the reason changes; the condition moves to the end of the list.
 */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  if (!s.conditions) return;
  s.conditions = s.conditions.filter((c) => c.type !== type);
  if (s.conditions.length === 0) delete s.conditions;
}

/** Status in canonical field order with zero values dropped. */
export function normalizeStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if (s[k]) out[k] = s[k];
  }
  if (s.conditions && s.conditions.length > 0) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

/** Equality of the normalised statuses, in field order (what comparing their JSON text would say). */
export function statusEqual(a: DeploymentStatus, b: DeploymentStatus): boolean {
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if ((a[k] || undefined) !== (b[k] || undefined)) return false;
  }
  if (a.collisionCount !== b.collisionCount) return false;
  const ca = a.conditions && a.conditions.length > 0 ? a.conditions : undefined;
  const cb = b.conditions && b.conditions.length > 0 ? b.conditions : undefined;
  if (!ca || !cb) return ca === cb;
  return ca.length === cb.length && ca.every((c, i) => sameFlat(c, cb[i]));
}

/** JSON-text equality of two flat objects: the same defined keys in the same order with equal values. */
function sameFlat(a: object, b: object): boolean {
  if (a === b) return true;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  const kb = Object.keys(rb);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && ra[ka[i]] === undefined) i++;
    while (j < kb.length && rb[kb[j]] === undefined) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    if (ka[i] !== kb[j] || ra[ka[i]] !== rb[kb[j]]) return false;
    i++;
    j++;
  }
}
