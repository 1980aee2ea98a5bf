import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin } from '../../framework/interfaces.ts';
import { unresolvable } from '../../framework/status.ts';
import { NodeUnschedulable } from '../../names.ts';
import { tolerationsTolerateTaint } from '../helper/taints.ts';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const rejected = unresolvable(NodeUnschedulable, ErrReasonUnschedulable);

/** NodeUnschedulable (Filter): cordoned nodes (spec.unschedulable) take only pods tolerating the unschedulable taint. */
export function nodeUnschedulable(): FilterPlugin {
  return {
    name: NodeUnschedulable,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeTaint,
    filter(_state, pod, nodes, i) {
      if (!nodes.unschedulable[i]) return undefined;
      if (tolerationsTolerateTaint(pod.tolerations, unschedulableTaint)) return undefined;
      return rejected;
    },
    passesAll(_pod, nodes) {
      return nodes.unschedulableCount === 0;
    },
  };
}
