import type { ClusterRuntime } from '../runtime.ts';
import { coreControllers } from './core.ts';
import { workloadControllers } from './workloads.ts';

/** Every controller of kube-controller-manager the lab runs, one folder each, in start order. */
export function startControllers(rt: ClusterRuntime): void {
  for (const make of [...workloadControllers, ...coreControllers]) rt.controllers.add(make(rt), 'kube-controller-manager');
}
