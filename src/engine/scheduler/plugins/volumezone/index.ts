import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/types.ts';
import { claimSpec } from '../../../api/kinds/persistentvolumeclaim.ts';
import { scOf } from '../../../api/kinds/storageclass.ts';
import { claimClass } from '../../../controllers/persistentvolume/helpers.ts';
import { StateKey } from '../../framework/cycle-state.ts';
import { ClusterEvent } from '../../framework/events.ts';
import type { FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.ts';
import { SKIP, unresolvable, type Status } from '../../framework/status.ts';
import { VolumeZone } from '../../names.ts';

export const ErrReasonConflict = 'node(s) had no available volume zone';

const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
/** The topology labels looked at, in upstream's order. */
export const TOPOLOGY_LABELS = [BETA_ZONE, BETA_REGION, ZONE, REGION];

const conflict = unresolvable(VolumeZone, ErrReasonConflict);

/** A bound volume's topology label: its key and the zones (or regions) it allows. */
export interface PVTopology {
  pv: string;
  key: string;
  values: ReadonlySet<string>;
}

const stateKey = new StateKey<PVTopology[]>('PreFilter' + VolumeZone);

/** translateToGALabel: a beta zone/region key maps to its GA key. */
function toGA(key: string): string {
  if (key === BETA_REGION) return REGION;
  if (key === BETA_ZONE) return ZONE;
  return key;
}

/** LabelZonesToSet: a label value lists zones separated by "__"; an empty zone makes the label unusable. */
export function labelZonesToSet(value: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const z of value.split('__')) {
    const t = z.trim();
    if (t === '') return undefined;
    out.add(t);
  }
  return out;
}

/** getPVTopologies: the volume's topology labels (a label that does not parse is ignored). */
export function pvTopologies(pv: KubeObject): PVTopology[] {
  const out: PVTopology[] = [];
  const labels = pv.metadata.labels ?? {};
  for (const key of TOPOLOGY_LABELS) {
    const v = labels[key];
    if (v === undefined) continue;
    const values = labelZonesToSet(v);
    if (values) out.push({ pv: pv.metadata.name ?? '', key, values });
  }
  return out;
}

/**
 * getPVbyPod: the topologies of the volumes bound to the pod's claims. Unbound claims of a
 * WaitForFirstConsumer class are skipped (VolumeBinding places them); anything else unbound, or missing, is
 * UnschedulableAndUnresolvable with upstream's message.
 */
export function podPVTopologies(h: Handle, pod: { namespace: string; spec: Pod['spec'] }): PVTopology[] | Status {
  const out: PVTopology[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const name = v.persistentVolumeClaim.claimName;
    if (!name) return unresolvable(VolumeZone, 'PersistentVolumeClaim had no name');
    const pvc = h.store.get('persistentvolumeclaims', pod.namespace, name);
    if (!pvc) return unresolvable(VolumeZone, `persistentvolumeclaim "${name}" not found`);
    const pvName = claimSpec(pvc).volumeName;
    if (!pvName) {
      const scName = claimClass(pvc);
      if (!scName) return unresolvable(VolumeZone, 'PersistentVolumeClaim had no pv name and storageClass name');
      const sc = h.store.get('storageclasses', undefined, scName);
      if (!sc) return unresolvable(VolumeZone, `storageclass.storage.k8s.io "${scName}" not found`);
      const mode = scOf(sc).volumeBindingMode;
      if (!mode) return unresolvable(VolumeZone, `VolumeBindingMode not set for StorageClass "${scName}"`);
      if (mode === 'WaitForFirstConsumer') continue;
      return unresolvable(VolumeZone, 'PersistentVolume had no name');
    }
    const pv = h.store.get('persistentvolumes', undefined, pvName);
    if (!pv) return unresolvable(VolumeZone, `persistentvolume "${pvName}" not found`);
    out.push(...pvTopologies(pv));
  }
  return out;
}

/**
 * VolumeZone (framework/plugins/volumezone).
 * PreFilter: the zone and region labels of the volumes bound to the pod's claims; Skip when there are none.
 * Filter: a node carrying any zone or region label must carry every volume's key (a beta key may match the
 * GA label) with one of the volume's values; nodes without topology labels pass (single-zone clusters).
 */
export function volumeZone(h: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: VolumeZone,
    events: ClusterEvent.NodeAdd | ClusterEvent.NodeLabel | ClusterEvent.NodeTaint | ClusterEvent.Volume,
    preFilter(state, pod) {
      const r = podPVTopologies(h, pod);
      if (!Array.isArray(r)) return { status: r };
      if (r.length === 0) return { status: SKIP };
      state.write(stateKey, r);
      return undefined;
    },
    filter(state, pod, nodes, i) {
      if (!pod.spec.volumes?.length) return undefined;
      const topologies = state.read(stateKey);
      if (!topologies) return undefined;
      const labels = nodes.labels[i];
      if (!TOPOLOGY_LABELS.some((k) => k in labels)) return undefined;
      for (const t of topologies) {
        const v = labels[t.key] ?? labels[toGA(t.key)];
        if (v === undefined || !t.values.has(v)) return conflict;
      }
      return undefined;
    },
  };
}
