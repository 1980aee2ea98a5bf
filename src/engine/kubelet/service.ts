import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { badRequest } from '../api/errors.ts';
import { execInContainer } from '../images/exec.ts';
import type { LogLine } from '../images/process.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { KubeletService } from './api.ts';
import type { KubeletManager } from './manager.ts';

export interface LogOptions {
  previous?: boolean;
  tail?: number;
  timestamps?: boolean;
  sinceSeconds?: number;
  limitBytes?: number;
}

/** An error kubectl prints as `error: <message>` (a failed stream upgrade, not an API status). */
export class StreamError extends Error {}

/** The apiserver's container check for logs/exec (validateContainer / streamLocation). */
function pickContainer(pod: Pod, container: string | undefined, forExec: boolean): string {
  const spec = pod.spec!;
  const name = pod.metadata?.name ?? '';
  if (!container) {
    if (spec.containers.length === 1) return spec.containers[0].name;
    const names = spec.containers.map((c) => c.name);
    const inits = (spec.initContainers ?? []).map((c) => c.name);
    if (forExec) {
      let msg = `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`;
      if (inits.length) msg += ` or one of the init containers: [${inits.join(' ')}]`;
      throw badRequest(msg);
    }
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${[...names, ...inits].join(' ')}]`);
  }
  const all = [...spec.containers, ...(spec.initContainers ?? []), ...((spec.ephemeralContainers ?? []) as Array<{ name: string }>)];
  if (!all.some((c) => c.name === container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** RFC 3339 with nanoseconds, as container runtimes stamp log lines. */
function nanoStamp(unixMs: number): string {
  return new Date(unixMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The kubelet's validateContainerLogStatus: which container instance to read, or why there is none. */
function logTarget(pod: Pod, container: string, previous: boolean): 'current' | 'previous' {
  const st = pod.status;
  const podName = pod.metadata?.name ?? '';
  const cs: ContainerStatus | undefined = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((c) => c.name === container);
  if (!cs) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last || !last.containerID) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return 'previous';
  }
  if (running) return 'current';
  if (terminated) {
    if (terminated.containerID) return 'current';
    if (last?.containerID) return 'previous';
    throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    return 'previous';
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason}`);
  }
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

export function kubeletService(rt: ClusterRuntime, mgr: KubeletManager): KubeletService & {
  logLines(namespace: string, pod: string, container: string | undefined, opts: LogOptions): LogLine[];
} {
  const self = {
    logLines(namespace: string, podName: string, container: string | undefined, opts: LogOptions): LogLine[] {
      const pod = rt.api.get('pods', namespace, podName) as unknown as Pod;
      const name = pickContainer(pod, container, false);
      if (!pod.spec?.nodeName) return [];
      const which = logTarget(pod, name, !!opts.previous);
      const w = mgr.worker(namespace, podName);
      const c = w?.ctrs.find((x) => x.spec.name === name);
      const proc = which === 'previous' ? c?.previousProc ?? (c?.state.kind === 'waiting' ? c.proc : undefined) : c?.proc;
      if (!proc || !w) return [];
      proc.advanceTo(w.unix(w.now()));
      let lines = proc.output();
      if (opts.sinceSeconds !== undefined) {
        const from = w.unix(w.now()) - opts.sinceSeconds * 1000;
        lines = lines.filter((l) => l.t >= from);
      }
      if (opts.tail !== undefined && opts.tail >= 0) lines = opts.tail === 0 ? [] : lines.slice(-opts.tail);
      return lines;
    },
    logs(namespace: string, podName: string, container: string | undefined, opts: LogOptions): string {
      const lines = self.logLines(namespace, podName, container, opts);
      let text = lines.map((l) => (opts.timestamps ? `${nanoStamp(l.t)} ${l.text}\n` : `${l.text}\n`)).join('');
      if (opts.limitBytes !== undefined && opts.limitBytes > 0) text = text.slice(0, opts.limitBytes);
      return text;
    },
    exec(namespace: string, podName: string, container: string | undefined, command: string[]) {
      const pod = rt.api.get('pods', namespace, podName) as unknown as Pod;
      const name = pickContainer(pod, container, true);
      if (!pod.spec?.nodeName) throw badRequest(`pod ${podName} does not have a host assigned`);
      const w = mgr.worker(namespace, podName);
      const c = w?.ctrs.find((x) => x.spec.name === name);
      if (!w || !c || c.state.kind !== 'running' || !c.proc) throw new StreamError(`unable to upgrade connection: container not found ("${name}")`);
      let id = '';
      for (let i = 0; i < 64; i++) id += '0123456789abcdef'[rt.rng.int(16)];
      // `sleep` in the command lets virtual time move (a loop polling a service sees the cluster change).
      const r = execInContainer(c.proc, command, w.unix(w.now()), id, (ms) => {
        rt.advance(ms);
        return w.unix(w.now());
      });
      if (r.startError) throw new StreamError(`Internal error occurred: error executing command in container: ${r.startError}`);
      // A command that changed the container's files may change when its main process ends.
      if (!c.stopping) w.scheduleExit(c);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    },
  };
  return self;
}
