import type { FieldError, KubeObject, ValidationContext } from '../types.ts';
import { goValue } from '../errors.ts';
import { invalid, nonNegative, notSupported, required } from '../validation/field.ts';
import { defaultPodTemplate } from '../defaults/podspec.ts';
import { canonicalizePodSpec } from '../validation/resources.ts';
import { loadLocationError, parseStandard } from '../../controllers/cronjob/schedule.ts';
import { defineKind } from './define.ts';
import { validateJobSpecCommon, type JobSpecLike } from './job.ts';

export interface CronJobSpecLike {
  schedule?: string;
  timeZone?: string | null;
  startingDeadlineSeconds?: number | null;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown }; spec?: JobSpecLike };
  [k: string]: unknown;
}

/** CronJob names leave room for the 11-character `-<minutes>` suffix of their Jobs (63 - 11). */
const maxCronJobNameLength = 52;
const validTimeZoneCharacters = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateScheduleFormat. */
function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | null | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const r = parseStandard(schedule);
  if ('error' in r) errs.push(invalid('spec.schedule', schedule, r.error));
  if (allowTZ && schedule.includes('TZ') && timeZone != null) {
    errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateTimeZone. */
function validateTimeZone(tz: string | null | undefined): FieldError[] {
  if (tz == null) return [];
  if (tz === '') return [invalid('spec.timeZone', tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneCharacters.test(part)) {
      return [invalid('spec.timeZone', tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') errs.push(invalid('spec.timeZone', tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const err = tz.toLowerCase() === 'local' ? undefined : loadLocationError(tz);
  if (err) errs.push(invalid('spec.timeZone', tz, err));
  return errs;
}

/** validateCronJobSpec (create and update). */
function validateCronJob(obj: KubeObject, ctx: ValidationContext): FieldError[] {
  if (ctx.subresource === 'status') return [];
  const spec = (obj.spec ?? {}) as CronJobSpecLike;
  const old = ctx.old?.spec as CronJobSpecLike | undefined;
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else errs.push(...validateSchedule(spec.schedule, !!old?.schedule?.includes('TZ'), spec.timeZone));
  if (spec.startingDeadlineSeconds != null) errs.push(...nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds));
  if (!old || old.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
  const cp = spec.concurrencyPolicy ?? '';
  if (cp === '') errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jt = spec.jobTemplate?.spec ?? {};
  errs.push(...validateJobSpecCommon(jt, 'spec.jobTemplate.spec'));
  if (jt.selector) {
    errs.push({ type: 'Invalid', field: 'spec.jobTemplate.spec.selector', value: `v1.LabelSelector{MatchLabels:${jt.selector.matchLabels ? goValue(jt.selector.matchLabels) : 'map[string]string(nil)'}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`, rawValue: true, detail: '`selector` will be auto-generated' });
  }
  if (jt.manualSelector) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errs.push(...nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit));
  errs.push(...nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit));
  if (!ctx.old && (obj.metadata.name ?? '').length > maxCronJobNameLength) {
    errs.push(invalid('metadata.name', obj.metadata.name, `must be no more than ${maxCronJobNameLength} characters`));
  }
  return errs;
}

/** CronJob (batch/v1). */
export const cronJob = defineKind({
  kind: 'CronJob',
  group: 'batch',
  version: 'v1',
  plural: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  decode(obj) {
    const t = (obj.spec as CronJobSpecLike | undefined)?.jobTemplate?.spec?.template;
    if (t && typeof t === 'object') canonicalizePodSpec(obj, t.spec as never);
  },
  defaults(obj) {
    // SetDefaults_CronJob. The job template's JobSpec gets no Job defaults; its pod template does.
    const spec = (obj.spec ??= {}) as CronJobSpecLike;
    if (typeof spec !== 'object') return;
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const t = spec.jobTemplate?.spec?.template;
    if (t && typeof t === 'object') defaultPodTemplate(t as Record<string, unknown>);
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate: validateCronJob,
});
