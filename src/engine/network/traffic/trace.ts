import type { ConnectOutcome } from '../../images/shell/net/types.ts';

/**
 * Modelled kernel cost of comparing one netfilter rule against the first packet of a connection (0.2 µs, the
 * order of magnitude the kube-proxy IPVS design proposal and the iptables scaling talks measured). IPVS is one
 * hash lookup, counted as one rule. Later packets follow conntrack and skip the walk.
 */
export const RULE_MATCH_MS = 0.0002;

/** One hop or decision on a request's way (the UI animates these; `lab trace` prints them). */
export interface TraceStep {
  kind: 'dns' | 'netns' | 'proxy' | 'ingress' | 'snat' | 'cni' | 'policy' | 'deliver' | 'external';
  title: string;
  /** Plain-language lines explaining the decision. */
  detail: string[];
  /** Simulated time spent at this hop (ms). */
  ms: number;
  ok: boolean;
  /** Where the packet is after this step (an IP or a node name), for animation. */
  at?: string;
  /** Structured extras: the names tried, the rules matched, the endpoint picked... */
  data?: Record<string, unknown>;
}

export interface Trace {
  id: number;
  /** RFC 3339 time of the request (virtual clock). */
  time: string;
  tool: string;
  /** `pod default/client (10.244.1.3)`, `node worker-1 (172.18.0.3)`, `outside the cluster (172.18.0.1)`. */
  from: string;
  fromIP: string;
  target: string;
  protocol: 'TCP' | 'UDP' | 'ICMP';
  steps: TraceStep[];
  outcome: ConnectOutcome;
  totalMs: number;
}

/** The most recent traces, oldest first, bounded. */
export class TraceLog {
  private ring: Trace[] = [];
  private next = 1;

  constructor(private readonly limit = 200) {}

  nextId(): number {
    return this.next++;
  }

  add(t: Trace): void {
    this.ring.push(t);
    if (this.ring.length > this.limit) this.ring.shift();
  }

  recent(n = this.limit): Trace[] {
    return this.ring.slice(-n);
  }

  get(id: number): Trace | undefined {
    return this.ring.find((t) => t.id === id);
  }
}

/** Deterministic jitter in [0, 1) for hop `i` of trace `id` (latencies must not consume the cluster's RNG). */
export function jitter(id: number, i: number): number {
  let h = (Math.imul(id ^ 0x9e3779b9, 2654435761) ^ Math.imul(i + 1, 40503)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** A latency between `lo` and `hi` ms, rounded to microseconds. */
export function latency(id: number, i: number, lo: number, hi: number): number {
  return Math.round((lo + (hi - lo) * jitter(id, i)) * 1000) / 1000;
}
