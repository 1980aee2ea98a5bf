import type { NodeCondition, Pod } from 'kubernetes-types/core/v1';
import type { Controller } from '../controllers/types.ts';
import { CNI_AGENT } from '../network/cni/daemonset.ts';
import type { ClusterRuntime } from '../runtime.ts';
import type { StoreEvent } from '../store/store.ts';

/** The kubelet's Ready condition while the container runtime reports no pod network (no CNI config yet). */
export const NETWORK_NOT_READY = {
  reason: 'KubeletNotReady',
  message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
};

/**
 * The kubelet's runtime-network readiness: a node registers NotReady until its CNI is installed, i.e. until the
 * CNI's node agent (flannel's kube-flannel-ds pod, Calico's calico-node pod) has written the CNI config and runs
 * on it. Then the kubelet posts Ready (KubeletReady, event NodeReady). The config stays on the node: a later
 * restart of the agent pod does not make the node NotReady again.
 */
export function nodeNetworkController(rt: ClusterRuntime): Controller {
  const agent = CNI_AGENT[rt.options.cni ?? 'flannel'];
  const configured = new Set<string>();

  const isAgentPod = (ev: StoreEvent) => {
    const o = ev.object;
    return ev.type !== 'DELETED' && o.metadata.namespace === agent.namespace && o.metadata.labels?.[agent.label[0]] === agent.label[1];
  };

  const ready = (node: string) => {
    const n = rt.store.get('nodes', undefined, node);
    const conds = (n?.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? [];
    const r = conds.find((c) => c.type === 'Ready');
    if (!n || !r || r.status !== 'False' || r.reason !== NETWORK_NOT_READY.reason) return;
    const now = rt.clock.timestamp();
    rt.api.modify(
      'nodes',
      undefined,
      node,
      (o) => {
        const c = ((o.status as { conditions?: Array<Record<string, unknown>> }).conditions ?? []).find((x) => x.type === 'Ready');
        if (!c) return;
        Object.assign(c, { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now });
      },
      { subresource: 'status' },
    );
    const ref = { apiVersion: undefined as unknown as string, kind: 'Node', metadata: { name: node, uid: node } };
    rt.events.normal(ref, 'NodeReady', `Node ${node} status is now: NodeReady`, { component: 'kubelet', host: node });
  };

  return {
    name: 'kubelet-network-readiness',
    watches: [{ resource: 'pods', keys: (ev) => (isAgentPod(ev) ? [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`] : []) }],
    reconcile: (key) => {
      const [ns, name] = key.split('/');
      const p = rt.store.get('pods', ns, name) as unknown as Pod | undefined;
      const node = p?.spec?.nodeName;
      if (!node || configured.has(node)) return;
      const running = p.status?.containerStatuses?.some((c) => c.name === agent.container && !!c.state?.running);
      if (!running) return;
      configured.add(node);
      ready(node);
    },
  };
}
