/** Schedule arithmetic of the CronJob controller (pkg/controller/cronjob/utils.go), in Unix ms. */
import type { Schedule } from './schedule.ts';

export type MissedSchedules = 'none' | 'few' | 'many';

export interface CronTimesInput {
  creationMs: number;
  lastScheduleMs?: number;
  startingDeadlineSeconds?: number | null;
}

/**
 * mostRecentScheduleTime: the earliest time considered, the most recent unmet schedule time at or before
 * `now` (undefined when none), and how many were missed. Throws for schedules that fire twice within a
 * second (upstream: "time difference between two schedules is less than 1 second").
 */
export function mostRecentScheduleTime(
  cj: CronTimesInput,
  now: number,
  sched: Schedule,
  includeStartingDeadline: boolean,
): { earliest: number; mostRecent?: number; missed: MissedSchedules } {
  let earliest = cj.lastScheduleMs ?? cj.creationMs;
  if (includeStartingDeadline && cj.startingDeadlineSeconds != null) {
    const deadline = now - cj.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = sched.next(earliest);
  const t2 = sched.next(t1);
  if (now < t1) return { earliest, missed: 'none' };
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const elapsed = Math.floor((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = sched.next(potentialEarliest); t <= now; t = sched.next(t)) mostRecent = t;
  const missed: MissedSchedules = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until the next schedule after the most recent one, plus 100 ms. */
export function nextScheduleDelay(cj: CronTimesInput, now: number, sched: Schedule): number {
  let base: number;
  try {
    const r = mostRecentScheduleTime(cj, now, sched, false);
    base = r.mostRecent ?? r.earliest;
  } catch {
    base = now;
  }
  return sched.next(base) + 100 - now;
}
