import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin } from '../../framework/interfaces.ts';
import { unresolvable } from '../../framework/status.ts';
import { NodeName } from '../../names.ts';

export const ErrReason = "node(s) didn't match the requested node name";

const rejected = unresolvable(NodeName, ErrReason);

/** NodeName (Filter): a pod that names a node fits only that node. */
export function nodeName(): FilterPlugin {
  return {
    name: NodeName,
    events: ClusterEvent.NodeAdd,
    filter(_state, pod, nodes, i) {
      const want = pod.spec.nodeName;
      if (!want || want === nodes.names[i]) return undefined;
      return rejected;
    },
    passesAll(pod) {
      return !pod.spec.nodeName;
    },
  };
}
