import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { ClusterRuntime } from '../../runtime.ts';
import { matchesLabelSelector } from '../../util/labels.ts';
import type { Controller } from '../types.ts';
import { makeReplicaController, type ReplicaKind } from './manager.ts';

/** The ReplicaSet kind for the shared replica manager: apps/v1, a metav1.LabelSelector. */
export const replicaSetKind: ReplicaKind = {
  name: 'replicaset',
  resource: 'replicasets',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  selects(owner, labels) {
    const sel = (owner.spec as { selector?: LabelSelector } | undefined)?.selector;
    // LabelSelectorAsSelector: an empty selector matches everything, but validation forbids it for
    // ReplicaSets; a nil one matches nothing.
    if (!sel || (!sel.matchLabels && !sel.matchExpressions)) return false;
    return matchesLabelSelector(sel, labels);
  },
};

/** The ReplicaSet controller (pkg/controller/replicaset). */
export function replicaSetController(_rt: ClusterRuntime): Controller {
  return makeReplicaController(replicaSetKind);
}
