/** manageJob: create or delete pods so the active count matches what the Job wants (pkg/controller/job). */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { JobTrackingFinalizer, type JobSpecLike } from '../../api/kinds/job.ts';
import { deletePod, FailedCreatePodReason, isNamespaceTerminating, isPodReady, SuccessfulCreatePodReason } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';
import { remainingBackoff, type BackoffRecord } from './backoff.ts';
import { firstPendingIndexes } from './indexes.ts';
import { completionIndex, component, hasTrackingFinalizer, newJobPod, phaseOf } from './pods.ts';

/** MaxPodCreateDeletePerSync. */
export const MaxPodCreateDeletePerSync = 500;

export interface ManageInput {
  job: KubeObject;
  spec: JobSpecLike;
  active: KubeObject[];
  succeeded: number;
  succeededIndexes?: Set<number>;
  terminating: number;
  backoff: BackoffRecord | undefined;
  requeueIn(ms: number): void;
}

export interface ManageResult {
  active: number;
  /** Pods this sync deleted (they now count as terminating) and how many of them were ready. */
  removed: number;
  removedReady: number;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** activePodsForRemoval: the pods to delete first — unscheduled, then pending, then not ready, then newest. */
function rankForRemoval(pods: KubeObject[]): KubeObject[] {
  const score = (p: KubeObject): number[] => {
    const s = p as unknown as Pod;
    return [s.spec?.nodeName ? 1 : 0, phaseOf(p) === 'Pending' ? 0 : phaseOf(p) === 'Running' ? 1 : 0, isPodReady(s) ? 1 : 0];
  };
  return [...pods].sort((a, b) => {
    const x = score(a);
    const y = score(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? 1 : -1;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
}

/** deleteJobPods: drop the tracking finalizer (the pod is not counted) and delete. */
function deleteJobPods(ctx: ControllerContext, job: KubeObject, pods: KubeObject[]): { removed: number; removedReady: number } {
  let removed = 0;
  let removedReady = 0;
  for (const p of pods) {
    try {
      if (hasTrackingFinalizer(p)) {
        ctx.api.modify('pods', p.metadata.namespace, p.metadata.name!, (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JobTrackingFinalizer);
          if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
        });
      }
      deletePod(ctx, p.metadata.namespace!, p.metadata.name!, job, component);
      removed++;
      if (isPodReady(p as unknown as Pod)) removedReady++;
    } catch {
      // The pod stays active; the next sync tries again.
    }
  }
  return { removed, removedReady };
}

/** Create one pod, recording SuccessfulCreate / FailedCreate on the Job. Throws on failure. */
function createJobPod(ctx: ControllerContext, job: KubeObject, index: number | undefined): void {
  let created: KubeObject;
  try {
    created = ctx.api.create(newJobPod(job, index));
  } catch (e) {
    if (!isNamespaceTerminating(e)) ctx.events.warning(job, FailedCreatePodReason, `Error creating: ${errText(e)}`, { component });
    throw e;
  }
  ctx.events.normal(job, SuccessfulCreatePodReason, `Created pod: ${created.metadata.name}`, { component });
}

export function manageJob(ctx: ControllerContext, m: ManageInput): ManageResult {
  const { job, spec } = m;
  let active = m.active.length;
  const parallelism = spec.parallelism ?? 1;
  if (spec.suspend) {
    const r = deleteJobPods(ctx, job, rankForRemoval(m.active));
    return { active: active - r.removed, ...r };
  }
  let wantActive: number;
  if (spec.completions == null) wantActive = m.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(spec.completions - m.succeeded, parallelism));

  if (active > wantActive) {
    const victims = rankForRemoval(m.active).slice(0, Math.min(active - wantActive, MaxPodCreateDeletePerSync));
    const r = deleteJobPods(ctx, job, victims);
    return { active: active - r.removed, ...r };
  }
  if (active < wantActive) {
    const wait = remainingBackoff(m.backoff, ctx.clock.now());
    if (wait > 0) {
      m.requeueIn(wait);
      return { active, removed: 0, removedReady: 0 };
    }
    let diff = Math.min(wantActive - active, MaxPodCreateDeletePerSync);
    if (spec.podReplacementPolicy === 'Failed') diff = Math.max(0, diff - m.terminating);
    let indexes: Array<number | undefined> = Array.from({ length: diff }, () => undefined);
    if (spec.completionMode === 'Indexed') {
      const activeIdx = new Set(m.active.map(completionIndex).filter((i) => i >= 0));
      indexes = firstPendingIndexes(m.succeededIndexes ?? new Set(), activeIdx, diff, spec.completions ?? 0);
    }
    // slowStartBatch: batches of 1, 2, 4...; a failed batch stops the sync.
    let i = 0;
    for (let batch = Math.min(indexes.length, 1); batch > 0 && i < indexes.length; batch = Math.min(batch * 2, indexes.length - i)) {
      let failed = false;
      for (let k = 0; k < batch && i < indexes.length; k++, i++) {
        try {
          createJobPod(ctx, job, indexes[i]);
          active++;
        } catch {
          failed = true;
        }
      }
      if (failed) break;
    }
  }
  return { active, removed: 0, removedReady: 0 };
}
