import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.ts';
import { SKIP, unresolvable } from '../../framework/status.ts';
import { NodeAffinity } from '../../names.ts';
import { defaultNormalizeScore, MAX_NODE_SCORE } from '../helper/normalize.ts';
import { matchesMap, matchesNodeSelector, matchesTerm } from './selector.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const errReasonConflict = 'pod affinity terms conflict';

const rejected = unresolvable(NodeAffinity, ErrReasonPod);

/**
 * NodeAffinity.
 * PreFilter: skip pods without nodeSelector or required affinity; when every required term names nodes by
 * `metadata.name In`, restrict filtering to those nodes (an empty intersection is unresolvable).
 * Filter: the node must match spec.nodeSelector and one of the required terms.
 * Score: the sum of the weights of the preferred terms the node matches, scaled to [0, 100].
 */
export function nodeAffinity(): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: NodeAffinity,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeLabel,
    preFilter(_state, pod) {
      const req = pod.requiredNodeAffinity;
      if (!req && !pod.nodeSelector) return { status: SKIP };
      if (!req) return undefined;
      let nodeNames: Set<string> | undefined;
      for (const term of req.nodeSelectorTerms ?? []) {
        let termNames: Set<string> | undefined;
        for (const r of term.matchFields ?? []) {
          if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
          const s = new Set(r.values ?? []);
          termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
        }
        // A term without a node-name requirement admits every node: the terms are ORed.
        if (!termNames) return undefined;
        nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
      }
      if (nodeNames && nodeNames.size === 0) return { status: unresolvable(NodeAffinity, errReasonConflict) };
      return nodeNames ? { result: { nodeNames } } : undefined;
    },
    filter(_state, pod, nodes, i) {
      const labels = nodes.labels[i];
      if (pod.nodeSelector && !matchesMap(pod.nodeSelector, labels)) return rejected;
      if (pod.requiredNodeAffinity && !matchesNodeSelector(pod.requiredNodeAffinity, labels, nodes.names[i])) return rejected;
      return undefined;
    },
    preScore(_state, pod) {
      return pod.preferredNodeAffinity ? undefined : SKIP;
    },
    score(_state, pod, nodes, i) {
      let sum = 0;
      for (const t of pod.preferredNodeAffinity ?? []) {
        if (t.weight !== 0 && matchesTerm(t.preference, nodes.labels[i], nodes.names[i])) sum += t.weight;
      }
      return sum;
    },
    normalizeScore(_state, _pod, scores, n) {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores, n);
    },
  };
}
