/** Job conditions (batch/v1 JobCondition) and the finished-state helpers shared with CronJobs and kubectl. */
import type { KubeObject } from '../../api/types.ts';

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface JobStatusLike {
  active?: number;
  ready?: number;
  terminating?: number;
  succeeded?: number;
  failed?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  conditions?: JobCondition[];
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  [k: string]: unknown;
}

export const ReasonBackoffLimitExceeded = 'BackoffLimitExceeded';
export const ReasonDeadlineExceeded = 'DeadlineExceeded';
export const ReasonCompletionsReached = 'CompletionsReached';
export const MessageBackoffLimitExceeded = 'Job has reached the specified backoff limit';
export const MessageDeadlineExceeded = 'Job was active longer than specified deadline';
export const MessageCompletionsReached = 'Reached expected number of succeeded pods';

export function statusOf(job: KubeObject): JobStatusLike {
  return (job.status ?? {}) as JobStatusLike;
}

export function findCondition(conds: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return (conds ?? []).find((c) => c.type === type);
}

export function isConditionTrue(conds: readonly JobCondition[] | undefined, type: string): boolean {
  return findCondition(conds, type)?.status === 'True';
}

/** IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: KubeObject): boolean {
  const c = statusOf(job).conditions;
  return isConditionTrue(c, 'Complete') || isConditionTrue(c, 'Failed');
}

/** FinishedCondition: the type of the True terminal condition ('' when unfinished). */
export function finishedConditionType(job: KubeObject): '' | 'Complete' | 'Failed' {
  const c = statusOf(job).conditions;
  if (isConditionTrue(c, 'Complete')) return 'Complete';
  if (isConditionTrue(c, 'Failed')) return 'Failed';
  return '';
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/**
 * ensureJobConditionStatus: set the condition to `status` (appending only for True), keeping the transition
 * time when the status does not change. Returns whether the list changed.
 */
export function ensureCondition(conds: JobCondition[], type: string, status: string, reason: string, message: string, now: string): boolean {
  const c = conds.find((x) => x.type === type);
  if (c) {
    if (c.status !== status || c.reason !== reason || c.message !== message) {
      if (c.status !== status) c.lastTransitionTime = now;
      c.status = status;
      c.lastProbeTime = now;
      c.reason = reason;
      c.message = message;
      return true;
    }
    return false;
  }
  if (status !== 'True') return false;
  conds.push(newCondition(type, status, reason, message, now));
  return true;
}
