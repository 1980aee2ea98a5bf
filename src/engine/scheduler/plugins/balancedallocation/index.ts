import { ClusterEvent } from '../../framework/events.ts';
import type { ScorePlugin } from '../../framework/interfaces.ts';
import { NodeResourcesBalancedAllocation } from '../../names.ts';
import { MAX_NODE_SCORE } from '../helper/normalize.ts';

/**
 * NodeResourcesBalancedAllocation (Score): prefer nodes whose CPU and memory would be used in equal shares after
 * placing the pod. With two resources the standard deviation of the shares is |cpu − memory| / 2, and the score
 * is (1 − std) × 100, truncated. It counts real requests (no defaults for containers without requests), and in
 * 1.32 it scores best-effort pods too.
 */
export function balancedAllocation(): ScorePlugin {
  return {
    name: NodeResourcesBalancedAllocation,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeAllocatable | ClusterEvent.AssignedPodDelete,
    score(_state, pod, t, i) {
      const allocCPU = t.allocCPU[i];
      const allocMem = t.allocMem[i];
      let n = 0;
      let a = 0;
      let b = 0;
      if (allocCPU !== 0) {
        a = Math.min(1, (t.reqCPU[i] + pod.requests.milliCPU) / allocCPU);
        n++;
      }
      if (allocMem !== 0) {
        const f = Math.min(1, (t.reqMem[i] + pod.requests.memory) / allocMem);
        if (n === 0) a = f;
        else b = f;
        n++;
      }
      const std = n === 2 ? Math.abs((a - b) / 2) : 0;
      return Math.trunc((1 - std) * MAX_NODE_SCORE);
    },
    scoreAll(_state, pod, t, feasible, n, out) {
      const podCPU = pod.requests.milliCPU;
      const podMem = pod.requests.memory;
      const max = MAX_NODE_SCORE;
      for (let j = 0; j < n; j++) {
        const i = feasible[j];
        const allocCPU = t.allocCPU[i];
        const allocMem = t.allocMem[i];
        let k = 0;
        let a = 0;
        let b = 0;
        if (allocCPU !== 0) {
          a = Math.min(1, (t.reqCPU[i] + podCPU) / allocCPU);
          k++;
        }
        if (allocMem !== 0) {
          const f = Math.min(1, (t.reqMem[i] + podMem) / allocMem);
          if (k === 0) a = f;
          else b = f;
          k++;
        }
        const std = k === 2 ? Math.abs((a - b) / 2) : 0;
        out[j] = Math.trunc((1 - std) * max);
      }
    },
  };
}
