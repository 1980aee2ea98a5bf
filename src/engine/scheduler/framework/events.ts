/**
 * Cluster events that may make an unschedulable pod schedulable, as bit flags (upstream's ClusterEvent with
 * its ActionType). Plugins declare the events that can resolve their rejections (EventsToRegister); the
 * queue moves a pod only when an event matches a plugin that rejected it.
 */
export const ClusterEvent = {
  NodeAdd: 1 << 0,
  NodeAllocatable: 1 << 1,
  NodeLabel: 1 << 2,
  /** Taints or spec.unschedulable changed (upstream counts both as UpdateNodeTaint). */
  NodeTaint: 1 << 3,
  NodeCondition: 1 << 4,
  /** A bound pod was deleted or finished (its resources are free). */
  AssignedPodDelete: 1 << 5,
  AssignedPodAdd: 1 << 6,
  /** A bound pod's requests went down. */
  AssignedPodScaleDown: 1 << 7,
  /** The pod waited in the unschedulable pool for longer than podMaxInUnschedulablePodsDuration. */
  UnschedulableTimeout: 1 << 8,
  /** A bound pod's labels changed. */
  AssignedPodUpdate: 1 << 9,
  /** A PersistentVolume, PersistentVolumeClaim, StorageClass or CSINode was added or changed. */
  Volume: 1 << 10,
  /** A Service, ReplicaSet, StatefulSet or ReplicationController changed (default spread selectors). */
  Workload: 1 << 11,
  /** A namespace's labels changed (affinity namespaceSelector). */
  Namespace: 1 << 12,
} as const;

export type ClusterEventMask = number;

export const ANY_NODE_UPDATE = ClusterEvent.NodeAllocatable | ClusterEvent.NodeLabel | ClusterEvent.NodeTaint | ClusterEvent.NodeCondition;
export const ALL_EVENTS: ClusterEventMask = (1 << 13) - 1;
