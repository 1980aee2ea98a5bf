import { diffManifest, type Cluster, type ManifestDiff, type OutputListener, type RunResult } from '../../engine/index.ts';

/**
 * A lab as a replayable record. The engine is deterministic (virtual clock, seeded RNG), so a lab is fully
 * described by how its cluster started and the ordered inputs it received, each stamped with the virtual time
 * it arrived at. Replaying the entries into a fresh cluster with the same origin rebuilds the same state.
 */
export interface LabOrigin {
  seed?: number;
  nodes?: number;
  /** The lesson whose cluster and setup the lab started from. */
  lesson?: string;
}

export type JournalEntry =
  /** A terminal input (one complete command line, heredocs included). */
  | { at: number; run: string }
  /** A file written into the shell's filesystem (the editor's Apply writes the file, then runs kubectl apply). */
  | { at: number; file: string; text: string }
  /** A server-side dry run of a manifest (the editor's diff before apply); recorded because a dry run may draw from the cluster's RNG. */
  | { at: number; diff: string };

export interface LabRecord {
  version: 1;
  origin: LabOrigin;
  entries: JournalEntry[];
  /** Virtual time of the cluster when the record was taken. */
  end: number;
}

export const RECORD_VERSION = 1;

/** Appends every input a lab's cluster receives through it, with the virtual time it happened at. */
export class Journal {
  private entries: JournalEntry[];
  private listeners = new Set<() => void>();

  constructor(
    readonly cluster: Cluster,
    readonly origin: LabOrigin,
    entries: readonly JournalEntry[] = [],
  ) {
    this.entries = [...entries];
  }

  run(line: string, onOutput?: OutputListener): RunResult {
    this.entries.push({ at: this.cluster.now(), run: line });
    const r = this.cluster.run(line, onOutput);
    this.changed();
    return r;
  }

  writeFile(path: string, text: string): void {
    this.entries.push({ at: this.cluster.now(), file: path, text });
    this.cluster.writeFile(path, text);
    this.changed();
  }

  /** What applying `manifest` would change (`kubectl diff`), recorded like an input. */
  diff(manifest: string): ManifestDiff {
    this.entries.push({ at: this.cluster.now(), diff: manifest });
    const r = diffManifest(this.cluster, manifest);
    this.changed();
    return r;
  }

  get length(): number {
    return this.entries.length;
  }

  /** Called after each recorded input. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  record(): LabRecord {
    return { version: RECORD_VERSION, origin: { ...this.origin }, entries: [...this.entries], end: this.cluster.now() };
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * Rebuild a lab: a fresh cluster from `start(origin)`, then each entry at its virtual time, then time up to
 * `end` (or `until`, to see the lab as it was at an earlier moment). Output is discarded.
 */
export function replay(record: LabRecord, start: (origin: LabOrigin) => Cluster, until = record.end): Cluster {
  const cluster = start(record.origin);
  const moveTo = (t: number) => {
    const d = t - cluster.now();
    if (d > 0) cluster.advance(d);
  };
  for (const e of record.entries) {
    if (e.at > until) break;
    moveTo(e.at);
    if ('run' in e) cluster.run(e.run);
    else if ('diff' in e) diffManifest(cluster, e.diff);
    else cluster.writeFile(e.file, e.text);
  }
  moveTo(Math.min(until, record.end));
  return cluster;
}

/** A LabRecord from untrusted JSON (an imported file, a shared URL), or undefined when it is not one. */
export function parseRecord(raw: unknown): LabRecord | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.version !== RECORD_VERSION || !Array.isArray(r.entries) || typeof r.end !== 'number' || !Number.isFinite(r.end)) return undefined;
  const o = (r.origin && typeof r.origin === 'object' ? r.origin : {}) as Record<string, unknown>;
  const origin: LabOrigin = {};
  if (Number.isInteger(o.seed)) origin.seed = o.seed as number;
  if (Number.isInteger(o.nodes) && (o.nodes as number) > 0 && (o.nodes as number) <= 1000) origin.nodes = o.nodes as number;
  if (typeof o.lesson === 'string' && /^[a-z0-9-]{1,100}$/.test(o.lesson)) origin.lesson = o.lesson;
  const entries: JournalEntry[] = [];
  let last = 0;
  for (const e of r.entries as unknown[]) {
    if (!e || typeof e !== 'object') return undefined;
    const x = e as Record<string, unknown>;
    if (typeof x.at !== 'number' || !Number.isFinite(x.at) || x.at < last) return undefined;
    last = x.at;
    if (typeof x.run === 'string') entries.push({ at: x.at, run: x.run });
    else if (typeof x.file === 'string' && typeof x.text === 'string') entries.push({ at: x.at, file: x.file, text: x.text });
    else if (typeof x.diff === 'string') entries.push({ at: x.at, diff: x.diff });
    else return undefined;
  }
  if (r.end < last) return undefined;
  return { version: RECORD_VERSION, origin, entries, end: r.end };
}
