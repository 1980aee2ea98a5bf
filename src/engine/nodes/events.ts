import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';

/**
 * The events a kubelet and the node controller record when a node joins, with upstream's texts, so that
 * `kubectl describe node` shows what a fresh kind node shows.
 */
export function recordRegistrationEvents(rt: ClusterRuntime, node: KubeObject): void {
  const name = node.metadata.name!;
  // The kubelet refers to its node with the node name as UID and no apiVersion (kubelet.go nodeRef);
  // `kubectl describe node` looks events up by both the real UID and the name for that reason.
  const kubeletRef = { apiVersion: undefined as unknown as string, kind: 'Node', metadata: { name, uid: name } };
  const kubelet = { component: 'kubelet', host: name };
  rt.events.normal(kubeletRef, 'Starting', 'Starting kubelet.', kubelet);
  for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
    rt.events.normal(kubeletRef, reason, `Node ${name} status is now: ${reason}`, kubelet);
  }
  rt.events.normal(kubeletRef, 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', kubelet);
  const controllerRef = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid } };
  rt.events.normal(controllerRef, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, { component: 'node-controller' });
}
