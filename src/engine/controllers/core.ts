import type { ClusterRuntime } from '../runtime.ts';
import { disruptionController } from './disruption/controller.ts';
import { endpointsController } from './endpoints/controller.ts';
import { endpointSliceController } from './endpointslice/controller.ts';
import { garbageCollector } from './garbagecollector/controller.ts';
import { cronJobController } from './cronjob/controller.ts';
import { jobController } from './job/controller.ts';
import { ttlAfterFinishedController } from './job/ttlafterfinished.ts';
import { namespaceController } from './namespace/controller.ts';
import { resourceQuotaController } from './resourcequota/controller.ts';
import { serviceAccountController } from './serviceaccount/controller.ts';
import { rootCACertPublisher } from './rootcacertpublisher/controller.ts';
import { nodeLifecycleController } from './nodelifecycle/controller.ts';
import { taintEvictionController } from './tainteviction/controller.ts';
import { podGarbageCollector } from './podgc/controller.ts';
import { simulatedNodeController } from './nodelifecycle/simulated.ts';
import { persistentVolumeController } from './persistentvolume/controller.ts';
import { volumeProtectionController } from './volumeprotection/controller.ts';
import { attachDetachController } from './attachdetach/controller.ts';
import { storageAddon } from './csi/addon.ts';
import { csiProvisioner } from './csi/provisioner.ts';
import { csiAttacher } from './csi/attacher.ts';
import { hpaController } from './hpa/controller.ts';
import { metricsPipeline } from '../metrics/index.ts';
import { clusterRoleAggregationController } from './clusterroleaggregation/controller.ts';
import type { Controller } from './types.ts';

/** Core controllers: Endpoints, EndpointSlice, ServiceAccount, Namespace deletion, garbage collection. */
export const coreControllers: Array<(rt: ClusterRuntime) => Controller> = [
  endpointsController,
  endpointSliceController,
  () => serviceAccountController(),
  rootCACertPublisher,
  namespaceController,
  garbageCollector,
  jobController,
  ttlAfterFinishedController,
  cronJobController,
  resourceQuotaController,
  disruptionController,
  nodeLifecycleController,
  taintEvictionController,
  podGarbageCollector,
  simulatedNodeController,
  storageAddon,
  persistentVolumeController,
  () => volumeProtectionController(),
  attachDetachController,
  csiProvisioner,
  csiAttacher,
  metricsPipeline,
  hpaController,
  () => clusterRoleAggregationController(),
];
