import type { LifecycleHandler } from 'kubernetes-types/core/v1';
import { execInContainer } from '../images/exec.ts';
import type { Ctr } from './container.ts';
import type { PodWorker } from './worker.ts';

function portNumber(c: Ctr, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const named = (c.spec.ports ?? []).find((p) => p.name === port);
  return named?.containerPort ?? (parseInt(String(port ?? ''), 10) || 80);
}

/** Run a handler; returns success and how long it took (virtual ms). */
function runHandler(w: PodWorker, c: Ctr, h: LifecycleHandler): { ok: boolean; ms: number } {
  if (h.sleep) return { ok: true, ms: (h.sleep.seconds ?? 0) * 1000 };
  if (h.exec && c.proc) {
    const argv = (h.exec.command ?? []) as string[];
    const r = execInContainer(c.proc, argv, w.unix(w.now()), 'hook');
    // A hook's run time is what it sleeps (e.g. `sleep 5` or `nginx -s quit; sleep 5`).
    let ms = 50;
    for (const m of argv.join(' ').matchAll(/sleep\s+(\d+(?:\.\d+)?)/g)) ms += parseFloat(m[1]) * 1000;
    return { ok: !r.startError && r.exitCode === 0, ms };
  }
  if (h.httpGet && c.proc) {
    const port = portNumber(c, h.httpGet.port as number | string);
    const res = c.proc.http(port, h.httpGet.path ?? '/', w.unix(w.now()), w.node.ipam.gateway(), 'kube-lifecycle/1.32');
    return { ok: !!res && res.status >= 200 && res.status < 400, ms: 5 };
  }
  return { ok: true, ms: 0 };
}

/** PostStart: failures are reported and the container is killed (it will be restarted per policy). */
export function runPostStart(w: PodWorker, c: Ctr): void {
  const h = c.spec.lifecycle?.postStart;
  if (!h) return;
  const r = runHandler(w, c, h);
  if (!r.ok) {
    w.event('Warning', 'FailedPostStartHook', 'PostStartHook failed', w.fieldPath(c));
    w.killCtr(c, 'FailedPostStartHook', w.spec.terminationGracePeriodSeconds ?? 30);
  }
}

/** PreStop: returns how long the hook runs before the stop signal is sent. */
export function runPreStop(w: PodWorker, c: Ctr): number {
  const h = c.spec.lifecycle?.preStop;
  if (!h) return 0;
  const r = runHandler(w, c, h);
  if (!r.ok) w.event('Warning', 'FailedPreStopHook', 'PreStopHook failed', w.fieldPath(c));
  return r.ms;
}
