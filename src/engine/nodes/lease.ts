import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { NODE_LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE } from './defaults.ts';

/** The node's Lease in kube-node-lease, owned by the Node so it goes away with it. */
export function createNodeLease(rt: ClusterRuntime, node: KubeObject): void {
  const name = node.metadata.name!;
  const spec = { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: rt.clock.microTimestamp() };
  const existing = rt.api.tryGet('leases', NODE_LEASE_NAMESPACE, name);
  if (existing) {
    rt.api.modify('leases', NODE_LEASE_NAMESPACE, name, (l) => {
      l.spec = spec;
    });
    return;
  }
  rt.api.create({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
    },
    spec,
  });
}

/** Renew the lease (spec.renewTime = now), as the kubelet does every 10 s. Missing leases are left alone. */
export function renewNodeLease(rt: ClusterRuntime, name: string): void {
  if (!rt.api.tryGet('leases', NODE_LEASE_NAMESPACE, name)) return;
  rt.api.modify('leases', NODE_LEASE_NAMESPACE, name, (l) => {
    (l.spec as { renewTime?: string }).renewTime = rt.clock.microTimestamp();
  });
}

export function deleteNodeLease(rt: ClusterRuntime, name: string): void {
  if (rt.api.tryGet('leases', NODE_LEASE_NAMESPACE, name)) rt.api.delete('leases', NODE_LEASE_NAMESPACE, name);
}
