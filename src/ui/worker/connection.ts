/**
 * The page's connection to its lab. The cluster lives in a Web Worker (`engine.worker.ts`); the page holds a
 * `LabConnection`: asynchronous requests (run a command, read an object, ask the scheduler why) and a
 * synchronous mirror for React (`source`, fed by the worker's batched watch deltas, plus the virtual clock,
 * the prompt, the journal and the lesson's live check as of the last delta). Nothing on the page waits for
 * the simulation: a request resolves when the worker answers, and React reads the mirror.
 *
 * Two implementations share this interface: `WorkerConnection` (the page: the engine in a worker) and
 * `LocalConnection` (unit tests and Node: the same host code on the same thread, delivering deltas
 * synchronously when `tick()` is called).
 */
import type { KubeObject, ManifestDiff, MeshTelemetryEdge, SchedulingExplanation, WatchEvent } from '../../engine/index.ts';
import type { CheckResult, Lesson, LessonStep } from '../../engine/lessons/index.ts';
import type { LabOrigin, LabRecord } from '../persistence/journal.ts';
import type { ClusterSource } from '../state/clusterSource.ts';
import type { Completion } from '../terminal/completion.ts';
import type { EditFile } from '../editor/editorBridge.ts';

/** A finished command: its output and exit status (`$?`); 130 when it was interrupted with Ctrl+C. */
export interface RunReply {
  stdout: string;
  stderr: string;
  code: number;
  /** The prompt to show after it (`$ `, or the node's after `ssh NODE`). */
  prompt: string;
  /**
   * The input is a `kubectl edit` waiting for the page's editor (nothing ran, nothing was recorded, no output);
   * or, after `editApply`, the file kubectl reopened because the edit was invalid (`failed`).
   */
  edit?: EditFile;
}

export type ChunkListener = (stream: 'stdout' | 'stderr', text: string) => void;

/** A command that keeps printing (`kubectl get -w`, `kubectl logs -f`) until cancelled. */
export interface StreamHandle {
  /** Interrupt it (Ctrl+C): the command ends with exit code 130. Harmless once it has ended. */
  cancel(): void;
  /** Settles when the command ends by itself or after `cancel`. */
  done: Promise<RunReply>;
}

/** The newest request the cluster's packet tracer recorded (what `lab trace` prints), for the graph's animation. */
export interface TraceSummary {
  id: number;
  fromIP: string;
  steps: Array<{ kind: string; title: string; at?: string; ok: boolean }>;
}

export interface ProxyRules {
  mode: string;
  lines: string[];
}

/** How a lab starts: from a saved/shared record when it has the same origin, else fresh. */
export interface LabStart {
  origin: LabOrigin;
  /** The saved or shared lab to replay (ignored when its origin differs). */
  record?: LabRecord;
}

export interface LabConnection {
  /** The UI's synchronous window on the tracked kinds (flushed once per animation frame). */
  readonly source: ClusterSource;
  /** Settles when the cluster is up (built or replayed) and the first delta has arrived. */
  readonly ready: Promise<void>;
  /** True once ready if the lab was rebuilt from a saved or shared record. */
  readonly restored: boolean;

  // ---- commands (recorded in the lab's journal) ----
  /** Run one complete terminal input; `onChunk` receives output as it is written. */
  run(line: string, onChunk?: ChunkListener): Promise<RunReply>;
  /**
   * Run one input that may keep printing as the cluster changes (`kubectl get -w`, `kubectl logs -f`):
   * output arrives through `onChunk` until the command ends or `cancel()` interrupts it. Any other input
   * behaves as `run`.
   */
  stream(line: string, onChunk: ChunkListener): StreamHandle;
  /** Finish the `kubectl edit` of `line` with the editor's saved text (recorded, replayable). */
  editApply(line: string, texts: string[], onChunk?: ChunkListener): Promise<RunReply>;
  /** Write a file into the lab's filesystem (the editor's Apply), recorded. */
  writeFile(path: string, text: string): Promise<void>;
  /** What applying `manifest` would change (`kubectl diff`), recorded like an input. */
  diff(manifest: string): Promise<ManifestDiff>;

  // ---- reads (not recorded) ----
  get(kind: string, name: string, namespace?: string): Promise<KubeObject | undefined>;
  list(kind: string, namespace?: string): Promise<KubeObject[]>;
  explainScheduling(namespace: string, name: string): Promise<SchedulingExplanation | undefined>;
  /** The last `tail` lines of a container's log, or the kubelet's error text. */
  logTail(namespace: string, pod: string, container: string | undefined, tail: number): Promise<{ text: string; error?: string }>;
  /** One node's kube-proxy rules for a Service (iptables or ipvs, as the node's kube-proxy mode says). */
  proxyRules(node: string, namespace: string, name: string, clusterIPs: readonly string[]): Promise<ProxyRules | undefined>;
  /** Tab completion of `line` at `cursor` against the live cluster (commands, flags, types, names, files). */
  complete(line: string, cursor: number): Promise<Completion>;
  /** Evaluate a lesson step's check against the cluster now. */
  check(step: LessonStep): Promise<CheckResult>;
  /** The service mesh's per-edge telemetry over the last virtual minute (empty without Istio or traffic). */
  meshTelemetry(): Promise<MeshTelemetryEdge[]>;

  // ---- the synchronous mirror ----
  /** Virtual ms since the cluster started, as of the last delta. */
  now(): number;
  /** The cluster's virtual clock as Unix ms (for ages), as of the last delta. */
  nowUnixMs(): number;
  /** The prompt after the last command. */
  prompt(): string;
  /** The newest packet trace, as of the last delta. */
  latestTrace(): TraceSummary | undefined;
  /** The lab as a replayable record (origin, inputs so far, virtual time of the last delta). */
  record(): LabRecord;
  /** Called after each recorded input arrived in the mirror. */
  onJournal(fn: () => void): () => void;
  /** Called after each delta (time moved or objects changed). */
  onTick(fn: () => void): () => void;
  /**
   * Every object change of every kind (not just the tracked ones), for the embed API. The worker forwards
   * all events only while someone watches.
   */
  watch(listener: (ev: WatchEvent) => void): () => void;

  // ---- time ----
  /** Virtual ms per wall ms (0 pauses); the worker advances time on its own ticker. */
  setSpeed(speed: number): void;
  advance(ms: number): Promise<void>;
  /** Advance until nothing but background work is pending (bounded by `maxMs`); resolves with the ms elapsed. */
  runUntilIdle(maxMs?: number): Promise<number>;

  /** Stop the worker (the lab is replaced or unmounted). Pending requests reject. */
  dispose(): void;
}

/** What builds a connection: the page uses a worker, tests the same-thread host. */
export type ConnectionFactory = (start: LabStart, lesson?: Lesson) => LabConnection;
