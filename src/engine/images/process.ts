import { appVersion, type Repository } from './catalog.ts';
import type { ContainerFs } from './fs.ts';
import type { ProcessCreds } from './shell/creds.ts';
import { busyboxOnly, type PodNetView, type PsEntry } from './shell/procs.ts';
import { runCommand, type Gen, type ShMachine, type ShState, type ShTool } from './shell/run.ts';
import type { AppCluster, AppInstance, HttpRequest, HttpResponse } from './types.ts';

export interface LogLine {
  /** unix ms (virtual). */
  t: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ProcessOptions {
  repo: Repository;
  tag: string;
  command?: string[];
  args?: string[];
  /** Container environment (image env overridden by the container's env). */
  env: Map<string, string>;
  hostname: string;
  podIP: string;
  /** unix ms (virtual) at which the process starts. */
  startMs: number;
  fs: ContainerFs;
  /** Memory limit in bytes; a program holding more is OOM-killed. */
  memoryLimit?: number;
  httpGet?: ShMachine['httpGet'];
  /** The cluster around the container, for programs that act on it (ingress controllers). */
  cluster?: AppCluster;
  net?: ShMachine['net'];
  /**
   * The pod around the container: its other containers' processes (they share volumes, the network
   * namespace and, with shareProcessNamespace, the PID namespace) and the pod's current time (unix ms).
   */
  pod?: PodPeers;
  /** eth0 of the pod's network namespace (`ip`). */
  podNet?(): PodNetView | undefined;
  /** The uid, gids and capabilities the container runs with (securityContext); undefined: root. */
  creds?: ProcessCreds;
}

export interface PodPeers {
  peers(): SimProcess[];
  nowMs(): number;
  /** spec.shareProcessNamespace: one PID namespace for the pod, the pause process as PID 1. */
  sharePids?: boolean;
}

export interface ProcessExit {
  /** unix ms (virtual). */
  atMs: number;
  code: number;
  reason?: 'OOMKilled';
}

const MAX_LOG_LINES = 5000;
/** How long the OOM killer takes to notice a program over its limit. */
const OOM_DELAY_MS = 800;

/** The argv a container runs: the container's command/args over the image's ENTRYPOINT/CMD, as the runtime combines them. */
export function containerArgv(repo: Repository, command?: string[], args?: string[]): string[] {
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  return [...repo.entrypoint, ...(args && args.length > 0 ? args : repo.cmd)];
}

/** True when `name` is something the image can execute. */
export function imageHasBinary(repo: Repository, name: string): boolean {
  if (name in repo.apps || imageTool(repo, name)) return true;
  if (repo.bare) return false;
  const base = name.replace(/^\/(usr\/)?(local\/)?s?bin\//, '');
  if (base === 'bash') return repo.flavor === 'gnu';
  if (busyboxOnly.has(base)) return repo.flavor === 'busybox';
  if (base in repo.apps) return true;
  return /^[a-z[][a-z0-9_.-]*$/.test(base) && knownTools.has(base);
}

/** A short-lived program of the image (`perl`, `/usr/local/bin/perl`), by name or path. */
export function imageTool(repo: Repository, name: string): ShTool | undefined {
  if (!repo.tools) return undefined;
  return repo.tools[name] ?? (name.startsWith('/') ? repo.tools[name.replace(/^.*\//, '')] : undefined);
}

const knownTools = new Set([
  'sh', 'ash', 'sleep', 'echo', 'printf', 'cat', 'ls', 'touch', 'rm', 'mkdir', 'date', 'hostname', 'env', 'printenv', 'true', 'false',
  'test', '[', 'whoami', 'id', 'pwd', 'uname', 'seq', 'wc', 'head', 'grep', 'kill', 'wget', 'curl',
  'nc', 'ping', 'nslookup', 'dig', 'chown', ...busyboxOnly,
]);

/**
 * A container's main process: runs the command lazily against virtual time. Nothing happens until someone
 * looks (`advanceTo`): logs, files and exit follow from the program text, so a process that logs every second
 * costs nothing while nobody reads its logs. `predictExit` finds when it ends on its own (a dry run on a copy).
 */
export class SimProcess {
  readonly logs: LogLine[] = [];
  exited?: ProcessExit;
  /** Set when the command cannot be started (executable not found). */
  readonly startError?: string;
  private gen?: Gen;
  private st?: ShState;
  private cursor: number;
  private waitUntil: number;
  private app?: { inst: AppInstance; start: number; logIndex: number };
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  private stopping?: ProcessExit & { logs: string[]; logAt: number };
  private version: string;
  /** True while advancing (a peer asked about its ports mid-advance sees the state so far). */
  private advancing = false;

  constructor(readonly opts: ProcessOptions) {
    this.cursor = opts.startMs;
    this.waitUntil = opts.startMs;
    this.version = appVersion(opts.repo, opts.tag);
    const argv = containerArgv(opts.repo, opts.command, opts.args);
    if (argv.length === 0) {
      this.startError = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown';
      return;
    }
    if (!imageHasBinary(opts.repo, argv[0])) {
      this.startError = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0]}": executable file not found in $PATH: unknown`;
      return;
    }
    if (opts.creds && (opts.creds.uid !== 0 || opts.creds.gid !== 0 || opts.creds.fsGroup !== undefined)) opts.fs.writer = { uid: opts.creds.uid, gid: opts.creds.gid, mountGid: opts.creds.fsGroup };
    this.st = { m: this.machine(false), status: 0 };
    this.gen = runCommand(this.st, argv, {
      out: (t) => this.write('stdout', t),
      err: (t) => this.write('stderr', t),
      stdin: '',
    });
  }

  /** A shell "machine" bound to this container. */
  machine(interactive: boolean, at?: number): ShMachine {
    const o = this.opts;
    return {
      vars: interactive ? new Map(o.env) : o.env,
      fs: o.fs,
      flavor: o.repo.flavor,
      hostname: o.hostname,
      now: () => (at !== undefined ? at : this.cursor),
      interactive,
      httpGet: o.httpGet,
      net: o.net,
      // Inside a shell every builtin exists; only bash depends on the image.
      hasBinary: (n) => {
        if (o.repo.bare) return n in o.repo.apps;
        const base = n.replace(/^.*\//, '');
        if (busyboxOnly.has(base)) return o.repo.flavor === 'busybox';
        return base !== 'bash' || o.repo.flavor === 'gnu';
      },
      podIP: o.podIP || undefined,
      podNet: o.podNet,
      creds: o.creds,
      processes: () => this.psList(interactive),
      tool: (n) => imageTool(o.repo, n),
      version: this.version,
      startApp: (argv) => {
        const f = o.repo.apps[argv[0]] ?? o.repo.apps[argv[0].replace(/^.*\//, '')];
        if (!f) return undefined;
        const at = this.cursor;
        return f({ argv, env: o.env, hostname: o.hostname, podIP: o.podIP, fs: o.fs, startMs: at, version: this.version, tag: o.tag, cluster: o.cluster, portInUse: o.pod ? (port) => this.portTaken(port, at)?.bindInfo() : undefined });
      },
    };
  }

  private write(stream: 'stdout' | 'stderr', text: string): void {
    const all = this.partial[stream] + text;
    const lines = all.split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const l of lines) this.push({ t: this.cursor, stream, text: l });
  }

  private push(l: LogLine): void {
    this.logs.push(l);
    if (this.logs.length > MAX_LOG_LINES) this.logs.splice(0, this.logs.length - MAX_LOG_LINES);
  }

  /**
   * Bring the pod's other processes up to unix ms `t` (never past the pod's now), so what they wrote to shared
   * volumes is there before this container reads it.
   */
  syncPeers(t: number): void {
    const pod = this.opts.pod;
    if (!pod) return;
    const at = Math.min(t, pod.nowMs());
    for (const p of pod.peers()) p.advanceTo(at);
  }

  /** A peer process of the pod already holding TCP `port` at unix ms `t` (the pod shares one network namespace). */
  portTaken(port: number, t: number): SimProcess | undefined {
    const pod = this.opts.pod;
    if (!pod) return undefined;
    const at = Math.min(t, pod.nowMs());
    for (const p of pod.peers()) {
      p.advanceTo(at);
      if (p.holdsPort(port)) return p;
    }
    return undefined;
  }

  /** True when the current program has bound `port` (whether or not it accepts connections yet). */
  holdsPort(port: number): boolean {
    return !!this.app && !this.exited && this.app.inst.ports.includes(port);
  }

  /** `kubectl exec` sessions so far (each gets the next PID of the namespace). */
  execs = 0;

  /** What `ps` lists: PID 1 (the container's command, or the pause process when the pod shares one PID namespace), the other containers' commands when shared, and the exec'd `ps` itself. */
  private psList(fromExec: boolean): PsEntry[] {
    const pod = this.opts.pod;
    const out: PsEntry[] = [];
    let next = 7;
    if (pod?.sharePids) {
      out.push({ pid: 1, user: 'root', argv: ['/pause'] });
      const all = [this, ...pod.peers()].sort((a, b) => a.opts.startMs - b.opts.startMs);
      for (const p of all) {
        for (const t of p.titles()) out.push({ pid: next++, ...t });
        next += 5;
      }
    } else {
      for (const t of this.titles()) out.push({ pid: out.length === 0 ? 1 : next++, ...t });
    }
    if (fromExec) out.push({ pid: next + 6 * Math.max(0, this.execs - 1), user: 'root', argv: ['ps'] });
    return out;
  }

  /** The container's processes as `ps` shows them (a server that renamed itself and its workers). */
  titles(): Array<{ user: string; argv: string[] }> {
    const a = this.app && !this.exited ? this.app.inst.processTitles : undefined;
    if (a) return a.map((t) => ({ user: t.user, argv: [t.title] }));
    return [{ user: 'root', argv: this.argv() }];
  }

  /** How the current program binds its ports. */
  bindInfo(): { dualStack: boolean } {
    return { dualStack: !!this.app?.inst.dualStack };
  }

  /** The container's command line (PID 1 of its PID namespace). */
  argv(): string[] {
    return containerArgv(this.opts.repo, this.opts.command, this.opts.args);
  }

  /** Run the program up to unix ms `t`. */
  advanceTo(t: number, stepBudget = 200_000): void {
    if (this.advancing) return;
    this.advancing = true;
    try {
      this.advanceInner(t, stepBudget);
    } finally {
      this.advancing = false;
    }
  }

  private advanceInner(t: number, stepBudget: number): void {
    let steps = 0;
    while (!this.exited && steps++ < stepBudget) {
      if (this.stopping && this.stopping.atMs <= t) {
        this.flushApp(this.stopping.atMs);
        for (const text of this.stopping.logs) this.push({ t: this.stopping.logAt, stream: 'stderr', text });
        this.finish({ atMs: this.stopping.atMs, code: this.stopping.code });
        return;
      }
      if (this.app) {
        const a = this.app;
        this.flushApp(t);
        const limit = this.opts.memoryLimit;
        if (limit !== undefined && limit > 0 && a.inst.memoryBytes > limit && a.start + OOM_DELAY_MS <= t) {
          this.finish({ atMs: a.start + OOM_DELAY_MS, code: 137, reason: 'OOMKilled' });
          return;
        }
        if (a.inst.exit && a.start + a.inst.exit.at <= t) {
          this.cursor = a.start + a.inst.exit.at;
          this.st!.appExitCode = a.inst.exit.code;
          this.app = undefined;
          continue;
        }
        return;
      }
      if (!this.gen || this.waitUntil > t) return;
      this.cursor = Math.max(this.cursor, this.waitUntil);
      const r = this.gen.next();
      if (r.done) {
        this.finish({ atMs: this.cursor, code: r.value });
        return;
      }
      const eff = r.value;
      if ('sleep' in eff) this.waitUntil = this.cursor + eff.sleep;
      else this.app = { inst: eff.app, start: this.cursor, logIndex: 0 };
    }
  }

  private flushApp(t: number): void {
    const a = this.app;
    if (!a) return;
    while (a.logIndex < a.inst.logs.length && a.start + a.inst.logs[a.logIndex].at <= t) {
      const l = a.inst.logs[a.logIndex++];
      this.push({ t: a.start + l.at, stream: 'stdout', text: l.text });
    }
  }

  private finish(e: ProcessExit): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) this.push({ t: e.atMs, stream: s, text: this.partial[s] });
      this.partial[s] = '';
    }
    this.cursor = e.atMs;
    this.exited = e;
    this.app = undefined;
    this.gen = undefined;
  }

  /** When the process would end by itself (within `horizonMs`), found by running a copy; undefined if it runs on. */
  predictExit(horizonMs = 86_400_000): ProcessExit | undefined {
    if (this.startError) return undefined;
    if (this.exited) return this.exited;
    const copy = new SimProcess({ ...this.opts, env: new Map(this.opts.env), fs: this.opts.fs.clone(), httpGet: undefined, net: undefined, cluster: undefined });
    // Replay to where this one is, then on to the horizon.
    copy.advanceTo(Math.max(this.cursor, this.opts.startMs) + horizonMs, 50_000);
    if (this.stopping && (!copy.exited || copy.exited.atMs > this.stopping.atMs)) return { atMs: this.stopping.atMs, code: this.stopping.code };
    return copy.exited;
  }

  /** Resident memory (bytes) at unix ms `t`. */
  memoryBytes(t: number): number {
    this.advanceTo(t);
    return this.app?.inst.memoryBytes ?? (this.exited ? 0 : 600 * 1024);
  }

  /** True when something listens on `port` at unix ms `t`. */
  listening(port: number, t: number): boolean {
    this.advanceTo(t);
    const a = this.app;
    return !!a && !this.exited && a.start + a.inst.readyAfterMs <= t && a.inst.ports.includes(port);
  }

  /**
   * Deliver a stop signal at unix ms `t`. Returns when the process will have exited, or undefined when it
   * ignores the signal (a shell or `sleep` as PID 1 ignores SIGTERM).
   */
  signal(signal: string, t: number): ProcessExit | undefined {
    this.advanceTo(t);
    if (this.exited) return this.exited;
    if (this.stopping) return this.stopping;
    const a = this.app;
    if (!a) return undefined;
    const r = a.inst.onStop(signal, t);
    if (!r) return undefined;
    this.stopping = { atMs: t + r.afterMs, code: r.code, logs: r.logs, logAt: t };
    return this.stopping;
  }

  /** SIGKILL at unix ms `t`. */
  kill(t: number): ProcessExit {
    this.advanceTo(t);
    if (!this.exited) this.finish({ atMs: t, code: 137 });
    return this.exited!;
  }

  /** An HTTP request to this container at unix ms `t`; undefined when nothing answers on the port. */
  http(port: number, path: string, t: number, clientIP: string, userAgent: string, extra?: { host?: string; headers?: Record<string, string> }): HttpResponse | undefined {
    if (!this.listening(port, t)) return undefined;
    this.syncPeers(t);
    const a = this.app!;
    const req: HttpRequest = {
      port,
      path,
      method: 'GET',
      atMs: t,
      uptimeMs: t - a.start,
      clientIP,
      userAgent,
      host: extra?.host,
      headers: extra?.headers,
      log: (line) => this.push({ t, stream: 'stdout', text: line }),
    };
    return a.inst.http?.(req);
  }

  /** A TCP connection to this container at unix ms `t` that sends `data`: the program's reply ('' when it says nothing); undefined when nothing listens. */
  tcp(port: number, data: string, t: number, clientIP: string): string | undefined {
    if (!this.listening(port, t)) return undefined;
    this.syncPeers(t);
    const a = this.app!;
    return a.inst.tcp?.({ port, data, atMs: t, clientIP, log: (line) => this.push({ t, stream: 'stdout', text: line }) }) ?? '';
  }

  /** Lines written so far (call advanceTo first). */
  output(): LogLine[] {
    return this.logs;
  }
}
