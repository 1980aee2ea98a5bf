/**
 * The engine's side of a lab connection: owns the Cluster and its Journal, answers requests, advances virtual
 * time from wall time (`frame`), and gathers what changed into deltas for the page's mirror. Pure and
 * synchronous: the worker entry (`engine.worker.ts`) posts what it produces; `LocalConnection` calls it on the
 * same thread.
 */
import { createCluster, type Cluster, type ClusterStream, type KubeObject, type WatchEvent } from '../../engine/index.ts';
import { evaluateStep, startLesson, type Lesson } from '../../engine/lessons/index.ts';
import { logTail, proxyRules } from '../inspector/engineViews.ts';
import type { LabOrigin } from '../persistence/journal.ts';
import { Journal, replay } from '../persistence/recorder.ts';
import { TRACKED_KINDS, type TrackedKind } from '../state/clusterSource.ts';
import { Ticker } from '../state/ticker.ts';
import { clusterCompletionSource } from '../terminal/clusterCompletion.ts';
import { complete } from '../terminal/completion.ts';
import { latestTrace } from '../topology/trace.ts';
import { churnRound } from './churn.ts';
import { EditorBridge } from '../editor/editorBridge.ts';
import { bundledLesson } from './lessons.ts';
import type { LabStart, RunReply, TraceSummary } from './connection.ts';
import type { Change, Delta, Envelope, WorkerMessage } from './protocol.ts';

/** Which tracked kind an object of `kind` is (its `kind` field), if any. */
const TRACKED = new Set<string>(Object.keys(TRACKED_KINDS));

export type Send = (msg: WorkerMessage) => void;

/** Build the lab's cluster: a lesson's (setup applied) or a plain one, replaying a saved record of the same origin. */
export function startLab(start: LabStart, given: Lesson | undefined): { cluster: Cluster; journal: Journal; restored: boolean } {
  const { origin, record } = start;
  const lesson = given ?? (origin.lesson ? bundledLesson(origin.lesson) : undefined);
  const fresh = (o: LabOrigin): Cluster => (lesson ? startLesson(lesson, o.seed) : createCluster({ seed: o.seed, nodes: o.nodes }));
  const usable = record && sameOrigin(record.origin, origin) ? record : undefined;
  let cluster: Cluster;
  let restored = false;
  try {
    cluster = usable ? replay(usable, fresh) : fresh(origin);
    restored = usable !== undefined;
  } catch {
    // A record the engine cannot replay (from a newer version, say) must never brick the page.
    cluster = fresh(origin);
  }
  return { cluster, journal: new Journal(cluster, origin, restored ? usable!.entries : []), restored };
}

/** Origins name the same starting cluster when seed, lesson and (without a lesson) node count agree. */
export function sameOrigin(a: LabOrigin, b: LabOrigin): boolean {
  return (a.seed ?? 1) === (b.seed ?? 1) && a.lesson === b.lesson && (a.lesson !== undefined || a.nodes === b.nodes);
}

export class LabHost {
  readonly cluster: Cluster;
  readonly journal: Journal;
  readonly restored: boolean;
  /** Tracked objects changed since the last delta, by kind/namespace/name: the last state wins. */
  private pending = new Map<string, Change>();
  private full = true;
  private sentJournal = 0;
  private lastNow = -1;
  private lastPrompt = '';
  private lastTrace: number | undefined;
  private allEvents: WatchEvent[] | undefined;
  private streams = new Map<number, { s: ClusterStream; stdout: string; stderr: string }>();
  private speed = 0;
  private readonly ticker: Ticker;
  private churn: { everyMs: number; fraction: number; last: number; round: number } | undefined;

  constructor(
    start: LabStart,
    lesson: Lesson | undefined,
    private readonly send: Send,
  ) {
    const lab = startLab(start, lesson);
    this.cluster = lab.cluster;
    this.journal = lab.journal;
    this.restored = lab.restored;
    this.cluster.watch((ev) => this.onEvent(ev));
    this.cluster.onReset(() => {
      this.pending.clear();
      this.full = true;
    });
    this.lastTrace = latestTrace(this.cluster)?.id;
    this.ticker = new Ticker({ advance: (ms) => this.cluster.advance(ms), flush: () => this.flush(), speed: () => this.speed });
  }

  private onEvent(ev: WatchEvent): void {
    this.allEvents?.push(ev);
    if (this.full || !TRACKED.has(ev.kind)) return;
    const m = ev.object.metadata;
    this.pending.set(`${ev.kind}/${m?.namespace ?? ''}/${m?.name ?? ''}`, [ev.kind as TrackedKind, ev.type === 'DELETED' ? 'D' : 'S', ev.object]);
  }

  /** One animation-frame-like step: advance virtual time by the elapsed wall time × speed, then post a delta. */
  frame(wallMs: number): void {
    if (this.churn && wallMs - this.churn.last >= this.churn.everyMs) {
      this.churn.last = wallMs;
      churnRound(this.cluster.runtime, this.churn.fraction, this.churn.round++);
    }
    this.ticker.frame(wallMs);
  }

  /** Post a delta when anything the page mirrors changed. */
  flush(): void {
    const d = this.takeDelta();
    if (d) this.send(d);
  }

  takeDelta(): Delta | undefined {
    const now = this.cluster.now();
    const prompt = this.cluster.prompt();
    const trace = latestTrace(this.cluster);
    const traceChanged = trace !== undefined && trace.id !== this.lastTrace;
    const journal = this.journal.length > this.sentJournal ? this.journal.since(this.sentJournal) : [];
    const events = this.allEvents?.length ? this.allEvents : undefined;
    if (!this.full && this.pending.size === 0 && now === this.lastNow && prompt === this.lastPrompt && !traceChanged && journal.length === 0 && !events) return undefined;
    let changes: Change[];
    if (this.full) {
      changes = [];
      for (const [kind, plural] of Object.entries(TRACKED_KINDS) as Array<[TrackedKind, string]>) for (const o of this.cluster.runtime.store.list(plural)) changes.push([kind, 'S', o as KubeObject]);
    } else changes = [...this.pending.values()];
    const delta: Delta = { type: 'delta', full: this.full, changes, now, nowUnixMs: this.cluster.runtime.clock.nowUnixMs(), prompt, journal };
    if (traceChanged) delta.trace = summary(trace);
    if (events) {
      delta.events = events;
      this.allEvents = [];
    }
    this.full = false;
    this.pending.clear();
    this.sentJournal = this.journal.length;
    this.lastNow = now;
    this.lastPrompt = prompt;
    if (trace) this.lastTrace = trace.id;
    return delta;
  }

  /** Answer one request (its output chunks first), then post a delta of what it changed. */
  handle(req: Envelope): void {
    // The delta goes first, so the mirror (prompt, objects, journal) is current when the request settles.
    let value: unknown;
    try {
      value = this.answer(req);
    } catch (e) {
      this.flush();
      this.send({ type: 'reply', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    this.flush();
    if (value instanceof ChunkedReply) this.send({ type: 'reply', id: req.id, ok: true, value: value.reply, output: 'chunks' });
    else if (value !== PENDING) this.send({ type: 'reply', id: req.id, ok: true, value });
  }

  private reply(r: { stdout: string; stderr: string; exitCode: number }): RunReply {
    return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode, prompt: this.cluster.prompt() };
  }

  private answer(req: Envelope): unknown {
    const c = this.cluster;
    const chunk = (stream: 'stdout' | 'stderr', text: string) => this.send({ type: 'chunk', id: req.id, stream, text });
    switch (req.op) {
      case 'init':
        return { restored: this.restored, startUnixMs: c.runtime.clock.nowUnixMs() - c.now() };
      case 'run': {
        const probe = new EditorBridge();
        const r = this.reply(probe.run(c, () => this.journal.run(req.line, probe.gate(chunk))));
        // The output went out as chunks (all of it, unless the editor opened and gated the rest).
        return probe.opened ? this.opened(probe, r) : new ChunkedReply(r);
      }
      case 'editApply': {
        const bridge = new EditorBridge(req.texts);
        const r = this.reply(this.journal.run(req.line, chunk, bridge));
        return new ChunkedReply(bridge.reopened ? { ...r, edit: bridge.reopened } : r);
      }
      case 'stream': {
        const probe = new EditorBridge();
        const s = probe.run(c, () => this.journal.stream(req.line, probe.gate(chunk)));
        if (!s.live) return this.opened(probe, this.reply(s.result));
        const entry = { s, stdout: s.result.stdout, stderr: s.result.stderr };
        this.streams.set(req.id, entry);
        s.onEnd((code) => this.endStream(req.id, code));
        return PENDING;
      }
      case 'cancel': {
        const entry = this.streams.get(req.stream);
        if (entry) {
          this.journal.interrupt(entry.s);
          this.endStream(req.stream, 130);
        }
        return undefined;
      }
      case 'writeFile':
        return this.journal.writeFile(req.path, req.text);
      case 'diff':
        return this.journal.diff(req.manifest);
      case 'get':
        return c.get(req.kind, req.name, req.namespace);
      case 'list':
        return c.list(req.kind, req.namespace);
      case 'explain':
        return c.explainScheduling(req.namespace, req.name);
      case 'logTail':
        return logTail(c, req.namespace, req.pod, req.container, req.tail);
      case 'proxyRules':
        return proxyRules(c, req.node, req.namespace, req.name, req.clusterIPs);
      case 'complete':
        return complete(req.line, req.cursor, clusterCompletionSource(c));
      case 'check':
        return evaluateStep(c, req.step);
      case 'speed':
        this.speed = req.speed;
        return undefined;
      case 'advance':
        return c.advance(req.ms);
      case 'runUntilIdle':
        return c.runUntilIdle(req.maxMs);
      case 'watchAll':
        this.allEvents = req.on ? [] : undefined;
        return undefined;
      case 'meshTelemetry':
        return c.meshTelemetry();
      case 'churn':
        this.churn = req.everyMs > 0 ? { everyMs: req.everyMs, fraction: req.fraction, last: 0, round: 0 } : undefined;
        return undefined;
    }
  }

  /** A probe that opened the page's editor: the run is dropped from the journal; the page gets the file. */
  private opened(probe: EditorBridge, r: RunReply): RunReply {
    if (!probe.opened) return r;
    this.journal.retract();
    return { stdout: '', stderr: '', code: 0, prompt: r.prompt, edit: probe.opened };
  }

  private endStream(id: number, code: number): void {
    const entry = this.streams.get(id);
    if (!entry) return;
    this.streams.delete(id);
    this.flush();
    this.send({ type: 'reply', id, ok: true, value: { stdout: entry.stdout, stderr: entry.stderr, code, prompt: this.cluster.prompt() } satisfies RunReply });
  }
}

const PENDING = Symbol('pending');

/** A command's reply whose stdout and stderr the page already has as chunks: they are not sent again. */
class ChunkedReply {
  readonly reply: RunReply;
  constructor(r: RunReply) {
    this.reply = { ...r, stdout: '', stderr: '' };
  }
}

function summary(t: TraceSummary): TraceSummary {
  return { id: t.id, fromIP: t.fromIP, steps: t.steps.map((s) => ({ kind: s.kind, title: s.title, at: s.at, ok: s.ok })) };
}
