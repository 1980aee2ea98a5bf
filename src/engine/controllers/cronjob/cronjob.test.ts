import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { parseStandard, type Schedule } from './schedule.ts';
import { jobNameFor, rfc3339In } from './sync.ts';
import { mostRecentScheduleTime, nextScheduleDelay } from './times.ts';

const T = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

function sched(spec: string): Schedule {
  const r = parseStandard(spec);
  if ('error' in r) throw new Error(r.error);
  return r.schedule;
}

describe('parseStandard (robfig/cron/v3 ParseStandard)', () => {
  const errors: Array<{ name: string; spec: string; want: string }> = [
    { name: 'one field', spec: 'bad', want: 'expected exactly 5 fields, found 1: [bad]' },
    { name: 'six fields', spec: '0 * * * * *', want: 'expected exactly 5 fields, found 6: [0 * * * * *]' },
    { name: 'empty', spec: '', want: 'empty spec string' },
    { name: 'minute above 59', spec: '60 * * * *', want: 'end of range (60) above maximum (59): 60' },
    { name: 'day of week 7', spec: '* * * * 7', want: 'end of range (7) above maximum (6): 7' },
    { name: 'day of month 0', spec: '* * 0 * *', want: 'beginning of range (0) below minimum (1): 0' },
    { name: 'reversed range', spec: '5-1 * * * *', want: 'beginning of range (5) beyond end of range (1): 5-1' },
    { name: 'zero step', spec: '*/0 * * * *', want: 'step of range should be a positive number: */0' },
    { name: 'not a number', spec: 'x * * * *', want: 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax' },
    { name: 'too many hyphens', spec: '1-2-3 * * * *', want: 'too many hyphens: 1-2-3' },
    { name: 'too many slashes', spec: '*/2/3 * * * *', want: 'too many slashes: */2/3' },
    { name: 'unknown descriptor', spec: '@fortnightly', want: 'unrecognized descriptor: @fortnightly' },
    { name: 'bad @every', spec: '@every often', want: 'failed to parse duration @every often: time: invalid duration "often"' },
    { name: 'bad location', spec: 'TZ=Mars/Olympus 0 * * * *', want: 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus' },
  ];
  for (const c of errors) {
    it(`rejects: ${c.name}`, () => {
      expect(parseStandard(c.spec)).toEqual({ error: c.want });
    });
  }

  const nexts: Array<{ name: string; spec: string; from: string; want: string[] }> = [
    { name: 'every minute', spec: '* * * * *', from: '2025-01-01T00:00:00Z', want: ['2025-01-01T00:01:00Z', '2025-01-01T00:02:00Z'] },
    { name: 'every 5 minutes from mid-interval', spec: '*/5 * * * *', from: '2025-01-01T00:03:30Z', want: ['2025-01-01T00:05:00Z', '2025-01-01T00:10:00Z'] },
    { name: '@hourly', spec: '@hourly', from: '2025-01-01T00:00:00Z', want: ['2025-01-01T01:00:00Z', '2025-01-01T02:00:00Z'] },
    { name: '@weekly is Sunday midnight', spec: '@weekly', from: '2025-01-01T00:00:00Z', want: ['2025-01-05T00:00:00Z', '2025-01-12T00:00:00Z'] },
    { name: 'names', spec: '0 9 * jan mon-fri', from: '2025-01-03T10:00:00Z', want: ['2025-01-06T09:00:00Z', '2025-01-07T09:00:00Z'] },
    // Both day fields restricted (no `*`): either matches (OR), as robfig's dayMatches.
    { name: 'day of month OR day of week', spec: '0 0 */2 * 1', from: '2025-01-01T00:00:00Z', want: ['2025-01-03T00:00:00Z', '2025-01-05T00:00:00Z', '2025-01-06T00:00:00Z'] },
    { name: '@every 90s', spec: '@every 90s', from: '2025-01-01T00:00:00Z', want: ['2025-01-01T00:01:30Z', '2025-01-01T00:03:00Z'] },
    { name: 'TZ prefix', spec: 'TZ=Europe/Paris 0 9 * * *', from: '2025-01-01T00:00:00Z', want: ['2025-01-01T08:00:00Z', '2025-01-02T08:00:00Z'] },
  ];
  for (const c of nexts) {
    it(`next: ${c.name}`, () => {
      const s = sched(c.spec);
      let t = T(c.from);
      const got: string[] = [];
      for (let i = 0; i < c.want.length; i++) got.push(iso((t = s.next(t)))!);
      expect(got).toEqual(c.want);
    });
  }
});

describe('mostRecentScheduleTime (utils_test.go TestMostRecentScheduleTime)', () => {
  const cases: Array<{ name: string; spec: string; creation: string; last?: string; deadline?: number; now: string; want?: string; missed: string; err?: string }> = [
    { name: 'now before next schedule', spec: '0 * * * *', creation: '2016-05-19T10:00:00Z', now: '2016-05-19T10:30:00Z', missed: 'none' },
    { name: 'now just after next schedule', spec: '0 * * * *', creation: '2016-05-19T10:00:00Z', now: '2016-05-19T11:00:00Z', want: '2016-05-19T11:00:00Z', missed: 'none' },
    { name: 'missed 5 schedules', spec: '0 * * * *', creation: '2016-05-19T09:00:00Z', last: '2016-05-19T10:00:00Z', now: '2016-05-19T15:05:00Z', want: '2016-05-19T15:00:00Z', missed: 'few' },
    { name: 'complex schedule', spec: '30 6-16/4 * * 1-5', creation: '2016-05-19T09:00:00Z', last: '2016-05-19T10:30:00Z', now: '2016-05-19T22:30:00Z', want: '2016-05-19T14:30:00Z', missed: 'none' },
    { name: 'too many missed', spec: '* * * * *', creation: '2016-05-19T09:00:00Z', now: '2016-05-20T09:00:00Z', want: '2016-05-20T09:00:00Z', missed: 'many' },
    { name: 'startingDeadlineSeconds narrows the window', spec: '* * * * *', creation: '2016-05-19T09:00:00Z', deadline: 200, now: '2016-05-20T09:00:00Z', want: '2016-05-20T09:00:00Z', missed: 'few' },
    { name: 'rogue cronjob (February 31st)', spec: '59 23 31 2 *', creation: '2016-05-19T09:00:00Z', now: '2016-05-19T10:00:00Z', missed: 'none', err: 'time difference between two schedules is less than 1 second' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const input = { creationMs: T(c.creation), lastScheduleMs: c.last ? T(c.last) : undefined, startingDeadlineSeconds: c.deadline };
      if (c.err) {
        expect(() => mostRecentScheduleTime(input, T(c.now), sched(c.spec), true)).toThrow(c.err);
        return;
      }
      const r = mostRecentScheduleTime(input, T(c.now), sched(c.spec), true);
      expect(iso(r.mostRecent)).toBe(c.want);
      expect(r.missed).toBe(c.missed);
    });
  }

  it('nextScheduleTimeDuration adds 100ms to the next slot', () => {
    const d = nextScheduleDelay({ creationMs: T('2016-05-19T10:00:00Z'), lastScheduleMs: T('2016-05-19T10:00:00Z') }, T('2016-05-19T10:20:00Z'), sched('0 * * * *'));
    expect(d).toBe(40 * 60_000 + 100);
  });
});

describe('job names and scheduled timestamps', () => {
  it('names jobs by the scheduled minute since the epoch (getJobName)', () => {
    expect(jobNameFor('hello', T('2025-01-01T00:01:00Z'))).toBe('hello-28928161');
  });
  it('formats the scheduled-timestamp annotation in the CronJob time zone', () => {
    expect(rfc3339In(T('2025-01-01T08:00:00Z'), undefined)).toBe('2025-01-01T08:00:00Z');
    expect(rfc3339In(T('2025-01-01T08:00:00Z'), 'Europe/Paris')).toBe('2025-01-01T09:00:00+01:00');
    expect(rfc3339In(T('2025-07-01T08:00:00Z'), 'America/New_York')).toBe('2025-07-01T04:00:00-04:00');
  });
});

describe('CronJob validation', () => {
  const cases: Array<{ name: string; flags: string; want: string }> = [
    { name: 'bad schedule', flags: '--schedule=bad', want: 'spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]' },
    {
      name: 'TZ in schedule',
      flags: '--schedule="TZ=UTC * * * * *"',
      want: 'spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    },
    { name: 'restartPolicy Always', flags: '--schedule="* * * * *" --restart=Always', want: 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = createCluster().run(`kubectl create cronjob c --image=busybox ${c.flags}`);
      expect(r.stderr).toBe(`error: failed to create cronjob: CronJob.batch "c" is invalid: ${c.want}\n`);
      expect(r.exitCode).toBe(1);
    });
  }
});
