import type { KubeObject } from '../api/types.ts';
import { NODES_SERVICE, type NodesService } from '../nodes/api.ts';
import type { ClusterRuntime } from '../runtime.ts';
import { Rng } from '../util/rng.ts';
import { CONTROL_PLANE_SERVICE, type ControlPlaneService } from './api.ts';
import { controlPlaneCount, controlPlaneNames, ELECTED_COMPONENTS, LEADER_ELECTION_NAMESPACE } from './defaults.ts';
import { Elector, type ElectionEnv } from './election.ts';
import { EtcdCluster } from './etcd.ts';

export { CONTROL_PLANE_SERVICE, type ControlPlaneService } from './api.ts';

/** Seed offset of the control plane's private random stream (kept apart from the shared one). */
const RNG_SALT = 0x6c65_6164;

/**
 * Start the control-plane model: the stacked etcd members, and one leader-election candidate per elected
 * component (kube-controller-manager, kube-scheduler) per control-plane node. Controllers of a component
 * without a leader pause (ControllerManager.setComponentActive). The API answers clients only while an
 * apiserver runs and etcd has quorum (ApiServer.unavailable).
 */
export function startControlPlane(rt: ClusterRuntime): ControlPlaneService {
  const names = controlPlaneNames(controlPlaneCount(rt.options.controlPlanes));
  const nodeUp = (node: string) => rt.service<NodesService>(NODES_SERVICE)?.isHeartbeating(node) ?? false;
  const rng = new Rng(((rt.options.seed ?? 1) ^ RNG_SALT) >>> 0);
  const quietly = <T>(fn: () => T): T => rt.rng.drawFrom(rng, fn);
  const etcd = new EtcdCluster(rt, names, rng, nodeUp);

  const electors = new Map<string, Elector[]>();
  for (const c of ELECTED_COMPONENTS) {
    const env: ElectionEnv = {
      rt,
      rng,
      nodeUp,
      writable: () => etcd.hasQuorum(),
      quietly,
      becameLeader: (lease: KubeObject, identity: string) =>
        quietly(() => rt.events.normal(lease, 'LeaderElection', `${identity} became leader`, { component: c.eventSource })),
    };
    electors.set(
      c.lease,
      names.map((n) => new Elector(env, c.lease, n)),
    );
  }
  for (const list of electors.values()) for (const e of list) e.start();
  const leading = (lease: string) => electors.get(lease)!.some((e) => e.leading && nodeUp(e.node));
  for (const c of ELECTED_COMPONENTS) rt.controllers.setComponentGate(c.component, () => leading(c.lease));

  rt.api.unavailable = () => {
    if (!names.some(nodeUp)) return 'refused';
    if (!etcd.hasQuorum()) return 'etcd-timeout';
    return undefined;
  };

  const service: ControlPlaneService = {
    nodes: () => names,
    apiserverUp: nodeUp,
    leaders: () =>
      ELECTED_COMPONENTS.map((c) => {
        const lease = rt.store.get('leases', LEADER_ELECTION_NAMESPACE, c.lease);
        return {
          lease: c.lease,
          holder: (lease?.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? '',
          active: leading(c.lease),
        };
      }),
    members: () => etcd.list(),
    hasQuorum: () => etcd.hasQuorum(),
    raftTerm: () => etcd.raftTerm(),
    snapshotSave: (name) => etcd.save(name),
    snapshotRestore: (name) => etcd.restore(name),
    snapshots: () => etcd.snapshots(),
    dbSize: () => etcd.dbSize(),
  };
  rt.services.set(CONTROL_PLANE_SERVICE, service);
  return service;
}
