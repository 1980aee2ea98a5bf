import type { ClusterRuntime } from '../runtime.ts';
import { deploymentController } from './deployment/controller.ts';
import { replicaSetController } from './replicaset/controller.ts';
import { replicationControllerController } from './replicationcontroller/controller.ts';
import { statefulSetController } from './statefulset/controller.ts';
import { daemonSetController } from './daemonset/controller.ts';
import type { Controller } from './types.ts';

/** Workload controllers: ReplicaSet, ReplicationController, Deployment. */
export const workloadControllers: Array<(rt: ClusterRuntime) => Controller> = [
  replicaSetController,
  replicationControllerController,
  deploymentController,
  statefulSetController,
  daemonSetController,
];
