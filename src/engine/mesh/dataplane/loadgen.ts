import type { ClusterRuntime } from '../../runtime.ts';
import type { NetworkService } from '../../network/traffic/index.ts';
import { request, type ClientError } from '../../network/traffic/client.ts';
import type { Source } from '../../network/traffic/path.ts';
import { DATAPLANE_SERVICE, type Dataplane } from './dataplane.ts';

export interface LoadSpec {
  url: string;
  /** Requests per second in total; 0: as fast as each connection can go. */
  qps: number;
  durationMs: number;
  connections: number;
  headers: Record<string, string>;
}

export interface LoadResult {
  calls: number;
  /** Seconds per call. */
  times: number[];
  codes: Map<number, number>;
  elapsedMs: number;
}

/**
 * Fortio's load: `connections` goroutines share the target rate (each waits c/qps between its calls) and
 * send their next call when both its slot has come and its previous call has returned. Calls are made in
 * start-time order on the virtual clock, so requests in flight overlap as they would (circuit breakers,
 * queueing); the clock is advanced by the run's duration at the end.
 */
export function runLoad(rt: ClusterRuntime, net: NetworkService, src: Source, spec: LoadSpec): LoadResult {
  const dp = rt.service<Dataplane>(DATAPLANE_SERVICE);
  const c = Math.max(1, spec.connections);
  const interval = spec.qps > 0 ? (1000 * c) / spec.qps : 0;
  const perConn = spec.qps > 0 ? Math.max(1, Math.floor((spec.qps * spec.durationMs) / 1000 / c)) : Infinity;
  const next = Array.from({ length: c }, () => 0);
  const slot = Array.from({ length: c }, () => 0);
  const done = Array.from({ length: c }, () => 0);
  const times: number[] = [];
  const codes = new Map<number, number>();
  let end = 0;
  const cap = 200_000;
  if (dp) dp.loadRun = true;
  try {
    for (;;) {
      let j = -1;
      for (let i = 0; i < c; i++) if (done[i] < perConn && next[i] < spec.durationMs && (j < 0 || next[i] < next[j])) j = i;
      if (j < 0 || times.length >= cap) break;
      const start = next[j];
      if (dp) dp.offsetMs = start;
      const t = request(rt, net, src, spec.url, spec.headers, 'http', 'fortio');
      const ms = Math.max(0.05, t.totalMs);
      times.push(ms / 1000);
      const code = t.outcome.kind === 'http' ? t.outcome.status : -1;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      done[j]++;
      slot[j] += interval;
      next[j] = Math.max(start + ms, slot[j]);
      end = Math.max(end, start + ms);
    }
  } finally {
    if (dp) {
      dp.offsetMs = 0;
      dp.loadRun = false;
    }
  }
  const elapsedMs = Math.max(end, spec.qps > 0 ? Math.min(spec.durationMs, end) : end);
  // Rounded up: every call of the run has returned by then (none is left in flight for the next request).
  rt.advance(Math.ceil(elapsedMs));
  return { calls: times.length, times, codes, elapsedMs };
}

/** Go's time.Duration String() for whole milliseconds ("200ms", "10s", "1m30s"). */
function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}s`;
}

function fmt(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

function stats(xs: number[]): string {
  if (!xs.length) return 'no data';
  const n = xs.length;
  const sum = xs.reduce((a, b) => a + b, 0);
  const avg = sum / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - avg) ** 2, 0) / n);
  return `count ${n} avg ${fmt(avg)} +/- ${fmt(sd)} min ${fmt(Math.min(...xs))} max ${fmt(Math.max(...xs))} sum ${fmt(sum)}`;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Fortio's report (`fortio load` 1.6x): run line, aggregated times, percentiles, codes. */
export function fortioReport(spec: LoadSpec, r: LoadResult): string {
  const secs = r.elapsedMs / 1000;
  const sorted = [...r.times].sort((a, b) => a - b);
  const qps = secs > 0 ? r.calls / secs : 0;
  const dur = goDuration(spec.durationMs);
  const lines = [
    `Fortio 1.63.7 running at ${spec.qps} queries per second, 2->2 procs, for ${dur}: ${spec.url}`,
    spec.qps > 0
      ? `Starting at ${spec.qps} qps with ${spec.connections} thread(s) [gomax 2] for ${dur} : ${Math.floor(r.calls / spec.connections)} calls each (total ${r.calls})`
      : `Starting at max qps with ${spec.connections} thread(s) [gomax 2] for ${dur}`,
    `Ended after ${fmt(secs)}s : ${r.calls} calls. qps=${fmt(Math.round(qps * 10000) / 10000)}`,
    `Aggregated Function Time : ${stats(r.times)}`,
    '# range, mid point, percentile, count',
  ];
  if (sorted.length) lines.push(`>= ${fmt(sorted[0])} <= ${fmt(sorted[sorted.length - 1])} , ${fmt((sorted[0] + sorted[sorted.length - 1]) / 2)} , 100.00, ${sorted.length}`);
  for (const p of [50, 75, 90, 99, 99.9]) lines.push(`# target ${p}% ${fmt(percentile(sorted, p))}`);
  const errTimes = r.times.filter((_, i) => i < 0);
  const errors = [...r.codes].filter(([code]) => code < 200 || code >= 400).reduce((a, [, n]) => a + n, 0);
  lines.push(`Error cases : ${errors ? `count ${errors}` : stats(errTimes)}`);
  lines.push(`Sockets used: ${spec.connections} (for perfect keepalive, would be ${spec.connections})`);
  for (const [code, n] of [...r.codes].sort((a, b) => a[0] - b[0])) lines.push(`Code ${code} : ${n} (${((n / r.calls) * 100).toFixed(1)} %)`);
  const avgMs = r.calls ? (r.times.reduce((a, b) => a + b, 0) / r.calls) * 1000 : 0;
  lines.push(`All done ${r.calls} calls (plus 0 warmup) ${avgMs.toFixed(3)} ms avg, ${qps.toFixed(1)} qps`);
  return lines.join('\n') + '\n';
}

export type { ClientError };
