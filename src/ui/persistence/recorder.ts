import { diffManifest, type Cluster, type ClusterStream, type ManifestDiff, type OutputListener, type RunResult } from '../../engine/index.ts';
import { EditorBridge } from '../editor/editorBridge.ts';
import { RECORD_VERSION, type JournalEntry, type LabOrigin, type LabRecord } from './journal.ts';

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

  /** `editor`: the page's editor answering a `kubectl edit` in the line, its saved texts recorded (see EditorBridge). */
  run(line: string, onOutput?: OutputListener, editor?: EditorBridge): RunResult {
    const answers = editor?.answers;
    this.entries.push(answers ? { at: this.cluster.now(), run: line, editor: [...answers] } : { at: this.cluster.now(), run: line });
    const r = answers ? editor.run(this.cluster, () => this.cluster.run(line, onOutput)) : this.cluster.run(line, onOutput);
    this.changed();
    return r;
  }

  writeFile(path: string, text: string): void {
    this.entries.push({ at: this.cluster.now(), file: path, text });
    this.cluster.writeFile(path, text);
    this.changed();
  }

  /** Run an input live (`Cluster.stream`): recorded, so a replay starts it at the same moment. */
  stream(line: string, onOutput: OutputListener): ClusterStream {
    const at = this.cluster.now();
    const s = this.cluster.stream(line, onOutput);
    // Only an input that kept printing is a live entry; anything else replays as a plain run.
    this.entries.push(s.live ? { at, stream: line } : { at, run: line });
    this.changed();
    return s;
  }

  /** Ctrl+C on a live input: recorded when it was still running. */
  interrupt(s: ClusterStream): void {
    if (!s.live) return;
    this.entries.push({ at: this.cluster.now(), interrupt: true });
    s.cancel();
    this.changed();
  }

  /** Forget the last entry: an input that only opened the page's editor (its run is repeated when applied). */
  retract(): void {
    this.entries.pop();
  }

  /** Entries from index `from` on (what the page's mirror has not seen yet). */
  since(from: number): JournalEntry[] {
    return this.entries.slice(from);
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
  let live: ClusterStream | undefined;
  for (const e of record.entries) {
    if (e.at > until) break;
    moveTo(e.at);
    if ('interrupt' in e) {
      live?.cancel();
      continue;
    }
    // A live input ended (interrupted or by itself) before any later input arrived: the terminal was busy.
    live?.cancel();
    live = undefined;
    if ('run' in e) {
      if (e.editor) new EditorBridge(e.editor).run(cluster, () => cluster.run(e.run));
      else cluster.run(e.run);
    }
    else if ('stream' in e) live = cluster.stream(e.stream, () => {});
    else if ('diff' in e) diffManifest(cluster, e.diff);
    else cluster.writeFile(e.file, e.text);
  }
  moveTo(Math.min(until, record.end));
  return cluster;
}

