import type { ContainerNet } from '../images/shell/net/types.ts';
import type { PodNetView } from '../images/shell/procs.ts';
import type { CniService } from '../network/cni/index.ts';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../api/types.ts';
import type { TimerId } from '../clock/clock.ts';
import { SimProcess, type ProcessExit } from '../images/process.ts';
import { adoptReusing } from '../store/store.ts';
import { Backoff, goSeconds } from './backoff.ts';
import { newCtr, type Ctr } from './container.ts';
import { containerEnv, containerFs } from './env.ts';
import { processCredentials, readOnlyRootFilesystem, runAsNonRootError } from './securitycontext.ts';
import { expandArgv } from './expand.ts';
import { runPreStop, runPostStart } from './hooks.ts';
import { httpUrl } from './http.ts';
import type { NodeAgent } from './node.ts';
import { startProbes, stopProbes } from './probes.ts';
import { ensureImage } from './pull.ts';
import { memoryLimitBytes, podQOS } from './qos.ts';
import { containerStatuses, podStatus, rememberStatuses } from './podstatus.ts';
import { podPhase } from './status.ts';
import { PodVolumes } from './volumes.ts';

/** A timer of a pod worker: live until it fires or is cancelled. */
interface TimerRecord {
  id: TimerId;
  live: boolean;
}

/** `n` random hex digits as one flat string (a rope of n pieces would stay alive with the container's status). */
function hexId(rng: { int(n: number): number }, n: number): string {
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) codes[i] = HEX.charCodeAt(rng.int(16));
  return String.fromCharCode(...codes);
}
const HEX = '0123456789abcdef';

/** Exits further away than this are background work: `runUntilIdle` does not wait for a `sleep 3600`. */
const FOREGROUND_EXIT_MS = 120_000;
/** PLEG relist: the kubelet notices a container exit about a second later. */
const PLEG_MS = 1_000;
const MIN_GRACE_S = 2;

/**
 * One pod on one node, from sandbox creation to teardown: image pulls, init containers, container starts,
 * restarts with back-off, probes, graceful termination, and the pod status the kubelet reports.
 */
export class PodWorker {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly spec: Pod['spec'] & object;
  readonly ctrs: Ctr[];
  podIP?: string;
  sandboxReady = false;
  terminating = false;
  /** The pod reached Succeeded/Failed (no more restarts); its sandbox is gone. */
  terminal = false;
  gone = false;
  readonly startTime: number;
  readonly crashBackoff = new Backoff();
  /** The last pull error per image (created on the first failed pull). */
  pullErrors?: Map<string, string>;
  /**
   * This worker's timers, so `destroy` can cancel them. A fired one only marks its record (which sits next to
   * its callback): the list is compacted when it grows, rather than updated on every firing.
   */
  private timers: TimerRecord[] = [];
  private compactAt = 16;
  private dirty = false;
  private flushTimer?: TimerId;
  private qos: string;
  /** The pod's volumes (kubelet volume manager); containers start once all are set up. */
  readonly volumes = new PodVolumes(this);
  private sandboxScheduled = false;
  /** The label of this worker's timers (built once). */
  private timerLabel?: string;

  constructor(
    readonly node: NodeAgent,
    pod: KubeObject,
  ) {
    const p = pod as unknown as Pod;
    this.uid = pod.metadata.uid ?? '';
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name ?? '';
    // Stored objects are immutable: the worker keeps the spec it was created from by reference.
    this.spec = p.spec ?? { containers: [] };
    const hasInit = (this.spec.initContainers ?? []).length > 0;
    this.ctrs = [
      ...(this.spec.initContainers ?? []).map((c) => newCtr(c, true, hasInit)),
      ...(this.spec.containers ?? []).map((c) => newCtr(c, false, hasInit)),
    ];
    this.startTime = this.now();
    this.qos = (p.status?.qosClass as string | undefined) ?? podQOS(p);
  }

  now(): number {
    return this.node.rt.clock.now();
  }

  unix(ms: number): number {
    return this.node.rt.clock.epochMs + ms;
  }

  fieldPath(c: Ctr): string {
    return (c.fieldPath ??= c.init ? `spec.initContainers{${c.spec.name}}` : `spec.containers{${c.spec.name}}`);
  }

  pod(): KubeObject | undefined {
    const p = this.node.rt.store.get('pods', this.namespace, this.name);
    return p && p.metadata.uid === this.uid ? p : undefined;
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const p = this.pod();
    if (p) this.node.event(p, type, reason, message, fieldPath);
  }

  /** Run `fn` after `ms`; foreground work keeps `runUntilIdle` going, background work does not. */
  after(ms: number, fn: () => void, foreground: boolean): TimerId {
    const rec: TimerRecord = { id: 0, live: true };
    rec.id = this.node.rt.clock.schedule(
      () => {
        rec.live = false;
        if (!this.gone) fn();
      },
      ms,
      { background: !foreground, label: (this.timerLabel ??= `kubelet:${this.namespace}/${this.name}`) },
    );
    if (this.timers.length >= this.compactAt) {
      this.timers = this.timers.filter((r) => r.live);
      this.compactAt = Math.max(16, this.timers.length * 2);
    }
    this.timers.push(rec);
    return rec.id;
  }

  at(t: number, fn: () => void, foreground: boolean): TimerId {
    return this.after(Math.max(0, t - this.now()), fn, foreground);
  }

  cancel(id: TimerId | undefined): void {
    if (id === undefined) return;
    this.node.rt.clock.cancel(id);
    // Usually one of the latest.
    for (let i = this.timers.length - 1; i >= 0; i--) {
      if (this.timers[i].id === id) {
        this.timers[i].live = false;
        break;
      }
    }
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  begin(): void {
    this.markDirty();
    this.volumesChanged();
  }

  /** WaitForAttachAndMount, retried when something volumes depend on changes: then the sandbox comes up. */
  volumesChanged(): void {
    if (this.sandboxScheduled || this.terminating || this.gone) return;
    const waiters = this.node.volumeWaiters;
    if (!this.volumes.setUp()) {
      waiters.add(this);
      return;
    }
    waiters.delete(this);
    this.sandboxScheduled = true;
    // RunPodSandbox: network namespace, CNI ADD, pause container.
    this.after(300 + this.node.rt.rng.int(500), () => this.sandboxUp(), true);
  }

  private sandboxUp(): void {
    if (this.terminating) return;
    // hostNetwork pods share the node's network namespace and address; the others get one from the podCIDR.
    this.podIP = this.spec.hostNetwork ? this.node.nodeIP || undefined : this.node.ipam.allocate();
    this.sandboxReady = true;
    this.advance();
    // One sync, as upstream's SyncPod: it creates the sandbox, pulls and starts the containers, and the status
    // it reports next shows them started (or why they could not start). The sandbox alone (its IP, the
    // PodReadyToStartContainers condition) is reported only when no container start is under way.
    if (!this.ctrs.some((c) => c.inProgress)) this.markDirty();
  }

  /** Start whatever should run next: init containers one by one, then the app containers in order. */
  advance(): void {
    if (this.terminating || this.terminal) return;
    for (const c of this.ctrs) {
      if (!c.init) continue;
      if (c.state.kind === 'terminated' && c.state.exitCode === 0) continue;
      if (c.state.kind === 'waiting' && !c.containerID && !c.inProgress && !c.retry) this.startCtr(c);
      return;
    }
    for (const c of this.ctrs) {
      if (c.init || c.containerID || c.inProgress || c.retry) continue;
      this.startCtr(c);
      return;
    }
  }

  setWaiting(c: Ctr, reason: string, message?: string): void {
    c.state = { kind: 'waiting', reason, message };
    const first = !c.retry;
    c.inProgress = false;
    c.retry = true;
    this.markDirty();
    // One container that cannot start does not hold the others back (init containers do).
    if (first && !c.init) this.advance();
  }

  private startCtr(c: Ctr): void {
    c.inProgress = true;
    ensureImage(this, c, (at) => {
      c.retry = false;
      this.at(at + 40 + this.node.rt.rng.int(60), () => this.runCtr(c), true);
    });
  }

  private runCtr(c: Ctr): void {
    if (this.terminating) return;
    const rt = this.node.rt;
    const pod = this.pod();
    if (!pod || !c.image) return;
    const fp = this.fieldPath(c);
    const configError = runAsNonRootError(pod as unknown as Pod, c.spec);
    if (configError) {
      this.event('Warning', 'Failed', `Error: ${configError}`, fp);
      this.setWaiting(c, 'CreateContainerConfigError', configError);
      return;
    }
    c.containerID = `containerd://${hexId(rt.rng, 64)}`;
    const startedAt = this.now();
    const env = containerEnv(rt.api, pod as unknown as Pod, c.spec, c.image.repo, this.podIP ?? '', this.node.nodeIP);
    c.fs = containerFs(pod as unknown as Pod, c.spec, c.image.repo, this.volumes.mounted, this.podIP ? [this.podIP] : []);
    if (readOnlyRootFilesystem(c.spec)) c.fs.readOnlyRoot = true;
    if (c.proc) c.previousProc = c.proc;
    c.proc = new SimProcess({
      repo: c.image.repo,
      tag: c.image.tag,
      command: expandArgv(c.spec.command, env),
      args: expandArgv(c.spec.args, env),
      env,
      hostname: pod.metadata.name ?? '',
      podIP: this.podIP ?? '',
      startMs: this.unix(startedAt),
      fs: c.fs,
      memoryLimit: memoryLimitBytes(c.spec),
      httpGet: (url) => httpUrl(rt, url, this.podIP ?? ''),
      cluster: { service: <T,>(name: string) => rt.service<T>(name), httpGet: (url, headers) => httpUrl(rt, url, this.podIP ?? '', headers) },
      net: rt.service<{ containerNet(ns: string, name: string): ContainerNet }>('network')?.containerNet(this.namespace, this.name),
      pod: this.ctrs.length > 1 || this.spec.shareProcessNamespace ? { peers: () => this.peerProcs(c), nowMs: () => this.unix(this.now()), sharePids: !!this.spec.shareProcessNamespace } : undefined,
      podNet: () => this.podNet(),
      creds: processCredentials(pod as unknown as Pod, c.spec),
    });
    c.inProgress = false;
    if (c.proc.startError) {
      this.event('Warning', 'Failed', `Error: ${c.proc.startError}`, fp);
      c.state = { kind: 'terminated', exitCode: 128, reason: 'StartError', message: c.proc.startError, startedAt: 0, finishedAt: startedAt, containerID: c.containerID };
      this.markDirty();
      this.after(PLEG_MS, () => this.afterExit(c), true);
      return;
    }
    this.event('Normal', 'Created', `Created container: ${c.spec.name}`, fp);
    this.event('Normal', 'Started', `Started container ${c.spec.name}`, fp);
    c.state = { kind: 'running', startedAt };
    c.started = !c.spec.startupProbe || c.init;
    c.ready = !c.init && !c.spec.readinessProbe && c.started;
    this.markDirty();
    runPostStart(this, c);
    this.scheduleExit(c);
    if (!c.init) startProbes(this, c);
    this.advance();
  }

  /** eth0 of the pod's network namespace, as the CNI plugin set it up (the host end of its veth pair is ifN). */
  private podNet(): PodNetView | undefined {
    const ip = this.podIP;
    if (!ip || this.spec.hostNetwork) return undefined;
    const cni = this.node.rt.service<CniService>('cni');
    const pn = cni?.pods(this.node.name).find((p) => p.ip === ip);
    const hostIfIndex = pn?.ifindex ?? 0;
    if (cni?.name === 'calico') return { ip, prefix: 32, gateway: '169.254.1.1', hostIfIndex, mtu: 1480, routed: true };
    const prefix = Number(/\/(\d+)$/.exec(this.node.ipam.cidr)?.[1] ?? 24);
    return { ip, prefix, gateway: this.node.ipam.gateway(), hostIfIndex, mtu: cni ? 1450 : 1500, clusterCIDR: cni?.clusterCIDR };
  }

  /** The running processes of the pod's other containers (shared volumes, network and PID namespaces). */
  peerProcs(c: Ctr): SimProcess[] {
    const out: SimProcess[] = [];
    for (const o of this.ctrs) if (o !== c && o.state.kind === 'running' && o.proc) out.push(o.proc);
    return out;
  }

    /** Arm the timer for the moment the current process ends on its own (or is OOM-killed). */
  scheduleExit(c: Ctr): void {
    this.cancel(c.exitTimer);
    c.exitTimer = undefined;
    const ex = c.proc?.predictExit();
    if (!ex) return;
    const at = ex.atMs - this.node.rt.clock.epochMs;
    c.exitTimer = this.at(at, () => this.onExit(c, ex), at - this.now() <= FOREGROUND_EXIT_MS);
  }

  /** The container's process ended (by itself, OOM, or killed by us). */
  onExit(c: Ctr, ex: ProcessExit): void {
    if (c.state.kind !== 'running') return;
    this.cancel(c.exitTimer);
    c.exitTimer = undefined;
    c.proc?.advanceTo(ex.atMs);
    stopProbes(this, c);
    const finishedAt = ex.atMs - this.node.rt.clock.epochMs;
    const reason = ex.reason ?? (ex.code === 0 ? 'Completed' : 'Error');
    c.state = { kind: 'terminated', exitCode: ex.code, reason, startedAt: c.state.startedAt, finishedAt, containerID: c.containerID ?? '' };
    c.ready = false;
    c.started = false;
    c.stopping = false;
    if (c.init && ex.code === 0) c.ready = true;
    this.markDirty();
    if (this.terminating) {
      this.maybeFinishTermination();
      return;
    }
    this.after(PLEG_MS, () => this.afterExit(c), finishedAt - this.startTime < 600_000 || c.restartCount < 2);
  }

  /** The next sync after an exit: restart now, back off, or let the pod finish. */
  private afterExit(c: Ctr): void {
    if (this.terminating || c.state.kind !== 'terminated') return;
    const policy = this.spec.restartPolicy ?? 'Always';
    const code = c.state.exitCode;
    if (c.init) {
      if (code === 0) return this.advance();
      if (policy === 'Never') return this.finishPod();
    } else {
      const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
      if (!restart) {
        if (this.ctrs.every((x) => x.init || x.state.kind === 'terminated')) this.finishPod();
        return;
      }
    }
    this.restartWithBackoff(c);
  }

  private restartWithBackoff(c: Ctr): void {
    const term = c.state.kind === 'terminated' ? c.state : c.state.kind === 'waiting' && c.state.reason === 'CrashLoopBackOff' ? c.lastTerminated : undefined;
    if (!term) return;
    const key = c.spec.name;
    const finished = term.finishedAt;
    if (this.crashBackoff.isInBackOffSince(key, finished, this.now())) {
      if (c.state.kind !== 'terminated') return;
      const backoff = this.crashBackoff.get(key);
      const podRef = `${this.name}_${this.namespace}(${this.uid})`;
      this.event('Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${podRef}`, this.fieldPath(c));
      c.lastTerminated = c.state;
      c.state = { kind: 'waiting', reason: 'CrashLoopBackOff', message: `back-off ${goSeconds(backoff)} restarting failed container=${c.spec.name} pod=${podRef}` };
      this.markDirty();
      this.at(finished + backoff, () => this.restartWithBackoff(c), false);
      return;
    }
    this.crashBackoff.next(key, finished);
    this.restart(c);
  }

  private restart(c: Ctr): void {
    if (c.state.kind === 'terminated') c.lastTerminated = c.state;
    c.restartCount++;
    c.containerID = undefined;
    this.startCtr(c);
  }

  /** All containers are done for good: report the terminal phase and tear the sandbox down. */
  finishPod(): void {
    if (this.terminal) return;
    this.terminal = true;
    this.teardownSandbox();
    this.markDirty();
  }

  private teardownSandbox(): void {
    this.node.volumeWaiters.delete(this);
    this.volumes.tearDown();
    if (!this.sandboxReady) return;
    this.sandboxReady = false;
    if (!this.spec.hostNetwork) this.node.ipam.release(this.podIP);
  }

  // ---- kill & termination ------------------------------------------------------------------------------------

  /**
   * Stop a running container: Killing event, preStop hook, the image's stop signal, SIGKILL at the end of the
   * grace period (at least 2 s).
   */
  killCtr(c: Ctr, message: string, graceSeconds: number): void {
    if (c.state.kind !== 'running' || c.stopping || !c.proc) return;
    c.stopping = true;
    stopProbes(this, c);
    this.event('Normal', 'Killing', message, this.fieldPath(c));
    const grace = Math.max(graceSeconds, MIN_GRACE_S) * 1000;
    const start = this.now();
    const hookMs = Math.min(runPreStop(this, c), grace);
    const deadline = start + grace;
    const proc = c.proc;
    this.cancel(c.exitTimer);
    c.exitTimer = undefined;
    this.after(hookMs, () => {
      const signal = c.image?.repo.stopSignal ?? 'SIGTERM';
      const natural = proc.predictExit();
      const ex = proc.signal(signal, this.unix(this.now()));
      let exit = ex && this.unix(deadline) >= ex.atMs ? ex : undefined;
      if (natural && natural.atMs <= this.unix(deadline) && (!exit || natural.atMs < exit.atMs)) exit = natural;
      if (exit) {
        const e = exit;
        c.exitTimer = this.at(e.atMs - this.node.rt.clock.epochMs, () => this.onExit(c, e), true);
      } else {
        c.exitTimer = this.at(deadline, () => this.onExit(c, proc.kill(this.unix(deadline))), true);
      }
    }, true);
  }

  /** The pod got a deletionTimestamp: stop everything, report, then delete the pod object. */
  terminate(graceSeconds: number): void {
    if (this.terminating) return;
    this.terminating = true;
    for (const c of this.ctrs) {
      stopProbes(this, c);
      if (c.state.kind === 'running') this.killCtr(c, `Stopping container ${c.spec.name}`, graceSeconds);
    }
    // Pending pulls, restarts and back-offs stop mattering.
    this.maybeFinishTermination();
  }

  private maybeFinishTermination(): void {
    if (this.ctrs.some((c) => c.state.kind === 'running')) return;
    for (const c of this.ctrs) {
      if (c.state.kind === 'waiting' && c.lastTerminated) c.state = c.lastTerminated;
    }
    this.terminal = true;
    this.flush();
    this.teardownSandbox();
    const rt = this.node.rt;
    this.after(0, () => {
      const p = this.pod();
      if (!p) return;
      try {
        rt.api.delete('pods', this.namespace, this.name, { gracePeriodSeconds: 0, uid: this.uid });
      } catch {
        // Already gone.
      }
    }, true);
  }

  /** The pod object is gone: stop every timer and free the IP. */
  destroy(): void {
    this.gone = true;
    for (const r of this.timers) if (r.live) this.node.rt.clock.cancel(r.id);
    this.timers = [];
    this.teardownSandbox();
  }

  // ---- status --------------------------------------------------------------------------------------------

  markDirty(): void {
    this.dirty = true;
    if (this.flushTimer !== undefined) return;
    this.flushTimer = this.after(0, () => {
      this.flushTimer = undefined;
      this.flush();
    }, true);
  }

  /** Write the pod status the kubelet computes from its view of the containers. */
  flush(): void {
    if (!this.dirty || this.gone || !this.node.reachable()) return;
    this.dirty = false;
    const rt = this.node.rt;
    const cur = this.pod();
    if (!cur) return;
    const ts = (ms: number) => rt.clock.timestamp(ms);
    // The API server copies what it is given: a shallow view over the stored pod is enough here.
    const old = (cur.status ?? {}) as Mut<PodStatus>;
    // Parts that did not change are the stored ones (so the server and watchers compare them by reference).
    const initStatuses = containerStatuses(this.ctrs, true, old.initContainerStatuses, ts);
    const statuses = containerStatuses(this.ctrs, false, old.containerStatuses, ts);
    const phase = podPhase(this.spec, initStatuses, statuses, this.terminal);
    if ((phase === 'Succeeded' || phase === 'Failed') && !this.terminal) {
      this.terminal = true;
      this.teardownSandbox();
    }
    const facts = { spec: this.spec, phase, sandboxReady: this.sandboxReady, nodeIP: this.node.nodeIP, podIP: this.podIP, startTime: this.startTime, qos: this.qos, now: this.now() };
    const status = podStatus(old, initStatuses, statuses, facts, ts);
    let stored: KubeObject;
    try {
      // Built for this write: parts equal to the stored status are swapped for the stored ones (so watchers
      // can compare by reference), and the server keeps the rest without copying it.
      stored = rt.api.updateStatus({ ...cur, status: adoptReusing(status, cur.status) }, { owned: true });
    } catch {
      // The pod changed or vanished under us; the next event brings a fresh view.
      return;
    }
    const st = stored.status as PodStatus | undefined;
    rememberStatuses(this.ctrs, true, st?.initContainerStatuses);
    rememberStatuses(this.ctrs, false, st?.containerStatuses);
  }
}
