/**
 * The pod-failure back-off of the Job controller (pkg/controller/job/backoff_utils.go): after N failures
 * since the last success, new pods wait 10 s × 2^(N-1), capped at 6 min, from the last failure.
 */
export const DefaultJobPodFailureBackOffMs = 10_000;
export const MaxJobPodFailureBackOffMs = 360_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Virtual ms of the latest counted failure. */
  lastFailureTime?: number;
}

/** newBackoffRecord: fold newly finished pods (with their finish times) into the record. */
export function nextBackoffRecord(prev: BackoffRecord | undefined, succeededTimes: number[], failedTimes: number[]): BackoffRecord {
  const rec: BackoffRecord = prev ? { ...prev } : { failuresAfterLastSuccess: 0 };
  const s = [...succeededTimes].sort((a, b) => a - b);
  const f = [...failedTimes].sort((a, b) => a - b);
  if (s.length === 0) {
    if (f.length === 0) return rec;
    rec.failuresAfterLastSuccess += f.length;
    rec.lastFailureTime = f[f.length - 1];
    return rec;
  }
  rec.failuresAfterLastSuccess = 0;
  rec.lastFailureTime = undefined;
  const lastSuccess = s[s.length - 1];
  for (let i = f.length - 1; i >= 0; i--) {
    if (f[i] <= lastSuccess) break;
    rec.lastFailureTime ??= f[i];
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/** getRemainingTime: how long new pods must still wait, 0 when they may be created now. */
export function remainingBackoff(rec: BackoffRecord | undefined, now: number): number {
  if (!rec || rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
  let d = DefaultJobPodFailureBackOffMs;
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    d *= 2;
    if (d >= MaxJobPodFailureBackOffMs) {
      d = MaxJobPodFailureBackOffMs;
      break;
    }
  }
  const elapsed = now - rec.lastFailureTime;
  return d < elapsed ? 0 : d - elapsed;
}
