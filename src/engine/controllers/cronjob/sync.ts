/**
 * syncCronJob and cleanupFinishedJobs (pkg/controller/cronjob/cronjob_controllerv2.go): track the Jobs a
 * CronJob owns, start the Job for the most recent unmet schedule time (respecting suspend,
 * startingDeadlineSeconds and concurrencyPolicy), and trim finished Jobs to the history limits.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../../api/types.ts';
import type { CronJobSpecLike } from '../../api/kinds/cronjob.ts';
import { clone } from '../../store/store.ts';
import { newControllerRef } from '../podcontrol/pods.ts';
import type { ControllerContext } from '../types.ts';
import { finishedConditionType, isJobFinished, statusOf } from '../job/conditions.ts';
import { parseStandard } from './schedule.ts';
import { mostRecentScheduleTime, nextScheduleDelay, type CronTimesInput } from './times.ts';

export const component = 'cronjob-controller';
export const ScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface CronJobStatusLike {
  active?: Array<Mut<ObjectReference>>;
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC. */
function rfc1123z(unixMs: number): string {
  const d = new Date(unixMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** time.RFC3339 of a Unix ms instant in `tz` (UTC prints `Z`, other zones their offset). */
export function rfc3339In(unixMs: number, tz: string | undefined): string {
  const p = (n: number) => String(n).padStart(2, '0');
  if (!tz || tz === 'UTC') return new Date(unixMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(unixMs))
      .map((x) => [x.type, x.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offMin = Math.round((local - Math.floor(unixMs / 1000) * 1000) / 60000);
  const off = offMin === 0 ? 'Z' : `${offMin < 0 ? '-' : '+'}${p(Math.floor(Math.abs(offMin) / 60))}:${p(Math.abs(offMin) % 60)}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${off}`;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobNameFor(cronJobName: string, scheduledUnixMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledUnixMs / 60000)}`;
}

/** getJobFromTemplate2. */
export function jobFromTemplate(cj: KubeObject, scheduledUnixMs: number): KubeObject {
  const spec = cj.spec as CronJobSpecLike;
  const jt = spec.jobTemplate ?? {};
  const annotations: Record<string, string> = { ...(jt.metadata?.annotations ?? {}) };
  annotations[ScheduledTimestampAnnotation] = rfc3339In(scheduledUnixMs, spec.timeZone ?? undefined);
  const metadata: KubeObject['metadata'] = {
    name: jobNameFor(cj.metadata.name!, scheduledUnixMs),
    namespace: cj.metadata.namespace,
    annotations,
    ownerReferences: [newControllerRef(cj)],
  };
  if (jt.metadata?.labels) metadata.labels = { ...jt.metadata.labels };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: clone(jt.spec ?? {}) };
}

function jobRef(job: KubeObject): Mut<ObjectReference> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name,
    namespace: job.metadata.namespace,
    resourceVersion: job.metadata.resourceVersion,
    uid: job.metadata.uid,
  };
}

function deleteJob(ctx: ControllerContext, cj: KubeObject, status: CronJobStatusLike, job: KubeObject): boolean {
  try {
    ctx.api.delete('jobs', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
  } catch (e) {
    ctx.events.warning(cj, 'FailedDelete', `Deleted job: ${e instanceof Error ? e.message : String(e)}`, { component });
    return false;
  }
  status.active = (status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
  ctx.events.normal(cj, 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, { component });
  return true;
}

/** byJobStartTime: started before unstarted, then by start time, then name. */
function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = statusOf(a).startTime;
  const sb = statusOf(b).startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return Date.parse(sa!) - Date.parse(sb!);
}

/** cleanupFinishedJobs / removeOldestJobs. */
export function cleanupFinishedJobs(ctx: ControllerContext, cj: KubeObject, status: CronJobStatusLike, jobs: KubeObject[]): boolean {
  const spec = cj.spec as CronJobSpecLike;
  let changed = false;
  const trim = (list: KubeObject[], limit: number | undefined) => {
    if (limit == null || list.length <= limit) return;
    const sorted = [...list].sort(byStartTime);
    for (const j of sorted.slice(0, list.length - limit)) if (deleteJob(ctx, cj, status, j)) changed = true;
  };
  trim(jobs.filter((j) => finishedConditionType(j) === 'Complete'), spec.successfulJobsHistoryLimit);
  trim(jobs.filter((j) => finishedConditionType(j) === 'Failed'), spec.failedJobsHistoryLimit);
  return changed;
}

/** syncCronJob: returns the delay (ms) until the next sync, or undefined. `status` is updated in place. */
export function syncCronJob(ctx: ControllerContext, cj: KubeObject, status: CronJobStatusLike, jobs: KubeObject[]): number | undefined {
  const spec = cj.spec as CronJobSpecLike;
  const now = ctx.clock.nowUnixMs();
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  const inActive = (uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);
  for (const j of jobs) {
    const found = inActive(j.metadata.uid);
    if (!found && !isJobFinished(j)) {
      ctx.events.warning(cj, 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`, { component });
    } else if (found && isJobFinished(j)) {
      status.active = (status.active ?? []).filter((r) => r.uid !== j.metadata.uid);
      ctx.events.normal(cj, 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finishedConditionType(j)}`, { component });
    }
    if (finishedConditionType(j) === 'Complete') {
      const done = statusOf(j).completionTime;
      if (done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) status.lastSuccessfulTime = done;
    }
  }
  for (const ref of [...(status.active ?? [])]) {
    if (uids.has(ref.uid)) continue;
    if (ctx.store.get('jobs', ref.namespace, ref.name ?? '')) continue;
    ctx.events.normal(cj, 'MissingJob', `Active job went missing: ${ref.name}`, { component });
    status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
  }
  if (cj.metadata.deletionTimestamp || spec.suspend) return undefined;

  let schedule = spec.schedule ?? '';
  if (spec.timeZone != null) {
    if (schedule.includes('TZ')) {
      ctx.events.warning(cj, 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`, { component });
    } else schedule = `TZ=${spec.timeZone} ${schedule}`;
  }
  const parsed = parseStandard(schedule);
  if ('error' in parsed) {
    ctx.events.warning(cj, 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${parsed.error}`, { component });
    return undefined;
  }
  const sched = parsed.schedule;
  const times: CronTimesInput = {
    creationMs: Date.parse(cj.metadata.creationTimestamp ?? ''),
    lastScheduleMs: status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined,
    startingDeadlineSeconds: spec.startingDeadlineSeconds,
  };
  let scheduled: number | undefined;
  try {
    const r = mostRecentScheduleTime(times, now, sched, true);
    scheduled = r.mostRecent;
    if (scheduled !== undefined && r.missed === 'many') {
      ctx.events.warning(cj, 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', { component });
    }
  } catch (e) {
    ctx.events.warning(cj, 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${(e as Error).message}`, { component });
    return undefined;
  }
  const next = () => nextScheduleDelay(times, now, sched);
  if (scheduled === undefined) return next();
  if (spec.startingDeadlineSeconds != null && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
    ctx.events.warning(cj, 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`, { component });
    return next();
  }
  const name = jobNameFor(cj.metadata.name!, scheduled);
  if ((status.active ?? []).some((r) => r.name === name) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled)) return next();
  if (spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
    ctx.events.normal(cj, 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', { component });
    return next();
  }
  if (spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...(status.active ?? [])]) {
      const j = ctx.store.get('jobs', ref.namespace, ref.name ?? '');
      if (j && !deleteJob(ctx, cj, status, j)) return undefined;
    }
  }
  let created: KubeObject;
  try {
    created = ctx.api.create(jobFromTemplate(cj, scheduled));
    ctx.events.normal(cj, 'SuccessfulCreate', `Created job ${created.metadata.name}`, { component });
  } catch (e) {
    const reason = (e as { reason?: string }).reason;
    if (reason === 'Forbidden') return undefined;
    if (reason !== 'AlreadyExists') {
      ctx.events.warning(cj, 'FailedCreate', `Error creating job: ${(e as Error).message}`, { component });
      return undefined;
    }
    const existing = ctx.store.get('jobs', cj.metadata.namespace, name);
    const ref = existing?.metadata.ownerReferences?.find((r) => r.controller);
    if (!existing || ref?.uid !== cj.metadata.uid || inActive(existing.metadata.uid)) return undefined;
    created = existing;
  }
  status.active = [...(status.active ?? []), jobRef(created)];
  status.lastScheduleTime = new Date(scheduled).toISOString().replace(/\.\d{3}Z$/, 'Z');
  times.lastScheduleMs = scheduled;
  return next();
}
