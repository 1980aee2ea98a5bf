/**
 * syncJob (pkg/controller/job/job_controller.go), on the simulation's synchronous API: count finished pods
 * as their tracking finalizers come off, decide whether the Job has failed (backoff limit, active deadline)
 * or succeeded, manage active pods, and write status. Pod counts move from the finalizer straight into
 * `succeeded`/`failed` in one step, so `uncountedTerminatedPods` is always empty between syncs.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { JobTrackingFinalizer, type JobSpecLike } from '../../api/kinds/job.ts';
import { clone } from '../../store/store.ts';
import { deepEqual } from '../../util/equal.ts';
import { deletePod, isPodActive, isPodReady } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';
import { nextBackoffRecord, type BackoffRecord } from './backoff.ts';
import {
  ensureCondition,
  findCondition,
  isJobFinished,
  MessageBackoffLimitExceeded,
  MessageCompletionsReached,
  MessageDeadlineExceeded,
  newCondition,
  ReasonBackoffLimitExceeded,
  ReasonCompletionsReached,
  ReasonDeadlineExceeded,
  statusOf,
  type JobCondition,
  type JobStatusLike,
} from './conditions.ts';
import { formatIndexes, parseIndexes } from './indexes.ts';
import { manageJob } from './manage.ts';
import { completionIndex, component, finishedTime, hasTrackingFinalizer, isPodFailed, isPodTerminating, phaseOf, restartCount } from './pods.ts';

export interface SyncState {
  backoff: Map<string, BackoffRecord>;
}

function removeFinalizer(ctx: ControllerContext, p: KubeObject): boolean {
  try {
    ctx.api.modify('pods', p.metadata.namespace, p.metadata.name!, (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JobTrackingFinalizer);
      if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
    });
    return true;
  } catch (e) {
    return (e as { reason?: string }).reason === 'NotFound';
  }
}

/** Strip tracking finalizers without counting (pods of finished or deleted Jobs). */
export function releasePods(ctx: ControllerContext, pods: Iterable<KubeObject>): void {
  for (const p of [...pods]) if (hasTrackingFinalizer(p)) removeFinalizer(ctx, p);
}

/** JobStatus in Go field order; zero counters omitted, `ready`/`terminating` (pointers) always present. */
function buildStatus(s: JobStatusLike): JobStatusLike {
  const out: JobStatusLike = {};
  if (s.conditions && s.conditions.length > 0) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  out.terminating = s.terminating ?? 0;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  out.uncountedTerminatedPods = {};
  out.ready = s.ready ?? 0;
  return out;
}

/** Reconcile one Job; returns a requeue delay (ms) when something is due later (back-off, deadline). */
export function syncJob(ctx: ControllerContext, job: KubeObject, ownedPods: Iterable<KubeObject>, st: SyncState): number | undefined {
  const uid = job.metadata.uid!;
  const pods = [...ownedPods];
  if (isJobFinished(job)) {
    st.backoff.delete(uid);
    releasePods(ctx, pods);
    return undefined;
  }
  const spec = (job.spec ?? {}) as JobSpecLike;
  const nowMs = ctx.clock.now();
  const now = ctx.clock.timestamp();
  const old = statusOf(job);
  const status = clone(old) as JobStatusLike;
  const conds: JobCondition[] = (status.conditions ??= []);
  let requeue: number | undefined;
  const requeueIn = (ms: number) => (requeue = requeue === undefined ? ms : Math.min(requeue, ms));

  const suspended = !!spec.suspend;
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? 0;
  const activePods = pods.filter((p) => isPodActive(p as unknown as Pod));
  let terminating = pods.filter(isPodTerminating).length;
  let ready = activePods.filter((p) => isPodReady(p as unknown as Pod)).length;
  const newSucceeded = pods.filter((p) => hasTrackingFinalizer(p) && phaseOf(p) === 'Succeeded');
  const newFailed = pods.filter((p) => hasTrackingFinalizer(p) && phaseOf(p) !== 'Succeeded' && isPodFailed(p, spec));
  let succeededIndexes: Set<number> | undefined;
  let succeeded: number;
  if (indexed) {
    succeededIndexes = parseIndexes(old.completedIndexes, completions);
    for (const p of newSucceeded) {
      const ix = completionIndex(p);
      if (ix >= 0 && ix < completions) succeededIndexes.add(ix);
    }
    succeeded = succeededIndexes.size;
  } else {
    succeeded = (old.succeeded ?? 0) + newSucceeded.length;
  }
  let failed = (old.failed ?? 0) + newFailed.length;
  if (!status.startTime && !suspended) status.startTime = now;
  const backoff = nextBackoffRecord(
    st.backoff.get(uid),
    newSucceeded.map((p) => finishedTime(p, ctx)),
    newFailed.map((p) => finishedTime(p, ctx)),
  );

  // What finishes the Job, if anything: an earlier interim condition, the backoff limit, the deadline.
  let finished: JobCondition | undefined;
  const scm = findCondition(conds, 'SuccessCriteriaMet');
  const target = findCondition(conds, 'FailureTarget');
  if (scm?.status === 'True') finished = scm;
  else if (target?.status === 'True') finished = target;
  else {
    const backoffLimit = spec.backoffLimit ?? 6;
    const restarts = spec.template?.spec?.restartPolicy === 'OnFailure' ? pods.reduce((n, p) => n + restartCount(p), 0) : 0;
    const pastOnFailure = spec.template?.spec?.restartPolicy === 'OnFailure' && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit);
    const deadline = spec.activeDeadlineSeconds;
    const started = status.startTime ? ctx.clock.parse(status.startTime) : undefined;
    if (failed > backoffLimit || pastOnFailure) {
      finished = newCondition('FailureTarget', 'True', ReasonBackoffLimitExceeded, MessageBackoffLimitExceeded, now);
    } else if (deadline != null && started !== undefined && !suspended && nowMs - started >= deadline * 1000) {
      finished = newCondition('FailureTarget', 'True', ReasonDeadlineExceeded, MessageDeadlineExceeded, now);
    } else if (deadline != null && started !== undefined && !suspended) {
      requeueIn(deadline * 1000 - (nowMs - started));
    }
  }

  let active = activePods.length;
  if (finished) {
    // deleteActivePods: the pods keep their finalizers; they are counted below as failed.
    for (const p of activePods) {
      try {
        deletePod(ctx, p.metadata.namespace!, p.metadata.name!, job, component);
        active--;
        terminating++;
        if (isPodReady(p as unknown as Pod)) ready--;
      } catch {
        // Retried on the next sync.
      }
    }
  } else {
    let manageCalled = false;
    if (!job.metadata.deletionTimestamp) {
      const r = manageJob(ctx, { job, spec, active: activePods, succeeded, succeededIndexes, terminating, backoff, requeueIn });
      active = r.active;
      terminating += r.removed;
      ready -= r.removedReady;
      manageCalled = true;
    }
    const complete = spec.completions == null ? succeeded > 0 && active === 0 : succeeded >= spec.completions && active === 0;
    if (complete) {
      finished = newCondition('SuccessCriteriaMet', 'True', ReasonCompletionsReached, MessageCompletionsReached, now);
    } else if (manageCalled) {
      if (suspended) {
        if (ensureCondition(conds, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) ctx.events.normal(job, 'Suspended', 'Job suspended', { component });
      } else if (ensureCondition(conds, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
        ctx.events.normal(job, 'Resumed', 'Job resumed', { component });
        // A resumed Job's active deadline counts from the resume.
        status.startTime = now;
      }
    }
  }

  // trackJobStatusAndRemoveFinalizers: count finished pods as their finalizers come off.
  const failing = finished !== undefined && finished.type !== 'SuccessCriteriaMet';
  const counted = new Set([...newSucceeded, ...newFailed]);
  for (const p of pods) {
    if (!hasTrackingFinalizer(p)) continue;
    const considerFailed = isPodFailed(p, spec);
    if (!(job.metadata.deletionTimestamp || finished || phaseOf(p) === 'Succeeded' || considerFailed)) continue;
    if (!removeFinalizer(ctx, p)) continue;
    if (!counted.has(p) && phaseOf(p) !== 'Succeeded' && (considerFailed || failing)) failed++;
  }

  let final: JobCondition | undefined;
  if (finished?.type === 'FailureTarget' || finished?.type === 'Failed') {
    if (!findCondition(conds, 'FailureTarget')) conds.push(finished);
    final = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
  } else if (finished?.type === 'SuccessCriteriaMet') {
    if (!findCondition(conds, 'SuccessCriteriaMet')) conds.push(finished);
    final = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
  }
  const jobFinished = final !== undefined && terminating === 0;
  if (jobFinished && final) {
    ensureCondition(conds, final.type, final.status, final.reason ?? '', final.message ?? '', now);
    if (final.type === 'Complete') status.completionTime = now;
  }

  status.active = active;
  status.ready = ready;
  status.terminating = terminating;
  status.succeeded = succeeded;
  status.failed = failed;
  if (indexed) status.completedIndexes = formatIndexes(succeededIndexes ?? []);
  const next = buildStatus(status);
  if (!deepEqual(next, old)) {
    try {
      ctx.api.updateStatus({ ...job, status: next });
    } catch {
      return 1000;
    }
  }
  if (jobFinished && final) {
    st.backoff.delete(uid);
    if (final.type === 'Complete') {
      if (spec.completions != null && succeeded > spec.completions) {
        ctx.events.warning(job, 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', { component });
      }
      ctx.events.normal(job, 'Completed', 'Job completed', { component });
    } else {
      ctx.events.warning(job, final.reason ?? '', final.message ?? '', { component });
    }
    return undefined;
  }
  st.backoff.set(uid, backoff);
  return requeue;
}
