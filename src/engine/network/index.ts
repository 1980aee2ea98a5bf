import type { ClusterRuntime } from '../runtime.ts';

/** Start IP address management (pod CIDRs, Service ClusterIPs, NodePorts) (placeholder). */
export function startNetwork(rt: ClusterRuntime): void {
  void rt;
}
