/**
 * The UI benchmark's load (`src/bench/ui.ts`): a `fraction` of the default namespace's pods flip between
 * ready and CrashLoopBackOff, written straight to the store as status updates (what the page must keep up
 * with, without the cost of the controllers behind real changes). Never used by the lab itself.
 */
import type { KubeObject } from '../../engine/index.ts';
import type { ClusterRuntime } from '../../engine/runtime.ts';
import { clone } from '../../engine/store/store.ts';

interface PodLike {
  status?: { containerStatuses?: Array<{ ready?: boolean; state?: Record<string, unknown> }> };
}

export function churnRound(rt: ClusterRuntime, fraction: number, round: number): void {
  const pods = rt.store.list('pods', 'default');
  const n = Math.ceil(pods.length * fraction);
  for (let i = 0; i < n && pods.length > 0; i++) {
    const p = clone(pods[(round * n + i) % pods.length]) as KubeObject & PodLike;
    const cs = p.status?.containerStatuses?.[0];
    if (!cs) continue;
    const crash = !(cs.state && cs.state.waiting);
    cs.ready = !crash;
    cs.state = crash ? { waiting: { reason: 'CrashLoopBackOff' } } : { running: { startedAt: '2025-01-01T00:00:00Z' } };
    rt.store.put('pods', p);
  }
}
