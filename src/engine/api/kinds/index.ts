import { namespace } from './namespace.ts';
import { node } from './node.ts';
import { pod } from './pod.ts';
import { replicaSet } from './replicaset.ts';
import { replicationController } from './replicationcontroller.ts';
import { deployment } from './deployment.ts';
import { statefulSet } from './statefulset.ts';
import { daemonSet } from './daemonset.ts';
import { controllerRevision } from './controllerrevision.ts';
import { persistentVolumeClaim } from './persistentvolumeclaim.ts';
import { persistentVolume } from './persistentvolume.ts';
import { storageClass } from './storageclass.ts';
import { csiDriver } from './csidriver.ts';
import { csiNode } from './csinode.ts';
import { volumeAttachment } from './volumeattachment.ts';
import { service } from './service.ts';
import { endpoints } from './endpoints.ts';
import { endpointSlice } from './endpointslice.ts';
import { configMap } from './configmap.ts';
import { secret } from './secret.ts';
import { serviceAccount } from './serviceaccount.ts';
import { event } from './event.ts';
import { lease } from './lease.ts';
import { horizontalPodAutoscaler } from './horizontalpodautoscaler.ts';
import { job } from './job.ts';
import { cronJob } from './cronjob.ts';
import { priorityClass } from './priorityclass.ts';
import { resourceQuota } from './resourcequota.ts';
import { limitRange } from './limitrange.ts';
import { podDisruptionBudget } from './poddisruptionbudget.ts';
import { networkPolicy } from './networkpolicy.ts';
import { ingress } from './ingress.ts';
import { ingressClass } from './ingressclass.ts';
import { clusterRole, clusterRoleBinding, role, roleBinding } from './rbac.ts';
import { mutatingWebhookConfiguration, validatingWebhookConfiguration } from './admissionregistration.ts';
import { customResourceDefinition } from './customresourcedefinition.ts';
import type { ResourceType } from '../types.ts';

/** Every built-in kind, in the order `kubectl api-resources` lists them within a group. */
export const builtinKinds: ResourceType[] = [
  namespace,
  node,
  pod,
  replicaSet,
  replicationController,
  deployment,
  statefulSet,
  daemonSet,
  controllerRevision,
  persistentVolumeClaim,
  persistentVolume,
  service,
  endpoints,
  endpointSlice,
  configMap,
  secret,
  serviceAccount,
  event,
  lease,
  horizontalPodAutoscaler,
  job,
  cronJob,
  limitRange,
  resourceQuota,
  podDisruptionBudget,
  priorityClass,
  ingressClass,
  ingress,
  networkPolicy,
  clusterRoleBinding,
  clusterRole,
  roleBinding,
  role,
  storageClass,
  csiDriver,
  csiNode,
  volumeAttachment,
  mutatingWebhookConfiguration,
  validatingWebhookConfiguration,
  customResourceDefinition,
];
