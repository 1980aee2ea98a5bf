import type { ClusterRuntime } from '../runtime.ts';
import type { Controller } from './types.ts';

/** Every controller of kube-controller-manager the lab runs, one folder each, in start order. */
export const controllers: Array<(rt: ClusterRuntime) => Controller> = [];

export function startControllers(rt: ClusterRuntime): void {
  for (const make of controllers) rt.controllers.add(make(rt));
}
