/**
 * The page's half of a LabConnection, whatever carries the messages: request ids and their promises, output
 * chunks routed to their listeners, and the synchronous mirror kept from deltas (the ClusterSource, virtual
 * time, prompt, journal, newest trace). Subclasses only `post` requests; they hand every message from the
 * engine's side to `receive`.
 */
import type { KubeObject, ManifestDiff, MeshTelemetryEdge, SchedulingExplanation, WatchEvent } from '../../engine/index.ts';
import type { CheckResult, Lesson, LessonStep } from '../../engine/lessons/index.ts';
import { RECORD_VERSION, type JournalEntry, type LabRecord } from '../persistence/journal.ts';
import { ClusterSource } from '../state/clusterSource.ts';
import type { Completion } from '../terminal/completion.ts';
import type { ChunkListener, LabConnection, LabStart, ProxyRules, RunReply, StreamHandle, TraceSummary } from './connection.ts';
import type { Envelope, Replies, Request, WorkerMessage } from './protocol.ts';

type Op = Request['op'];
type Of<K extends Op> = Extract<Request, { op: K }>;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onChunk?: ChunkListener;
  /** The output chunks received so far, for a reply that leaves them out (`output: 'chunks'`). */
  stdout?: string;
  stderr?: string;
}

export abstract class MirrorConnection implements LabConnection {
  readonly source: ClusterSource;
  readonly ready: Promise<void>;
  restored = false;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private entries: JournalEntry[] = [];
  private nowMs = 0;
  private unixMs = 0;
  private promptText = '$ ';
  private trace: TraceSummary | undefined;
  private journalListeners = new Set<() => void>();
  private tickListeners = new Set<() => void>();
  private watchers = new Set<(ev: WatchEvent) => void>();
  private disposed = false;
  private readyResolve!: () => void;

  constructor(protected readonly start: LabStart) {
    this.source = new ClusterSource(this);
    this.ready = new Promise((r) => (this.readyResolve = r));
  }

  /** Start the lab: the first request. Subclasses call it once their transport is up. */
  protected begin(lesson: Lesson | undefined): void {
    void this.request({ op: 'init', start: this.start, lesson }).then(
      (v) => {
        this.restored = v.restored;
        this.readyResolve();
      },
      () => this.readyResolve(),
    );
  }

  /** Deliver one request to the engine's side. */
  protected abstract post(msg: Envelope): void;
  protected abstract close(): void;

  protected request<K extends Op>(req: Of<K>, onChunk?: ChunkListener): Promise<Replies[K]> {
    if (this.disposed) return Promise.reject(new Error('the lab was closed'));
    const id = this.nextId++;
    return new Promise<Replies[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onChunk });
      this.post({ ...req, id } as Envelope);
    });
  }

  /** A message from the engine's side. */
  receive(msg: WorkerMessage): void {
    if (msg.type === 'chunk') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      p[msg.stream] = (p[msg.stream] ?? '') + msg.text;
      p.onChunk?.(msg.stream, msg.text);
      return;
    }
    if (msg.type === 'reply') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok && msg.output === 'chunks') p.resolve({ ...(msg.value as RunReply), stdout: p.stdout ?? '', stderr: p.stderr ?? '' });
      else if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.error));
      return;
    }
    this.source.apply(msg);
    this.nowMs = msg.now;
    this.unixMs = msg.nowUnixMs;
    this.promptText = msg.prompt;
    if (msg.trace) this.trace = msg.trace;
    if (msg.events) for (const ev of msg.events) for (const w of this.watchers) w(ev);
    if (msg.journal.length > 0) {
      this.entries.push(...msg.journal);
      for (const l of this.journalListeners) l();
    }
    for (const l of this.tickListeners) l();
  }

  run(line: string, onChunk?: ChunkListener): Promise<RunReply> {
    return this.request({ op: 'run', line }, onChunk);
  }

  editApply(line: string, texts: string[], onChunk?: ChunkListener): Promise<RunReply> {
    return this.request({ op: 'editApply', line, texts }, onChunk);
  }

  stream(line: string, onChunk: ChunkListener): StreamHandle {
    const id = this.nextId;
    const done = this.request({ op: 'stream', line }, onChunk);
    let cancelled = false;
    return {
      done,
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        void this.request({ op: 'cancel', stream: id }).catch(() => {});
      },
    };
  }

  writeFile(path: string, text: string): Promise<void> {
    return this.request({ op: 'writeFile', path, text });
  }

  diff(manifest: string): Promise<ManifestDiff> {
    return this.request({ op: 'diff', manifest });
  }

  get(kind: string, name: string, namespace?: string): Promise<KubeObject | undefined> {
    return this.request({ op: 'get', kind, name, namespace });
  }

  list(kind: string, namespace?: string): Promise<KubeObject[]> {
    return this.request({ op: 'list', kind, namespace });
  }

  explainScheduling(namespace: string, name: string): Promise<SchedulingExplanation | undefined> {
    return this.request({ op: 'explain', namespace, name });
  }

  logTail(namespace: string, pod: string, container: string | undefined, tail: number): Promise<{ text: string; error?: string }> {
    return this.request({ op: 'logTail', namespace, pod, container, tail });
  }

  proxyRules(node: string, namespace: string, name: string, clusterIPs: readonly string[]): Promise<ProxyRules | undefined> {
    return this.request({ op: 'proxyRules', node, namespace, name, clusterIPs: [...clusterIPs] });
  }

  complete(line: string, cursor: number): Promise<Completion> {
    return this.request({ op: 'complete', line, cursor });
  }

  check(step: LessonStep): Promise<CheckResult> {
    return this.request({ op: 'check', step });
  }

  meshTelemetry(): Promise<MeshTelemetryEdge[]> {
    return this.request({ op: 'meshTelemetry' });
  }

  now(): number {
    return this.nowMs;
  }

  nowUnixMs(): number {
    return this.unixMs;
  }

  prompt(): string {
    return this.promptText;
  }

  latestTrace(): TraceSummary | undefined {
    return this.trace;
  }

  record(): LabRecord {
    return { version: RECORD_VERSION, origin: { ...this.start.origin }, entries: [...this.entries], end: this.nowMs };
  }

  onJournal(fn: () => void): () => void {
    this.journalListeners.add(fn);
    return () => this.journalListeners.delete(fn);
  }

  onTick(fn: () => void): () => void {
    this.tickListeners.add(fn);
    return () => this.tickListeners.delete(fn);
  }

  watch(listener: (ev: WatchEvent) => void): () => void {
    this.watchers.add(listener);
    if (this.watchers.size === 1) void this.request({ op: 'watchAll', on: true }).catch(() => {});
    return () => {
      if (!this.watchers.delete(listener) || this.watchers.size > 0 || this.disposed) return;
      void this.request({ op: 'watchAll', on: false }).catch(() => {});
    };
  }

  setSpeed(speed: number): void {
    void this.request({ op: 'speed', speed }).catch(() => {});
  }

  advance(ms: number): Promise<void> {
    return this.request({ op: 'advance', ms });
  }

  runUntilIdle(maxMs?: number): Promise<number> {
    return this.request({ op: 'runUntilIdle', maxMs });
  }

  /** Benchmarks only: make `fraction` of the default namespace's pods flip status every `everyMs` (0 stops). */
  churn(everyMs: number, fraction: number): Promise<void> {
    return this.request({ op: 'churn', everyMs, fraction });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.close();
    for (const p of this.pending.values()) p.reject(new Error('the lab was closed'));
    this.pending.clear();
  }
}
