import type { PreEnqueuePlugin } from '../../framework/interfaces.ts';
import { Status } from '../../framework/status.ts';
import { SchedulingGates } from '../../names.ts';

/**
 * SchedulingGates (PreEnqueue): a pod with spec.schedulingGates stays out of the active queue until every gate
 * is removed. (The PodScheduled=False/SchedulingGated condition is set by the API server on create.)
 */
export function schedulingGates(): PreEnqueuePlugin {
  return {
    name: SchedulingGates,
    preEnqueue(pod) {
      const gates = pod.spec.schedulingGates ?? [];
      if (gates.length === 0) return undefined;
      // Go's %v of a []string: "[a b]".
      return new Status('UnschedulableAndUnresolvable', [`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`], SchedulingGates);
    },
  };
}
