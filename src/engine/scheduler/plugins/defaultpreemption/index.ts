import { Diagnosis, fitErrorMessage } from '../../framework/diagnosis.ts';
import type { Handle, PostFilterPlugin } from '../../framework/interfaces.ts';
import { Status, unresolvable } from '../../framework/status.ts';
import { DefaultPreemption } from '../../names.ts';
import type { NodeTable } from '../../nodetable.ts';
import type { PodInfo } from '../../podinfo.ts';
import { noVictims, pickOne, selectVictimsOnNode, type Candidate } from './victims.ts';

const notHelpful = unresolvable(DefaultPreemption, 'Preemption is not helpful for scheduling');

/** Upstream's DefaultPreemptionArgs defaults: consider at least 10% of the nodes, and at least 100. */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const source = { component: 'default-scheduler' };

const result = (message: string, nominatedNodeName?: string) => ({ status: new Status('Unschedulable', [`preemption: ${message}`], DefaultPreemption), nominatedNodeName });

/** GetOffsetAndNumCandidates: how many candidates to look for, and where in the node list to start. */
export function numCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE;
  return n > numNodes ? numNodes : n;
}

/** Evict one victim as upstream's PreemptPod: DisruptionTarget condition, the Preempted event, a graceful delete. */
function preempt(h: Handle, victim: Candidate['victims'][number], pod: PodInfo, node: string): void {
  try {
    h.api.modify(
      'pods',
      victim.namespace,
      victim.name,
      (p) => {
        const status = (p.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
        const list = (status.conditions ??= []);
        if (list.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) return;
        list.push({
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: h.clock.timestamp(),
          reason: 'PreemptionByScheduler',
          message: 'default-scheduler: preempting to accommodate a higher priority pod',
        });
      },
      { subresource: 'status' },
    );
    const cur = h.store.get('pods', victim.namespace, victim.name) ?? victim.pod;
    h.events.normal(cur, 'Preempted', `Preempted by pod ${pod.uid} on node ${node}`, source);
    h.api.delete('pods', victim.namespace, victim.name, { uid: victim.uid });
  } catch {
    // Already gone: nothing to evict.
  }
}

/**
 * DefaultPreemption (PostFilter), as upstream's Evaluator.Preempt:
 * 1. eligibility: preemptionPolicy Never, or a lower-priority pod still terminating on the pod's nominated node;
 * 2. candidates: nodes not rejected as unresolvable, dry-run from a random offset until enough are found
 *    (10% of them, at least 100), each with its minimal victims (SelectVictimsOnNode);
 * 3. the best candidate (fewest PDB violations, lowest victim priorities, fewest victims, ...);
 * 4. its victims are evicted and the pod is nominated to the node (status.nominatedNodeName).
 * Without candidates the message lists each node's dry-run verdict, prefixed "preemption: ".
 */
export function defaultPreemption(h: Handle): PostFilterPlugin {
  return {
    name: DefaultPreemption,
    postFilter(_state, pod, nodes, diagnosis) {
      if (pod.spec.preemptionPolicy === 'Never') return result('not eligible due to preemptionPolicy=Never.');
      const nominated = (pod.pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
      if (nominated && h.pods) {
        const i = nodes.indexOf(nominated);
        if (i < 0 || diagnosis.get(i)?.code !== 'UnschedulableAndUnresolvable') {
          for (const p of h.pods.podsOn(nominated)) {
            if (p.terminating && p.priority < pod.priority) return result('not eligible due to a terminating pod on the nominated node.');
          }
        }
      }
      const dryRun = new Diagnosis();
      const potential: number[] = [];
      for (let i = 0; i < nodes.count; i++) {
        if (diagnosis.get(i)?.code === 'UnschedulableAndUnresolvable') dryRun.set(i, notHelpful);
        else potential.push(i);
      }
      if (potential.length === 0 || !h.fits || !h.pods) {
        for (const i of potential) dryRun.set(i, noVictims);
        return result(fitErrorMessage(nodes.count, dryRun), nominated ? '' : undefined);
      }
      const cands = dryRunPreemption(pod, nodes, potential, h, dryRun);
      const best = pickOne(cands);
      if (!best) return result(fitErrorMessage(nodes.count, dryRun), nominated ? '' : undefined);
      for (const v of best.victims) preempt(h, v, pod, best.node);
      return { status: new Status('Success', [], DefaultPreemption), nominatedNodeName: best.node };
    },
  };
}

/** DryRunPreemption: candidates in node order from a random offset; stops once enough are found. */
function dryRunPreemption(pod: PodInfo, nodes: NodeTable, potential: number[], h: Handle, dryRun: Diagnosis): Candidate[] {
  const want = numCandidates(potential.length);
  const offset = h.rng ? h.rng.int(potential.length) : 0;
  const violating: Candidate[] = [];
  const nonViolating: Candidate[] = [];
  for (let k = 0; k < potential.length; k++) {
    const i = potential[(offset + k) % potential.length];
    const r = selectVictimsOnNode(pod, nodes.names[i], h, h.fits!);
    if (r instanceof Status) {
      dryRun.set(i, r);
      continue;
    }
    (r.numPDBViolations > 0 ? violating : nonViolating).push(r);
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= want) break;
  }
  return [...nonViolating, ...violating];
}
