import type { KubeObject } from './api/types.ts';
import { boot } from './addons/index.ts';
import { bootstrap } from './bootstrap.ts';
import { meshTelemetry, type MeshTelemetryEdge } from './mesh/dataplane/telemetryapi.ts';
import { ClusterRuntime, type ClusterOptions } from './runtime.ts';
import { SCHEDULER_SERVICE, type SchedulerService, type SchedulingExplanation } from './scheduler/api.ts';
import { normalizePath } from './shell/fs.ts';
import { Shell } from './shell/shell.ts';
import type { OutputListener, RunResult } from './shell/types.ts';
import { clone, type StoreEvent } from './store/store.ts';
import { FOLLOW_SERVICE, type FollowHost, type FollowSlot } from './kubectl/follow.ts';
import { parse } from './shell/parser.ts';

export type WatchEvent = { type: StoreEvent['type']; kind: string; object: KubeObject; resourceVersion: string };

/** The runtime service through which `lab cluster create` replaces the lab's cluster (see `Cluster.reset`). */
export const CLUSTER_CONTROL = 'cluster-control';

/** A command run with `Cluster.stream`: its result so far, and whether it keeps printing. */
export interface ClusterStream {
  /** What the command printed before returning (also delivered to the listener) and its exit status. */
  result: RunResult;
  /** True while the command keeps printing (`kubectl get -w`, `kubectl logs -f`); false once it ended. */
  readonly live: boolean;
  /** Interrupt it (Ctrl+C): it stops printing and `$?` becomes 130. Harmless once it has ended. */
  cancel(): void;
  /** Called once when it ends by itself (a watch's --request-timeout, followed containers exited), with the status. */
  onEnd(listener: (exitCode: number) => void): void;
}

/** True when `line` is one simple command without pipes, lists or redirections (what may stream). */
function streamable(line: string): boolean {
  try {
    const { program } = parse(line);
    const cmd = program.length === 1 && program[0].rest.length === 0 && program[0].first.commands.length === 1 ? program[0].first.commands[0] : undefined;
    return cmd?.type === 'simple' && cmd.redirects.length === 0;
  } catch {
    return false;
  }
}

export interface ClusterControl {
  /** Replace the whole cluster with a new one built from `options` (see `Cluster.reset`). */
  reset(options: ClusterOptions): void;
}

/**
 * A simulated Kubernetes cluster: the engine's public face. Everything is synchronous and deterministic;
 * virtual time moves only through `advance`, `runUntilIdle` and commands that wait (`sleep`, `kubectl wait`).
 */
export class Cluster {
  private rt: ClusterRuntime;
  private shell: Shell;
  /** Subscribers of `watch`, with their unsubscribe from the current runtime's store (moved on reset). */
  private readonly watchers = new Map<(ev: WatchEvent) => void, () => void>();
  private readonly resetListeners = new Set<(options: ClusterOptions) => void>();

  constructor(options: ClusterOptions = {}) {
    this.rt = this.build(options);
    this.shell = new Shell(this.rt);
  }

  /** Internals, for engine tests and in-engine tooling; not part of the stable API. Changes on `reset`. */
  get runtime(): ClusterRuntime {
    return this.rt;
  }

  private build(options: ClusterOptions): ClusterRuntime {
    const rt = new ClusterRuntime(options);
    rt.services.set(CLUSTER_CONTROL, { reset: (o: ClusterOptions) => this.reset(o) } satisfies ClusterControl);
    bootstrap(rt);
    if (options.boot !== false) boot(rt);
    return rt;
  }

  /**
   * Throw the cluster away and start a new one from `options` (what `lab cluster create` does, like
   * `kind delete cluster && kind create cluster`). Nothing of the old cluster's objects survives. What belongs to
   * the user's machine rather than to the cluster stays: the lab's files, the terminal's variables and history
   * (a node shell entered with `ssh` is left). The new cluster's virtual time starts at zero at the old cluster's
   * current wall-clock instant (unless `options.startTime` says otherwise), so dates keep moving forward.
   * `watch` subscribers are moved to the new cluster; `onReset` listeners are told after it is up.
   */
  reset(options: ClusterOptions = {}): void {
    const old = this.rt;
    const next = this.build({ ...options, startTime: options.startTime ?? old.clock.timestamp() });
    for (const [path, text] of old.files) next.files.set(path, text);
    this.rt = next;
    this.shell.useRuntime(next);
    for (const [listener, unsubscribe] of this.watchers) {
      unsubscribe();
      this.watchers.set(listener, this.subscribe(listener));
    }
    for (const l of [...this.resetListeners]) l(next.options);
  }

  /** Be told when `reset` replaced the cluster (the page redraws everything); returns the unsubscribe function. */
  onReset(listener: (options: ClusterOptions) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** The options the current cluster was created with. */
  options(): ClusterOptions {
    return this.rt.options;
  }

  /**
   * Run one terminal input (may hold several lines, e.g. a heredoc) exactly as the lab terminal would.
   * `onOutput`, when given, receives stdout and stderr in the order they were written.
   */
  run(line: string, onOutput?: OutputListener): RunResult {
    try {
      const result = this.shell.run(line, onOutput);
      this.runtime.history.afterRun(this.runtime, line, result.exitCode);
      return result;
    } catch (e) {
      // Nothing may escape `run`: report an internal error the way a shell reports a crashed program.
      this.runtime.reportInternalError('run', e);
      return { stdout: '', stderr: `internal error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 2 };
    }
  }

  /**
   * Run one terminal input that may keep printing as the cluster changes: a single `kubectl get -w` or
   * `kubectl logs -f` prints what it has, then every later change through `onOutput` while virtual time moves
   * (`advance`, the page's ticker), until `cancel()` (Ctrl+C, `$?` 130) or it ends by itself. Anything else
   * runs exactly as `run`, with `live` false.
   */
  stream(line: string, onOutput: OutputListener): ClusterStream {
    let stop: (() => void) | undefined;
    let ended: number | undefined;
    let endListener: ((code: number) => void) | undefined;
    let claimed = false;
    const shell = this.shell;
    const slot: FollowSlot = {
      out: (t) => ended === undefined && onOutput('stdout', t),
      err: (t) => ended === undefined && onOutput('stderr', t),
      hold: (s) => (stop = s),
      end: (code) => {
        if (ended !== undefined) return;
        ended = code;
        stop?.();
        shell.state.lastStatus = code;
        endListener?.(code);
      },
    };
    const rt = this.rt;
    const host: FollowHost = { claim: () => (claimed ? undefined : ((claimed = true), slot)) };
    const canStream = streamable(line);
    if (canStream) rt.services.set(FOLLOW_SERVICE, host);
    let result: RunResult;
    try {
      result = this.run(line, onOutput);
    } finally {
      if (canStream) rt.services.delete(FOLLOW_SERVICE);
    }
    if (stop === undefined && ended === undefined) ended = result.exitCode;
    return {
      result,
      get live() {
        return ended === undefined;
      },
      cancel: () => {
        if (ended !== undefined) return;
        ended = 130;
        stop?.();
        shell.state.lastStatus = 130;
      },
      onEnd: (l) => {
        endListener = l;
      },
    };
  }

  /** The terminal prompt to show now: `$ `, or `root@NODE:/# ` inside an `ssh NODE` session. */
  prompt(): string {
    return this.shell.prompt();
  }

  /** Move virtual time forward by `ms`, firing everything due on the way. */
  advance(ms: number): void {
    this.runtime.advance(ms);
  }

  /** Advance until nothing but periodic background work is pending (bounded by `maxMs`). Returns ms elapsed. */
  runUntilIdle(maxMs?: number): number {
    return this.runtime.runUntilIdle(maxMs);
  }

  /** Virtual milliseconds since the cluster started. */
  now(): number {
    return this.runtime.clock.now();
  }

  /** One object as the API returns it (a copy), or undefined. `kind` accepts what kubectl accepts (pods, po, Pod). */
  get(kind: string, name: string, namespace?: string): KubeObject | undefined {
    const rt = this.runtime.registry.lookup(kind);
    if (!rt) return undefined;
    const o = this.runtime.store.get(rt.plural, rt.namespaced ? namespace ?? 'default' : undefined, name);
    return o ? clone(o) : undefined;
  }

  /** All objects of a kind (copies), in one namespace or all when omitted. */
  list(kind: string, namespace?: string): KubeObject[] {
    const rt = this.runtime.registry.lookup(kind);
    if (!rt) return [];
    return this.runtime.store.list(rt.plural, rt.namespaced ? namespace : undefined).map(clone);
  }

  /** Subscribe to every change; returns the unsubscribe function. Objects are read-only snapshots. */
  watch(listener: (ev: WatchEvent) => void): () => void {
    // Wrapped so that subscribing the same function twice gives two independent subscriptions.
    const own = (ev: WatchEvent) => listener(ev);
    this.watchers.set(own, this.subscribe(own));
    return () => {
      this.watchers.get(own)?.();
      this.watchers.delete(own);
    };
  }

  private subscribe(listener: (ev: WatchEvent) => void): () => void {
    return this.rt.store.watch((ev) =>
      listener({ type: ev.type, kind: ev.object.kind, object: ev.object, resourceVersion: String(ev.resourceVersion) }),
    );
  }

  /**
   * How the scheduler placed a pod, or why it could not: per node, each Filter plugin's verdict and each Score
   * plugin's raw, normalized and weighted score, the totals and the pick (what `lab explain-scheduling -o json`
   * prints). Undefined when the scheduler has no record of the pod.
   */
  explainScheduling(namespace: string, name: string): SchedulingExplanation | undefined {
    return this.runtime.service<SchedulerService>(SCHEDULER_SERVICE)?.explain(namespace, name);
  }

  /**
   * The service mesh's per-edge telemetry (source workload → destination service: requests/s, error rate,
   * p50/p90/p99, mTLS) over the last minute of virtual time, as Istio's standard metrics report it. Empty without Istio.
   */
  meshTelemetry(): MeshTelemetryEdge[] {
    return meshTelemetry(this.runtime);
  }

  /** The files of the lab's virtual filesystem (what `cat > f.yaml` wrote, what the editor saved). */
  writeFile(path: string, content: string): void {
    this.runtime.files.set(normalizePath(path), content);
  }

  readFile(path: string): string | undefined {
    return this.runtime.files.get(normalizePath(path));
  }
}

export function createCluster(options?: ClusterOptions): Cluster {
  return new Cluster(options);
}
