import type { Toleration } from 'kubernetes-types/core/v1';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { unresolvable, type Status } from '../../framework/status.ts';
import { TaintToleration } from '../../names.ts';
import { defaultNormalizeScore, MAX_NODE_SCORE } from '../helper/normalize.ts';
import { findUntoleratedScheduleTaint, tolerationsTolerateTaint } from '../helper/taints.ts';

const preferNoScheduleKey = new StateKey<readonly Toleration[]>('PreScore' + TaintToleration);

/**
 * TaintToleration.
 * Filter: reject nodes with a NoSchedule/NoExecute taint the pod does not tolerate, naming the first one.
 * Score: count the PreferNoSchedule taints the pod does not tolerate; fewer is better (normalised in reverse).
 */
export function taintToleration(): FilterPlugin & PreScorePlugin & ScorePlugin {
  const statuses = new Map<string, Status>();
  return {
    name: TaintToleration,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeTaint,
    filter(_state, pod, nodes, i) {
      const taints = nodes.taints[i];
      if (taints.length === 0) return undefined;
      const taint = findUntoleratedScheduleTaint(taints, pod.tolerations);
      if (!taint) return undefined;
      const reason = `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
      let s = statuses.get(reason);
      if (!s) statuses.set(reason, (s = unresolvable(TaintToleration, reason)));
      return s;
    },
    passesAll(_pod, nodes) {
      return nodes.taintedCount === 0;
    },
    preScore(state, pod) {
      state.write(
        preferNoScheduleKey,
        pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'),
      );
      return undefined;
    },
    score(state, _pod, nodes, i) {
      const taints = nodes.taints[i];
      if (taints.length === 0) return 0;
      const tolerations = state.read(preferNoScheduleKey) ?? [];
      let n = 0;
      for (let k = 0; k < taints.length; k++) {
        if (taints[k].effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taints[k])) n++;
      }
      return n;
    },
    scoreAll(state, pod, nodes, feasible, n, out) {
      if (nodes.taintedCount === 0) {
        out.fill(0, 0, n);
        return;
      }
      for (let j = 0; j < n; j++) out[j] = this.score(state, pod, nodes, feasible[j]);
    },
    normalizeScore(_state, _pod, scores, n) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores, n);
    },
  };
}
