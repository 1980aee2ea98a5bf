import type { ClusterRuntime } from '../runtime.ts';
import type { Controller } from './types.ts';

/** Workload controllers: ReplicaSet, ReplicationController, Deployment. */
export const workloadControllers: Array<(rt: ClusterRuntime) => Controller> = [];
