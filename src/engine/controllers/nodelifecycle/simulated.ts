import type { ClusterRuntime } from '../../runtime.ts';
import { NODES_SERVICE, type NodesService } from '../../nodes/api.ts';
import type { Controller } from '../types.ts';

/**
 * KWOK-style nodes: a Node created through the API (e.g. `kubectl apply`) that carries a status (capacity,
 * allocatable, conditions, images...) joins as a simulated node with exactly that status: the node component
 * gives it a Lease and heartbeats (and a pod CIDR if it has none) and its kubelet starts, as KWOK does for the
 * nodes it manages. A Node created without a status is left alone: with no kubelet behind it, the node
 * lifecycle controller marks it Unknown after the startup grace period, as a real cluster would.
 */
export function simulatedNodeController(rt: ClusterRuntime): Controller {
  return {
    name: 'simulated-nodes',
    watches: [{ resource: 'nodes', keys: (ev) => (ev.type === 'ADDED' ? [ev.object.metadata.name!] : []) }],
    reconcile(name, ctx) {
      const node = ctx.store.get('nodes', undefined, name);
      if (!node) return;
      const status = node.status as Record<string, unknown> | undefined;
      if (!status || Object.keys(status).length === 0) return;
      const nodes = rt.service<NodesService>(NODES_SERVICE);
      if (!nodes?.adopt(name)) return;
      const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid } };
      ctx.events.normal(ref, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, { component: 'node-controller' });
    },
  };
}
