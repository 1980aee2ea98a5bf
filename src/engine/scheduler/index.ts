import type { ClusterRuntime } from '../runtime.ts';

/** Start the default scheduler (placeholder until the framework lands). */
export function startScheduler(rt: ClusterRuntime): void {
  void rt;
}
