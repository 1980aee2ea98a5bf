import type { ClusterRuntime } from '../runtime.ts';

/** Create the nodes from the cluster options and start their kubelets (placeholder). */
export function startNodes(rt: ClusterRuntime): void {
  void rt;
}
