import type { ClusterRuntime } from '../runtime.ts';

/** Start a kubelet (pod lifecycle agent) for every Node, now and as nodes join (placeholder). */
export function startKubelets(rt: ClusterRuntime): void {
  void rt;
}
