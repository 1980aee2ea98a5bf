import type { Probe } from 'kubernetes-types/core/v1';
import { execInContainer } from '../images/exec.ts';
import type { Ctr, ProbeRun } from './container.ts';
import type { PodWorker } from './worker.ts';

type Kind = 'liveness' | 'readiness' | 'startup';
const title: Record<Kind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

function probeOf(c: Ctr, kind: Kind): Probe | undefined {
  return kind === 'liveness' ? c.spec.livenessProbe : kind === 'readiness' ? c.spec.readinessProbe : c.spec.startupProbe;
}

function portNumber(c: Ctr, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const named = (c.spec.ports ?? []).find((p) => p.name === port);
  return named?.containerPort ?? (parseInt(String(port ?? ''), 10) || 0);
}

/** Run one probe now: success, or failure with the prober's output text. */
export function runProbe(w: PodWorker, c: Ctr, p: Probe): { ok: boolean; output: string } {
  const proc = c.proc;
  if (!proc) return { ok: false, output: '' };
  const t = w.unix(w.now());
  const ip = w.podIP ?? '';
  if (p.exec) {
    const r = execInContainer(proc, (p.exec.command ?? []) as string[], t, 'probe');
    if (r.startError) return { ok: false, output: r.startError };
    return { ok: r.exitCode === 0, output: (r.stdout + r.stderr).replace(/\n$/, '') };
  }
  if (p.httpGet) {
    const port = portNumber(c, p.httpGet.port as number | string);
    const path = p.httpGet.path ?? '/';
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = p.httpGet.host ?? ip;
    const url = `${scheme}://${host}:${port}${path}`;
    if (!proc.listening(port, t)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    const res = proc.http(port, path, t, w.node.ipam.gateway(), 'kube-probe/1.32');
    if (!res) return { ok: false, output: `Get "${url}": read tcp ${w.node.ipam.gateway()}:41234->${host}:${port}: read: connection reset by peer` };
    if (res.status >= 200 && res.status < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (p.tcpSocket) {
    const port = portNumber(c, p.tcpSocket.port as number | string);
    const host = p.tcpSocket.host ?? ip;
    return proc.listening(port, t) ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (p.grpc) {
    const port = p.grpc.port;
    return proc.listening(port, t) ? { ok: true, output: '' } : { ok: false, output: `timeout: failed to connect service "${ip}:${port}" within 1s: context deadline exceeded` };
  }
  return { ok: true, output: '' };
}

function schedule(w: PodWorker, c: Ctr, kind: Kind, delayMs: number, foreground: boolean): void {
  const run = (c.probes[kind] ??= { successes: 0, failures: 0 });
  w.cancel(run.timer);
  run.timer = w.after(delayMs, () => tick(w, c, kind, run), foreground);
}

function tick(w: PodWorker, c: Ctr, kind: Kind, run: ProbeRun): void {
  run.timer = undefined;
  const p = probeOf(c, kind);
  if (!p || c.state.kind !== 'running' || c.stopping || w.terminating) return;
  const period = (p.periodSeconds ?? 10) * 1000;
  const r = runProbe(w, c, p);
  const successThreshold = p.successThreshold ?? 1;
  const failureThreshold = p.failureThreshold ?? 3;
  if (r.ok) {
    run.successes++;
    run.failures = 0;
  } else {
    run.failures++;
    run.successes = 0;
    w.event('Warning', 'Unhealthy', `${title[kind]} probe failed: ${r.output}`, w.fieldPath(c));
  }
  if (kind === 'startup') {
    if (r.ok) {
      c.started = true;
      if (!c.spec.readinessProbe) c.ready = true;
      w.markDirty();
      startAfterStartup(w, c);
      return;
    }
    if (run.failures >= failureThreshold) {
      w.killCtr(c, `Container ${c.spec.name} failed startup probe, will be restarted`, p.terminationGracePeriodSeconds ?? w.spec.terminationGracePeriodSeconds ?? 30);
      return;
    }
  } else if (kind === 'liveness') {
    if (!r.ok && run.failures >= failureThreshold) {
      run.failures = 0;
      w.killCtr(c, `Container ${c.spec.name} failed liveness probe, will be restarted`, p.terminationGracePeriodSeconds ?? w.spec.terminationGracePeriodSeconds ?? 30);
      return;
    }
  } else {
    const ready = r.ok ? run.successes >= successThreshold || c.ready : !(run.failures >= failureThreshold) && c.ready;
    if (ready !== c.ready) {
      c.ready = ready;
      w.markDirty();
    }
  }
  // Until the first readiness result is in, the pod is still "starting": keep runUntilIdle waiting for it.
  schedule(w, c, kind, period, kind === 'readiness' && !c.ready && run.successes + run.failures < 1);
}

function startAfterStartup(w: PodWorker, c: Ctr): void {
  const startedAt = c.state.kind === 'running' ? c.state.startedAt : w.now();
  for (const kind of ['liveness', 'readiness'] as const) {
    const p = probeOf(c, kind);
    if (!p) continue;
    const delay = Math.max(0, startedAt + (p.initialDelaySeconds ?? 0) * 1000 - w.now());
    schedule(w, c, kind, delay, kind === 'readiness');
  }
}

/** Arm the probes of a container that just started (startup first; the others once it has started). */
export function startProbes(w: PodWorker, c: Ctr): void {
  const sp = c.spec.startupProbe;
  if (sp) {
    schedule(w, c, 'startup', (sp.initialDelaySeconds ?? 0) * 1000, true);
    return;
  }
  startAfterStartup(w, c);
}

export function stopProbes(w: PodWorker, c: Ctr): void {
  for (const run of Object.values(c.probes)) {
    w.cancel(run?.timer);
    if (run) run.timer = undefined;
  }
  c.probes = {};
}
