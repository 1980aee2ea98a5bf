import type { Pod, Service } from 'kubernetes-types/core/v1';
import { readyTransitionTime } from './podutil.ts';

interface State {
  pods: Map<string, number>;
  service: number;
}

/**
 * endpointsliceutil.TriggerTimeTracker: the `endpoints.kubernetes.io/last-change-trigger-time` of an
 * Endpoints/EndpointSlice write is the earliest change (a pod's Ready transition, or the Service's creation)
 * not yet reflected at the previous sync; a Service seen for the first time reports its creation time.
 * Times are virtual ms; `undefined` stands for Go's zero time.
 */
export class TriggerTimeTracker {
  private states = new Map<string, State>();

  constructor(private readonly parse: (ts: string) => number) {}

  compute(key: string, svc: Service, pods: Pod[]): number | undefined {
    const state = this.states.get(key);
    let min: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const ts = readyTransitionTime(pod);
      if (!ts) continue;
      const t = this.parse(ts);
      podTimes.set(pod.metadata!.name!, t);
      const last = state?.pods.get(pod.metadata!.name!);
      if (last === undefined || t > last) min = min === undefined || t < min ? t : min;
    }
    const created = svc.metadata?.creationTimestamp ? this.parse(svc.metadata.creationTimestamp) : undefined;
    if (created !== undefined && (state === undefined || created > state.service)) min = min === undefined || created < min ? created : min;
    this.states.set(key, { pods: podTimes, service: created ?? 0 });
    if (!state) return created;
    return min;
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
