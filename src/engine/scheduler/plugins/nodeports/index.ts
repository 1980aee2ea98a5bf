import type { Pod } from 'kubernetes-types/core/v1';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.ts';
import { SKIP, unschedulable } from '../../framework/status.ts';
import { NodePorts } from '../../names.ts';
import type { HostPort, PodCache } from '../../podcache.ts';

export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

const rejected = unschedulable(NodePorts, ErrReason);
const wantKey = new StateKey<HostPort[]>('PreFilter' + NodePorts);

/** The host ports a pod asks for (regular containers only, as upstream's getContainerPorts). */
export function wantedPorts(spec: Pod['spec'] | undefined): HostPort[] {
  const out: HostPort[] = [];
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/**
 * HostPortInfo.CheckConflict: the wildcard address 0.0.0.0 conflicts with the same protocol and port on any
 * address; a specific address conflicts with itself and with the wildcard.
 */
export function conflicts(want: HostPort, used: readonly HostPort[]): boolean {
  for (const u of used) {
    if (u.port !== want.port || u.protocol !== want.protocol) continue;
    if (want.ip === '0.0.0.0' || u.ip === '0.0.0.0' || u.ip === want.ip) return true;
  }
  return false;
}

/** Whether the pod's wanted ports fit beside those the node's pods hold. */
export function fitsPorts(want: readonly HostPort[], pods: PodCache, node: string): boolean {
  const holders = pods.hostPortsByNode.get(node);
  if (!holders) return true;
  for (const p of holders) for (const w of want) if (conflicts(w, p.hostPorts!)) return false;
  return true;
}

/**
 * NodePorts.
 * PreFilter: collect the pod's host ports; Skip when it has none.
 * Filter: reject nodes where a bound pod holds a conflicting host port (Unschedulable).
 */
export function nodePorts(h: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: NodePorts,
    events: ClusterEvent.NodeAdd | ClusterEvent.AssignedPodDelete,
    preFilter(state, pod) {
      const want = wantedPorts(pod.spec);
      if (want.length === 0) return { status: SKIP };
      state.write(wantKey, want);
      return undefined;
    },
    filter(state, _pod, nodes, i) {
      const want = state.read(wantKey);
      if (!want) return undefined;
      return fitsPorts(want, h.pods, nodes.names[i]) ? undefined : rejected;
    },
  };
}
