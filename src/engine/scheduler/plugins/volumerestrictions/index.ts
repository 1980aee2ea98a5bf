import type { Pod, Volume } from 'kubernetes-types/core/v1';
import { claimSpec } from '../../../api/kinds/persistentvolumeclaim.ts';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.ts';
import { SKIP, unresolvable, unschedulable } from '../../framework/status.ts';
import { VolumeRestrictions } from '../../names.ts';

export const ErrReasonDiskConflict = 'node(s) had no available disk';
export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const diskConflict = unschedulable(VolumeRestrictions, ErrReasonDiskConflict);
const rwopConflict = unschedulable(VolumeRestrictions, ErrReasonReadWriteOncePodConflict);

interface StateData {
  /** The pod has GCE PD, AWS EBS, RBD or iSCSI volumes to check against the node's pods. */
  needsCheck: boolean;
  /** How many of the pod's ReadWriteOncePod claims a scheduled pod already uses. */
  conflictingPVCRefCount: number;
}
const stateKey = new StateKey<StateData>('PreFilter' + VolumeRestrictions);

/** needsRestrictionsCheck: the in-tree volume types with single-writer rules. */
export function needsRestrictionsCheck(v: Volume): boolean {
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);
}

/**
 * isVolumeConflict: the same GCE PD (unless both read-only), the same EBS volume id, the same iSCSI IQN
 * (unless both read-only), or the same RBD image (a shared monitor, same pool and image, unless both
 * read-only) on the node.
 */
export function isVolumeConflict(v: Volume, existing: Pod['spec'] | undefined): boolean {
  if (!needsRestrictionsCheck(v)) return false;
  for (const e of existing?.volumes ?? []) {
    if (v.gcePersistentDisk && e.gcePersistentDisk && v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && e.gcePersistentDisk.readOnly)) return true;
    if (v.awsElasticBlockStore && e.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi && e.iscsi && v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly && e.iscsi.readOnly)) return true;
    if (v.rbd && e.rbd) {
      const mons = new Set(v.rbd.monitors ?? []);
      const overlap = (e.rbd.monitors ?? []).some((m) => mons.has(m));
      const pool = (x: { pool?: string }) => x.pool || 'rbd';
      if (overlap && pool(v.rbd) === pool(e.rbd) && v.rbd.image === e.rbd.image && !(v.rbd.readOnly && e.rbd.readOnly)) return true;
    }
  }
  return false;
}

/**
 * VolumeRestrictions (framework/plugins/volumerestrictions).
 * PreFilter: a missing claim is UnschedulableAndUnresolvable; count the pod's ReadWriteOncePod claims that a
 * scheduled pod already uses; Skip when there is nothing to check.
 * Filter: in-tree disk conflicts with the node's pods (`node(s) had no available disk`), then the
 * ReadWriteOncePod conflict, which holds on every node (Unschedulable: preemption may free the claim).
 */
export function volumeRestrictions(h: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: VolumeRestrictions,
    events: ClusterEvent.AssignedPodDelete | ClusterEvent.NodeAdd | ClusterEvent.Volume,
    preFilter(state, pod) {
      const volumes = pod.spec?.volumes;
      if (!volumes || volumes.length === 0) return { status: SKIP };
      let needsCheck = false;
      const rwop = new Set<string>();
      for (const v of volumes) {
        if (needsRestrictionsCheck(v)) needsCheck = true;
        const name = v.persistentVolumeClaim?.claimName;
        if (!name) continue;
        const pvc = h.store.get('persistentvolumeclaims', pod.namespace, name);
        if (!pvc) return { status: unresolvable(VolumeRestrictions, `persistentvolumeclaim "${name}" not found`) };
        if (claimSpec(pvc).accessModes?.includes('ReadWriteOncePod')) rwop.add(name);
      }
      let conflictingPVCRefCount = 0;
      if (rwop.size) {
        // IsPVCUsedByPods over the scheduled pods (only pods with ReadWriteOncePod claims pay for this scan).
        const used = new Set<string>();
        for (const p of h.pods.all()) {
          if (p.namespace !== pod.namespace || p.uid === pod.uid) continue;
          for (const v of (p.pod.spec as Pod['spec'])?.volumes ?? []) {
            const n = v.persistentVolumeClaim?.claimName;
            if (n && rwop.has(n)) used.add(n);
          }
        }
        conflictingPVCRefCount = used.size;
      }
      if (!needsCheck && conflictingPVCRefCount === 0) return { status: SKIP };
      state.write(stateKey, { needsCheck, conflictingPVCRefCount });
      return undefined;
    },
    filter(state, pod, nodes, i) {
      const s = state.read(stateKey);
      if (!s) return undefined;
      if (s.needsCheck) {
        for (const v of pod.spec?.volumes ?? []) {
          if (!needsRestrictionsCheck(v)) continue;
          for (const p of h.pods.podsOn(nodes.names[i])) if (isVolumeConflict(v, (p.pod.spec as Pod['spec']) ?? undefined)) return diskConflict;
        }
      }
      return s.conflictingPVCRefCount > 0 ? rwopConflict : undefined;
    },
  };
}
