/**
 * The messages between the page and the engine's worker. Requests carry an id; the worker answers each with
 * one `reply` (in the order it received them, as it handles them one at a time), after any `chunk`s of
 * output the request produced. Independently, after every request and every ticker frame in which something
 * changed, the worker posts one `delta`: the tracked kinds' objects added, modified or deleted since the
 * previous delta (coalesced per object: only its last state), the virtual time, the prompt, new journal
 * entries and the newest packet trace. Everything is structured-clone data.
 */
import type { KubeObject, ManifestDiff, MeshTelemetryEdge, SchedulingExplanation, WatchEvent } from '../../engine/index.ts';
import type { CheckResult, Lesson, LessonStep } from '../../engine/lessons/index.ts';
import type { JournalEntry } from '../persistence/journal.ts';
import type { TrackedKind } from '../state/clusterSource.ts';
import type { Completion } from '../terminal/completion.ts';
import type { LabStart, ProxyRules, RunReply, TraceSummary } from './connection.ts';

export type Request =
  | { op: 'init'; start: LabStart; lesson?: Lesson }
  | { op: 'run'; line: string }
  | { op: 'stream'; line: string }
  /** Finish a `kubectl edit` the page's editor opened: run `line` again with `texts` as what the editor saved. */
  | { op: 'editApply'; line: string; texts: string[] }
  | { op: 'cancel'; stream: number }
  | { op: 'writeFile'; path: string; text: string }
  | { op: 'diff'; manifest: string }
  | { op: 'get'; kind: string; name: string; namespace?: string }
  | { op: 'list'; kind: string; namespace?: string }
  | { op: 'explain'; namespace: string; name: string }
  | { op: 'logTail'; namespace: string; pod: string; container?: string; tail: number }
  | { op: 'proxyRules'; node: string; namespace: string; name: string; clusterIPs: readonly string[] }
  | { op: 'complete'; line: string; cursor: number }
  | { op: 'check'; step: LessonStep }
  | { op: 'speed'; speed: number }
  | { op: 'advance'; ms: number }
  | { op: 'runUntilIdle'; maxMs?: number }
  | { op: 'watchAll'; on: boolean }
  /** The mesh's per-edge telemetry now (`cluster.meshTelemetry()`), asked only while the graph's mesh view shows. */
  | { op: 'meshTelemetry' }
  /** Benchmarks only: `count` pods of the default namespace flip status every `everyMs` wall ms (0 stops), written to the store as a kubelet would. */
  | { op: 'churn'; everyMs: number; fraction: number };

/** What each request resolves to. */
export interface Replies {
  init: { restored: boolean; startUnixMs: number };
  run: RunReply;
  stream: RunReply;
  editApply: RunReply;
  cancel: void;
  writeFile: void;
  diff: ManifestDiff;
  get: KubeObject | undefined;
  list: KubeObject[];
  explain: SchedulingExplanation | undefined;
  logTail: { text: string; error?: string };
  proxyRules: ProxyRules | undefined;
  complete: Completion;
  check: CheckResult;
  speed: void;
  advance: void;
  runUntilIdle: number;
  watchAll: void;
  meshTelemetry: MeshTelemetryEdge[];
  churn: void;
}

export type Envelope = Request & { id: number };

/** One object change: kind, 'D' (deleted) or 'S' (its current state), the object (deleted: its last state). */
export type Change = [TrackedKind, 'S' | 'D', KubeObject];

export interface Delta {
  type: 'delta';
  /** The cluster was replaced (`lab cluster create`) or this is the first delta: `changes` list everything. */
  full: boolean;
  changes: Change[];
  now: number;
  nowUnixMs: number;
  prompt: string;
  /** Journal entries recorded since the previous delta. */
  journal: JournalEntry[];
  /** The newest packet trace when it changed. */
  trace?: TraceSummary;
  /** Every object event of every kind since the previous delta, while `watchAll` is on. */
  events?: WatchEvent[];
}

export type WorkerMessage =
  /**
   * `output: 'chunks'` (replies to `run` and `editApply`): the value is a RunReply whose stdout and stderr were
   * left empty because they are exactly this request's `chunk`s, in order — the page joins those rather than
   * receiving a command's output twice.
   */
  | { type: 'reply'; id: number; ok: true; value: unknown; output?: 'chunks' }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'chunk'; id: number; stream: 'stdout' | 'stderr'; text: string }
  | Delta;
