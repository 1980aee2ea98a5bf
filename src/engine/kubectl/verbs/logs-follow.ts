// `kubectl logs -f` streamed (see kubectl/follow.ts): after the logs so far, new lines of each followed
// container as the cluster's time runs, until Ctrl+C, or until every followed container has stopped (the
// kubelet closes a log stream when its container exits, and kubectl then exits 0).
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterRuntime } from '../../runtime.ts';
import type { FollowSlot } from '../follow.ts';

/** How often a followed log is read (virtual ms): the kubelet's log stream has no push in the simulation. */
export const FOLLOW_POLL_MS = 1000;

interface LogReader {
  logLines(namespace: string, pod: string, container: string | undefined, opts: { previous?: boolean }): readonly unknown[];
  logs(namespace: string, pod: string, container: string | undefined, opts: { tail?: number; timestamps?: boolean }): string;
}

export interface FollowTarget {
  namespace: string;
  pod: string;
  container: string;
  emit(text: string): void;
}

/** Whether the container still runs the instance whose log is followed (same restart count, not terminated). */
function running(rt: ClusterRuntime, t: FollowTarget, restarts: number | undefined): boolean {
  const pod = rt.store.get('pods', t.namespace, t.pod) as unknown as Pod | undefined;
  if (!pod) return false;
  const st = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === t.container);
  if (!st) return true;
  if (restarts !== undefined && st.restartCount !== restarts) return false;
  return !st.state?.terminated;
}

function restartCount(rt: ClusterRuntime, t: FollowTarget): number | undefined {
  const pod = rt.store.get('pods', t.namespace, t.pod) as unknown as Pod | undefined;
  return [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])].find((s) => s.name === t.container)?.restartCount;
}

/** Hand the targets' live logs to `slot`; `timestamps` as the command's --timestamps. */
export function followLogs(rt: ClusterRuntime, svc: LogReader, slot: FollowSlot, targets: readonly FollowTarget[], timestamps: boolean): void {
  const live = targets.map((t) => ({ t, seen: count(svc, t), restarts: restartCount(rt, t), done: !running(rt, t, undefined) }));
  if (live.every((f) => f.done)) return slot.end(0);
  let timer: number | undefined;
  const poll = () => {
    timer = undefined;
    for (const f of live) {
      if (f.done) continue;
      const total = count(svc, f.t);
      if (total > f.seen) f.t.emit(read(svc, f.t, total - f.seen, timestamps));
      f.seen = Math.max(f.seen, total);
      if (!running(rt, f.t, f.restarts)) f.done = true;
    }
    if (live.every((f) => f.done)) return slot.end(0);
    timer = rt.clock.schedule(poll, FOLLOW_POLL_MS, { background: true, label: 'kubectl logs --follow' });
  };
  timer = rt.clock.schedule(poll, FOLLOW_POLL_MS, { background: true, label: 'kubectl logs --follow' });
  slot.hold(() => rt.clock.cancel(timer));
}

function read(svc: LogReader, t: FollowTarget, tail: number, timestamps: boolean): string {
  try {
    return svc.logs(t.namespace, t.pod, t.container, { tail, timestamps });
  } catch {
    return '';
  }
}

function count(svc: LogReader, t: FollowTarget): number {
  try {
    return svc.logLines(t.namespace, t.pod, t.container, {}).length;
  } catch {
    return 0;
  }
}
