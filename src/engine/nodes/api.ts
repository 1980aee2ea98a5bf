import type { KubeObject } from '../api/types.ts';
import type { NodeSpec } from '../runtime.ts';

/** Service name under which the node component registers itself (`rt.service<NodesService>(NODES_SERVICE)`). */
export const NODES_SERVICE = 'nodes';

/** What the rest of the engine (lab commands, kubelets) may ask of the node component. */
export interface NodesService {
  /** Register a node as a joining kubelet does: Node object, status, lease, events. Throws a StatusError on conflict. */
  add(spec: NodeSpec): KubeObject;
  /** Delete the Node and its Lease (the kubelet stops). Returns false when there was no such node. */
  remove(name: string): boolean;
  /** Stop or resume the node's heartbeats (lease renewals and status reports), e.g. to simulate a failed node. */
  setHeartbeat(name: string, alive: boolean): void;
  isHeartbeating(name: string): boolean;
  /**
   * Take over a Node object someone created with its status (KWOK-style): give it a pod CIDR when it has
   * none, create its Lease and start its heartbeats, keeping the status it was created with. Returns false
   * when the node is missing or already simulated.
   */
  adopt(name: string): boolean;
}
