import type { LabRecord } from '../persistence/journal.ts';

/**
 * Timeline scrubbing, the pure part. A lab is its origin plus the inputs it received, each stamped with its
 * virtual time (persistence/journal.ts), and the engine is deterministic: the lab as it was at virtual time `t`
 * is a fresh cluster of the same origin given the inputs up to `t`, then advanced to `t`. That is also what
 * "Resume from here" keeps: the record cut at `t`.
 */

/** The record as it stood at virtual time `t` (inputs after `t` dropped; `t` clamped to the record's span). */
export function recordAt(record: LabRecord, t: number): LabRecord {
  const at = Math.max(0, Math.min(Math.floor(t), record.end));
  return { ...record, entries: record.entries.filter((e) => e.at <= at), end: at };
}

/** `12:03:10`: the cluster's wall-clock reading (UTC, as its timestamps are) at virtual ms `t`. */
export function clockLabel(startUnixMs: number, t: number): string {
  const d = new Date(startUnixMs + t);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Scrubber steps: one per virtual second, so a drag lands on whole seconds. */
export const STEP_MS = 1000;

/** Where the scrubber's thumb lands for a raw slider value (whole seconds, never past `end`). */
export function snap(value: number, end: number): number {
  return Math.max(0, Math.min(end, Math.round(value / STEP_MS) * STEP_MS));
}

/**
 * The instant a past view is read at, as Unix ms (undefined while live). The events' AGE counts from it, and events
 * after it are left out, as `kubectl get events` run at that instant would print — also when the rebuilt lab's own
 * clock is later, because an input that waited (`sleep 30`, `kubectl wait`) spanned the instant and replays whole.
 */
export function viewedUnixMs(startUnixMs: number, at: number | undefined): number | undefined {
  return at === undefined ? undefined : startUnixMs + at;
}
