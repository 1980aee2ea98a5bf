import type { ClusterRuntime } from '../../runtime.ts';
import { matchesMapSelector } from '../../util/labels.ts';
import { makeReplicaController, type ReplicaKind } from '../replicaset/manager.ts';
import type { Controller } from '../types.ts';

/**
 * The ReplicationController kind: v1, a plain map selector. Upstream's ReplicationManager is the ReplicaSet
 * controller run over converted objects; here both share one manager.
 */
export const replicationControllerKind: ReplicaKind = {
  name: 'replicationcontroller',
  resource: 'replicationcontrollers',
  kind: 'ReplicationController',
  component: 'replication-controller',
  selects(owner, labels) {
    return matchesMapSelector((owner.spec as { selector?: Record<string, string> } | undefined)?.selector, labels);
  },
};

/** The ReplicationController controller (pkg/controller/replication). */
export function replicationControllerController(_rt: ClusterRuntime): Controller {
  return makeReplicaController(replicationControllerKind);
}
