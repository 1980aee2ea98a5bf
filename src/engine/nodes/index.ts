import type { NodeCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import type { ClusterRuntime, NodeSpec } from '../runtime.ts';
import { NODES_SERVICE, type NodesService } from './api.ts';
import { SlotAllocator, nodeIPForSlot, podCIDRForSlot } from './allocator.ts';
import {
  CONTROL_PLANE_NODE,
  CONTROL_PLANE_ROLE_LABEL,
  EXCLUDE_FROM_LB_LABEL,
  NODE_LEASE_RENEW_INTERVAL_MS,
  NODE_STATUS_REPORT_INTERVAL_MS,
} from './defaults.ts';
import { controlPlaneCount, controlPlaneNames } from '../controlplane/defaults.ts';
import { recordRegistrationEvents } from './events.ts';
import { createNodeLease, deleteNodeLease, renewNodeLease } from './lease.ts';
import { nodeObject, nodeStatus } from './node-object.ts';
import { nodeNetworkController } from './network.ts';

export { NODES_SERVICE, type NodesService } from './api.ts';

/** Per-cluster bookkeeping of the node component: address slots and heartbeat state. */
interface NodeAgent {
  slot: number;
  alive: boolean;
  lastStatusReport: number;
}

class NodeRegistry {
  readonly slots = new SlotAllocator();
  readonly agents = new Map<string, NodeAgent>();
  timerArmed = false;
}

const registries = new WeakMap<ClusterRuntime, NodeRegistry>();

function registryOf(rt: ClusterRuntime): NodeRegistry {
  let r = registries.get(rt);
  if (!r) {
    r = new NodeRegistry();
    registries.set(rt, r);
  }
  return r;
}

/** The control-plane node every cluster has: kubeadm's role labels and NoSchedule taint. */
export const controlPlaneSpec: NodeSpec = {
  name: CONTROL_PLANE_NODE,
  labels: { [CONTROL_PLANE_ROLE_LABEL]: '', [EXCLUDE_FROM_LB_LABEL]: '' },
  taints: [{ key: CONTROL_PLANE_ROLE_LABEL, effect: 'NoSchedule' }],
};

/** Worker specs from the cluster option: a count (worker-1…worker-N, default 2) or explicit specs. */
export function workerSpecs(nodes: number | NodeSpec[] | undefined): NodeSpec[] {
  if (Array.isArray(nodes)) return nodes;
  const n = nodes ?? 2;
  if (!Number.isInteger(n) || n < 0) throw new Error(`nodes must be a non-negative integer, got ${n}`);
  return Array.from({ length: n }, (_, i) => ({ name: `worker-${i + 1}` }));
}

/**
 * Register a node as a joining kubelet does: create the Node (labels, pod CIDR), post its status
 * (capacity, conditions, addresses, nodeInfo, images), create its Lease, record the join events, and
 * start heartbeats. Throws a StatusError (e.g. AlreadyExists) and changes nothing when the API refuses.
 */
export function addNode(rt: ClusterRuntime, spec: NodeSpec): KubeObject {
  const reg = registryOf(rt);
  const slot = reg.slots.allocate();
  const placement = { podCIDR: podCIDRForSlot(slot), internalIP: nodeIPForSlot(slot) };
  let created: KubeObject;
  try {
    const status = nodeStatus(spec, placement, rt.rng, rt.clock.timestamp());
    created = rt.api.create(nodeObject(spec, placement));
    created = rt.api.updateStatus({ ...created, status });
  } catch (e) {
    reg.slots.release(slot);
    throw e;
  }
  createNodeLease(rt, created);
  recordRegistrationEvents(rt, created);
  reg.agents.set(spec.name, { slot, alive: true, lastStatusReport: rt.clock.now() });
  armHeartbeat(rt, reg);
  return created;
}

/** Simulate a Node created through the API with its own status: pod CIDR if missing, Lease, heartbeats. */
export function adoptNode(rt: ClusterRuntime, name: string): boolean {
  const reg = registryOf(rt);
  const node = rt.api.tryGet('nodes', undefined, name);
  if (!node || reg.agents.has(name)) return false;
  const slot = reg.slots.allocate();
  if (!(node.spec as { podCIDR?: string } | undefined)?.podCIDR) {
    const cidr = podCIDRForSlot(slot);
    rt.api.modify('nodes', undefined, name, (n) => {
      n.spec = { ...((n.spec as object | undefined) ?? {}), podCIDR: cidr, podCIDRs: [cidr] };
    });
  }
  createNodeLease(rt, rt.api.get('nodes', undefined, name));
  reg.agents.set(name, { slot, alive: true, lastStatusReport: rt.clock.now() });
  armHeartbeat(rt, reg);
  return true;
}

/** Remove a node: its Lease and Node object go, its address slot is freed. */
export function removeNode(rt: ClusterRuntime, name: string): boolean {
  const reg = registryOf(rt);
  const agent = reg.agents.get(name);
  if (!rt.api.tryGet('nodes', undefined, name)) return false;
  deleteNodeLease(rt, name);
  rt.api.delete('nodes', undefined, name);
  if (agent) {
    reg.slots.release(agent.slot);
    reg.agents.delete(name);
  }
  return true;
}

/**
 * One background timer drives every node's heartbeat: each tick renews the leases of live nodes and, every
 * five minutes per node, re-posts the conditions' lastHeartbeatTime as the kubelet's status report does.
 * It is a background timer, so `runUntilIdle` does not wait for it.
 */
function armHeartbeat(rt: ClusterRuntime, reg: NodeRegistry): void {
  if (reg.timerArmed) return;
  reg.timerArmed = true;
  const tick = () => {
    const now = rt.clock.now();
    for (const [name, agent] of reg.agents) {
      if (!agent.alive) continue;
      renewNodeLease(rt, name);
      if (now - agent.lastStatusReport >= NODE_STATUS_REPORT_INTERVAL_MS) {
        agent.lastStatusReport = now;
        reportStatus(rt, name);
      }
    }
    rt.clock.schedule(tick, NODE_LEASE_RENEW_INTERVAL_MS, { background: true, label: 'nodes:heartbeat' });
  };
  rt.clock.schedule(tick, NODE_LEASE_RENEW_INTERVAL_MS, { background: true, label: 'nodes:heartbeat' });
}

/** The periodic status report: conditions unchanged, lastHeartbeatTime = now. */
function reportStatus(rt: ClusterRuntime, name: string): void {
  if (!rt.api.tryGet('nodes', undefined, name)) return;
  const now = rt.clock.timestamp();
  rt.api.modify(
    'nodes',
    undefined,
    name,
    (n) => {
      const conds = ((n.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []) as Array<{ lastHeartbeatTime?: string }>;
      for (const c of conds) c.lastHeartbeatTime = now;
    },
    { subresource: 'status' },
  );
}

function nodesService(rt: ClusterRuntime): NodesService {
  const reg = registryOf(rt);
  return {
    add: (spec) => addNode(rt, spec),
    remove: (name) => removeNode(rt, name),
    setHeartbeat: (name, alive) => {
      const agent = reg.agents.get(name);
      if (!agent) return;
      agent.alive = alive;
      if (alive) renewNodeLease(rt, name);
    },
    isHeartbeating: (name) => reg.agents.get(name)?.alive ?? false,
    adopt: (name) => adoptNode(rt, name),
  };
}

/** Register the control-plane node and the workers from the cluster options; start node heartbeats. */
export function startNodes(rt: ClusterRuntime): void {
  const workers = workerSpecs(rt.options.nodes);
  if (workers.some((w) => w.name === CONTROL_PLANE_NODE)) {
    throw new Error(`node name "${CONTROL_PLANE_NODE}" is reserved for the control-plane node`);
  }
  rt.services.set(NODES_SERVICE, nodesService(rt));
  rt.controllers.add(nodeNetworkController(rt));
  addNode(rt, controlPlaneSpec);
  // More control-plane nodes join before the workers, as kind creates them (controlPlanes: 3).
  for (const name of controlPlaneNames(controlPlaneCount(rt.options.controlPlanes)).slice(1)) {
    if (workers.some((w) => w.name === name)) throw new Error(`node name "${name}" is reserved for a control-plane node`);
    addNode(rt, { ...controlPlaneSpec, name });
  }
  // A booting cluster joins its workers once the control plane and its addons are up (`joinWorkers`).
  if (rt.options.boot === false) joinWorkers(rt);
}

/** `kubeadm join` on every worker of the cluster options, in order. */
export function joinWorkers(rt: ClusterRuntime): void {
  for (const spec of workerSpecs(rt.options.nodes)) if (!rt.store.get('nodes', undefined, spec.name)) addNode(rt, spec);
}
