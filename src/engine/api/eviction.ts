/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): delete a pod unless that
 * would take a PodDisruptionBudget below its healthy minimum. An allowed eviction decrements the budget's
 * `disruptionsAllowed` and records the pod under `disruptedPods` before the pod is deleted.
 */
import type { PDBSpec, PDBStatus } from './kinds/poddisruptionbudget.ts';
import type { ApiServer } from './server.ts';
import { clone } from '../store/store.ts';
import { matchesLabelSelector } from '../util/labels.ts';
import { disruptionAllowedCondition, isPodReady } from '../controllers/disruption/status.ts';
import { StatusError, type KubeObject } from './types.ts';

export interface EvictOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  /** Current virtual time (the API server passes its clock). */
  nowMs: number;
  /** RFC 3339 text of `nowMs`. */
  now: string;
}

/** The result the subresource returns: success, or a failure Status (more than one PDB). */
export interface EvictResult {
  status: 'Success' | 'Failure';
  message?: string;
  code?: number;
}

export const pdbViolationMessage = "Cannot evict pod as it would violate the pod's disruption budget.";

/** canIgnorePDB: terminal, pending or already-deleting pods are deleted without consulting budgets. */
function canIgnorePDB(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/** The budgets covering a pod; a PDB with a nil or empty selector covers nothing here. */
function pdbsFor(api: ApiServer, pod: KubeObject): KubeObject[] {
  return api.store.list('poddisruptionbudgets', pod.metadata.namespace).filter((pdb) => {
    const sel = (pdb.spec as PDBSpec | undefined)?.selector;
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) return false;
    return matchesLabelSelector(sel, pod.metadata.labels);
  });
}

function tooManyRequests(): StatusError {
  return new StatusError(429, 'TooManyRequests', pdbViolationMessage);
}

/** checkAndDecrement. */
function checkAndDecrement(api: ApiServer, pdb: KubeObject, podName: string, opts: EvictOptions): void {
  const st = (pdb.status ?? {}) as PDBStatus;
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests();
  const allowed = st.disruptionsAllowed ?? 0;
  if (allowed < 0) throw new StatusError(403, 'Forbidden', `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`);
  if (Object.keys(st.disruptedPods ?? {}).length > 2000) {
    throw new StatusError(403, 'Forbidden', `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
  }
  if (allowed === 0) throw tooManyRequests();
  if (opts.dryRun) return;
  const next = clone(pdb);
  const ns = next.status as PDBStatus;
  ns.disruptionsAllowed = allowed - 1;
  if (ns.disruptionsAllowed === 0) ns.conditions = disruptionAllowedCondition(ns, opts.now);
  ns.disruptedPods = { ...(ns.disruptedPods ?? {}), [podName]: opts.now };
  api.updateStatus(next);
}

/** Mark the pod with the DisruptionTarget condition, then delete it. */
function deletePod(api: ApiServer, pod: KubeObject, opts: EvictOptions): void {
  if (opts.dryRun) {
    api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { dryRun: true, gracePeriodSeconds: opts.gracePeriodSeconds });
    return;
  }
  if (!pod.metadata.deletionTimestamp) {
    const next = clone(pod);
    const status = (next.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: opts.now, reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    status.conditions = conds;
    api.updateStatus(next);
  }
  api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: opts.gracePeriodSeconds });
}

/**
 * POST pods/NAME/eviction. Throws NotFound for a missing pod and TooManyRequests (429) when a budget
 * allows no disruption; returns a Failure status when several budgets cover the pod.
 */
export function evictPod(api: ApiServer, namespace: string, name: string, opts: EvictOptions): EvictResult {
  const pod = api.get('pods', namespace, name);
  if (canIgnorePDB(pod)) {
    deletePod(api, pod, opts);
    return { status: 'Success' };
  }
  const pdbs = pdbsFor(api, pod);
  if (pdbs.length > 1) {
    return { status: 'Failure', code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
  }
  if (pdbs.length === 1) {
    const pdb = pdbs[0];
    const st = (pdb.status ?? {}) as PDBStatus;
    const policy = (pdb.spec as PDBSpec | undefined)?.unhealthyPodEvictionPolicy;
    // An unready pod may go without spending budget when the application is not disrupted anyway.
    const unhealthyOk =
      !isPodReady(pod) && (policy === 'AlwaysAllow' || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
    if (!unhealthyOk) checkAndDecrement(api, pdb, pod.metadata.name!, opts);
  }
  deletePod(api, pod, opts);
  return { status: 'Success' };
}
