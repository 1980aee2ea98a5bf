import type { Resp } from './envoy.ts';

/** A workload name from a pod name (the ReplicaSet and pod suffixes dropped, as Istio's workload label does). */
export function workloadOf(podName: string): string {
  return podName.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '');
}

interface Sample {
  t: number;
  ms: number;
  status: number;
  mtls: boolean;
  flags: string;
}

/** One source → destination edge as the UI's mesh view and `lab mesh stats` show it. */
export interface MeshEdge {
  source: string;
  sourceNamespace: string;
  destination: string;
  destinationNamespace: string;
  /** Requests in total and per second over the window. */
  requests: number;
  rps: number;
  /** Share of 5xx answers (and resets) over the window, 0..1. */
  errorRate: number;
  p50: number;
  p90: number;
  p99: number;
  /** True when the last request over the edge used mutual TLS. */
  mtls: boolean;
  /** Response codes over the window. */
  codes: Record<string, number>;
}

const WINDOW_MS = 60_000;
const MAX_SAMPLES = 5_000;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Istio's standard metrics reduced to what the lab shows: per edge counts, errors and latency quantiles (reporter=source). */
export class MeshTelemetry {
  private edges = new Map<string, { src: string; srcNs: string; dst: string; dstNs: string; total: number; samples: Sample[] }>();

  record(t: number, src: { workload: string; namespace: string }, r: Resp, ms: number): void {
    const w = r.upstream?.workload;
    const [dst, dstNs] = w ? w.split(';') : ['unknown', 'unknown'];
    const key = `${src.namespace}/${src.workload}>${dstNs}/${dst}`;
    let e = this.edges.get(key);
    if (!e) this.edges.set(key, (e = { src: src.workload, srcNs: src.namespace, dst, dstNs, total: 0, samples: [] }));
    e.total++;
    e.samples.push({ t, ms, status: r.reset ? 0 : r.status, mtls: !!r.upstream?.mtls, flags: r.flags.join(',') });
    if (e.samples.length > MAX_SAMPLES) e.samples.splice(0, e.samples.length - MAX_SAMPLES);
  }

  edgesAt(now: number): MeshEdge[] {
    const out: MeshEdge[] = [];
    for (const e of this.edges.values()) {
      const win = e.samples.filter((s) => s.t > now - WINDOW_MS && s.t <= now + WINDOW_MS);
      const lat = win.map((s) => s.ms).sort((a, b) => a - b);
      const codes: Record<string, number> = {};
      for (const s of win) codes[s.status ? String(s.status) : 'reset'] = (codes[s.status ? String(s.status) : 'reset'] ?? 0) + 1;
      const errors = win.filter((s) => s.status === 0 || s.status >= 500).length;
      const span = win.length > 1 ? Math.max(1000, win[win.length - 1].t - win[0].t) : 1000;
      out.push({
        source: e.src,
        sourceNamespace: e.srcNs,
        destination: e.dst,
        destinationNamespace: e.dstNs,
        requests: e.total,
        rps: win.length ? Math.round((win.length / span) * 1000 * 100) / 100 : 0,
        errorRate: win.length ? errors / win.length : 0,
        p50: quantile(lat, 0.5),
        p90: quantile(lat, 0.9),
        p99: quantile(lat, 0.99),
        mtls: e.samples[e.samples.length - 1]?.mtls ?? false,
        codes,
      });
    }
    return out.sort((a, b) => (a.sourceNamespace + a.source + a.destination < b.sourceNamespace + b.source + b.destination ? -1 : 1));
  }

  reset(): void {
    this.edges.clear();
  }
}
