/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image pulls: per key, a
 * delay that starts at 10 s and doubles up to 300 s; an entry idle for more than twice the maximum resets.
 */
export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  /** Created on the first failure: most containers never back off. */
  private entries?: Map<string, Entry>;

  constructor(
    readonly initialMs = INITIAL_BACKOFF_MS,
    readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > this.maxMs * 2;
  }

  /** Record a failure at `eventTime`: start at the initial delay, or double the current one. */
  next(key: string, eventTime: number): void {
    const entries = (this.entries ??= new Map());
    const e = entries.get(key);
    if (!e || this.expired(eventTime, e)) entries.set(key, { backoff: this.initialMs, lastUpdate: eventTime });
    else entries.set(key, { backoff: Math.min(e.backoff * 2, this.maxMs), lastUpdate: eventTime });
  }

  /** The current delay for `key` (0 when none). */
  get(key: string): number {
    return this.entries?.get(key)?.backoff ?? 0;
  }

  /** Container restarts: still backing off, measured from the container's finish time `eventTime`. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries?.get(key);
    if (!e || this.expired(eventTime, e)) return false;
    return now - eventTime < e.backoff;
  }

  /** Image pulls: still backing off, measured from the last recorded failure. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries?.get(key);
    if (!e || this.expired(now, e)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the back-off for `key` ends (last update + delay). */
  until(key: string): number | undefined {
    const e = this.entries?.get(key);
    return e ? e.lastUpdate + e.backoff : undefined;
  }

  reset(key: string): void {
    this.entries?.delete(key);
  }
}

/** Go's time.Duration text for whole seconds: 10s, 1m20s, 5m0s (what back-off messages print). */
export function goSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
