/**
 * The lab's save format (pure data: the page imports it without the engine; `recorder.ts` writes and replays it in
 * the worker). A lab as a replayable record. The engine is deterministic (virtual clock, seeded RNG), so a lab is fully
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
  | { at: number; run: string; editor?: string[] }
  /** A file written into the shell's filesystem (the editor's Apply writes the file, then runs kubectl apply). */
  | { at: number; file: string; text: string }
  /** A server-side dry run of a manifest (the editor's diff before apply); recorded because a dry run may draw from the cluster's RNG. */
  | { at: number; diff: string }
  /** A terminal input run live (`kubectl get -w`, `kubectl logs -f`: `Cluster.stream`), printing until interrupted. */
  | { at: number; stream: string }
  /** Ctrl+C on the live input before it (its `$?` becomes 130). */
  | { at: number; interrupt: true };

export interface LabRecord {
  version: 1;
  origin: LabOrigin;
  entries: JournalEntry[];
  /** Virtual time of the cluster when the record was taken. */
  end: number;
}

export const RECORD_VERSION = 1;

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
    if (typeof x.run === 'string') entries.push(Array.isArray(x.editor) && x.editor.every((t) => typeof t === 'string') ? { at: x.at, run: x.run, editor: x.editor as string[] } : { at: x.at, run: x.run });
    else if (typeof x.file === 'string' && typeof x.text === 'string') entries.push({ at: x.at, file: x.file, text: x.text });
    else if (typeof x.diff === 'string') entries.push({ at: x.at, diff: x.diff });
    else if (typeof x.stream === 'string') entries.push({ at: x.at, stream: x.stream });
    else if (x.interrupt === true) entries.push({ at: x.at, interrupt: true });
    else return undefined;
  }
  if (r.end < last) return undefined;
  return { version: RECORD_VERSION, origin, entries, end: r.end };
}
