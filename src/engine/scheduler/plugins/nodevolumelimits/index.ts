import type { Pod, Volume } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/types.ts';
import type { CSINodeSpec } from '../../../api/kinds/csinode.ts';
import { pvSpec } from '../../../api/kinds/persistentvolume.ts';
import { claimSpec } from '../../../api/kinds/persistentvolumeclaim.ts';
import { scOf } from '../../../api/kinds/storageclass.ts';
import { claimClass } from '../../../controllers/persistentvolume/helpers.ts';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.ts';
import { errorStatus, SKIP, unresolvable, unschedulable, type Status } from '../../framework/status.ts';
import { NodeVolumeLimits } from '../../names.ts';
import type { NodeTable } from '../../nodetable.ts';
import { ATTACHABLE_VOLUMES_PREFIX, csiAttachLimitKey } from './attachkey.ts';

export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

const exceeded = unschedulable(NodeVolumeLimits, ErrReasonMaxVolumeCountExceeded);

/** Stands in for upstream's per-scheduler random prefix of the handles of volumes not provisioned yet. */
const UNBOUND_HANDLE_PREFIX = 'kubelab-scheduler-unbound-volume';

/** In-tree inline volume types the CSI translation library can migrate (translator.IsInlineMigratable). */
function isInlineMigratable(v: Volume): boolean {
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.cinder || v.azureDisk || v.azureFile || v.vsphereVolume || v.portworxVolume);
}

/** The pod's attachable CSI volumes: unique name (`<driver>/<handle>`) → limit key; or why they cannot be listed. */
type Attachable = Map<string, string>;

const stateKey = new StateKey<Attachable | Status>('PreFilter' + NodeVolumeLimits);

/**
 * getCSIDriverInfo: the CSI driver and volume handle behind a claim — from its bound PersistentVolume, or,
 * while it has none, the class's provisioner and a handle made from the claim's name. Volumes that are not
 * CSI (Kubelab migrates no in-tree plugin) count nowhere.
 */
function csiDriverInfo(h: Handle, pvc: KubeObject): [string, string] | undefined {
  const pvName = claimSpec(pvc).volumeName;
  const pv = pvName ? h.store.get('persistentvolumes', undefined, pvName) : undefined;
  if (pv) {
    const csi = pvSpec(pv).csi;
    return csi ? [csi.driver, csi.volumeHandle] : undefined;
  }
  const scName = claimClass(pvc);
  if (!scName) return undefined;
  const sc = h.store.get('storageclasses', undefined, scName);
  if (!sc) return undefined;
  return [scOf(sc).provisioner ?? '', `${UNBOUND_HANDLE_PREFIX}-${pvc.metadata.namespace}/${pvc.metadata.name}`];
}

/**
 * filterAttachableVolumes: add the pod's CSI volumes (claims and generic ephemeral volumes) to `out`. For the
 * pod being scheduled a missing claim is an error; existing pods' missing claims are not counted.
 */
function attachableVolumes(h: Handle, pod: { namespace: string; name: string; spec: Pod['spec'] }, newPod: boolean, out: Attachable): Status | undefined {
  for (const v of pod.spec?.volumes ?? []) {
    let pvcName: string;
    const ephemeral = !!v.ephemeral;
    if (v.persistentVolumeClaim) pvcName = v.persistentVolumeClaim.claimName;
    else if (ephemeral) pvcName = `${pod.name}-${v.name}`;
    else continue;
    if (!pvcName) return errorStatus(NodeVolumeLimits, 'PersistentVolumeClaim had no name');
    const pvc = h.store.get('persistentvolumeclaims', pod.namespace, pvcName);
    if (!pvc) {
      if (!newPod) continue;
      return unresolvable(NodeVolumeLimits, `looking up PVC ${pod.namespace}/${pvcName}: persistentvolumeclaim "${pvcName}" not found`);
    }
    if (ephemeral && !pvc.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'Pod' && r.name === pod.name)) {
      return errorStatus(NodeVolumeLimits, `PVC ${pod.namespace}/${pvcName} was not created for pod ${pod.namespace}/${pod.name} (pod is not owner)`);
    }
    const info = csiDriverInfo(h, pvc);
    if (!info || !info[0] || !info[1]) continue;
    out.set(`${info[0]}/${info[1]}`, csiAttachLimitKey(info[0]));
  }
  return undefined;
}

/** getVolumeLimits: `attachable-volumes-*` allocatable of the node, overridden per driver by its CSINode's allocatable count. */
export function volumeLimits(h: Handle, nodes: NodeTable, i: number): Map<string, number> {
  const limits = new Map<string, number>();
  const scalars = nodes.allocScalar[i];
  if (scalars) for (const [k, n] of scalars) if (k.startsWith(ATTACHABLE_VOLUMES_PREFIX)) limits.set(k, n);
  const csiNode = h.store.get('csinodes', undefined, nodes.names[i]);
  for (const d of ((csiNode?.spec ?? {}) as CSINodeSpec).drivers ?? []) {
    if (d.allocatable?.count !== undefined && d.allocatable.count !== null) limits.set(csiAttachLimitKey(d.name), d.allocatable.count);
  }
  return limits;
}

/**
 * NodeVolumeLimits (framework/plugins/nodevolumelimits, CSILimits).
 * PreFilter: Skip for pods without claims, generic ephemeral volumes or migratable in-tree inline volumes.
 * Filter: per CSI driver, the volumes already attached to the node's pods plus the pod's new ones (a volume
 * shared with a pod on the node counts once) must stay within the driver's limit — the CSINode's
 * `spec.drivers[].allocatable.count`, or the node's `attachable-volumes-csi-<driver>` allocatable.
 */
export function nodeVolumeLimits(h: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: NodeVolumeLimits,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeAllocatable | ClusterEvent.AssignedPodDelete | ClusterEvent.Volume,
    preFilter(state, pod) {
      const vols = pod.spec.volumes ?? [];
      if (!vols.some((v) => v.persistentVolumeClaim || v.ephemeral || isInlineMigratable(v))) return { status: SKIP };
      // The pod's own volumes do not depend on the node (no CSI migration): listed once per cycle.
      const mine: Attachable = new Map();
      state.write(stateKey, attachableVolumes(h, pod, true, mine) ?? mine);
      return undefined;
    },
    filter(state, pod, nodes, i) {
      if (!pod.spec.volumes?.length) return undefined;
      const s = state.read(stateKey);
      if (!s) return undefined;
      if (!(s instanceof Map)) return s;
      if (s.size === 0) return undefined;
      const limits = volumeLimits(h, nodes, i);
      if (limits.size === 0) return undefined;
      const attached: Attachable = new Map();
      for (const p of h.pods.podsOn(nodes.names[i])) attachableVolumes(h, { namespace: p.namespace, name: p.name, spec: p.pod.spec as Pod['spec'] }, false, attached);
      const newVolumes = new Map(s);
      const attachedCount = new Map<string, number>();
      for (const [unique, key] of attached) {
        newVolumes.delete(unique);
        attachedCount.set(key, (attachedCount.get(key) ?? 0) + 1);
      }
      const newCount = new Map<string, number>();
      for (const key of newVolumes.values()) newCount.set(key, (newCount.get(key) ?? 0) + 1);
      for (const [key, count] of newCount) {
        const max = limits.get(key);
        if (max !== undefined && (attachedCount.get(key) ?? 0) + count > max) return exceeded;
      }
      return undefined;
    },
  };
}
