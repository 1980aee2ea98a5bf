import { Diagnosis, fitErrorMessage } from '../../framework/diagnosis.ts';
import type { PostFilterPlugin } from '../../framework/interfaces.ts';
import { Status, unresolvable } from '../../framework/status.ts';
import { DefaultPreemption } from '../../names.ts';

const notHelpful = unresolvable(DefaultPreemption, 'Preemption is not helpful for scheduling');
const noVictims = unresolvable(DefaultPreemption, 'No preemption victims found for incoming pod');

/**
 * DefaultPreemption (PostFilter), message-only: Kubelab does not evict pods yet. It reports what upstream's
 * dry run reports when nothing can be preempted: nodes rejected as UnschedulableAndUnresolvable are "not
 * helpful"; every other node yields "No preemption victims found" (true whenever no pod of lower priority
 * runs there, which holds while all pods share priority 0).
 */
export function defaultPreemption(): PostFilterPlugin {
  return {
    name: DefaultPreemption,
    postFilter(_state, pod, nodes, diagnosis) {
      if (pod.spec.preemptionPolicy === 'Never') {
        return { status: new Status('Unschedulable', ['preemption: not eligible due to preemptionPolicy=Never.'], DefaultPreemption) };
      }
      const dryRun = new Diagnosis();
      for (let i = 0; i < nodes.count; i++) {
        dryRun.set(i, diagnosis.get(i)?.code === 'UnschedulableAndUnresolvable' ? notHelpful : noVictims);
      }
      const msg = fitErrorMessage(nodes.count, dryRun);
      return { status: new Status('Unschedulable', [`preemption: ${msg}`], DefaultPreemption) };
    },
  };
}
