import type { ClusterRuntime } from '../runtime.ts';

/** Register the control-plane node and the workers from the cluster options; start node heartbeats (placeholder). */
export function startNodes(rt: ClusterRuntime): void {
  void rt;
}
