import type { KubeObject } from '../../api/types.ts';
import { pvSpec, pvStatus } from '../../api/kinds/persistentvolume.ts';
import { claimSpec, claimStatus } from '../../api/kinds/persistentvolumeclaim.ts';
import { scOf } from '../../api/kinds/storageclass.ts';
import { isStatusError } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { storageOf } from '../../storage/backend.ts';
import { CREATE_VOLUME_MS, CsiDriver, DELETE_VOLUME_MS, DRIVER_NAME, provisionerFinalizer } from '../../storage/driver.ts';
import { annDynamicallyProvisioned, annSelectedNode, annStorageProvisioner, claimClass } from '../persistentvolume/helpers.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';

/** The provisioner sidecar's event source (`<driver>_<controller pod>_<id>`, as csi-provisioner names itself). */
export const provisionerSource = { component: `${DRIVER_NAME}_csi-disk-controller-0_5f0c7a3e-2b1d-4c55-9e0f-6a7b8c9d0e1f` };

const CLAIM = 'claim:';
const VOLUME = 'volume:';

/**
 * The external-provisioner sidecar of the lab's CSI driver: for a claim the persistentvolume controller
 * handed to it (volume.kubernetes.io/storage-provisioner), it calls CreateVolume and creates a PV pre-bound
 * to the claim (`pvc-<claim uid>`); for a Released volume it provisioned whose policy is Delete, it calls
 * DeleteVolume and deletes the PV. Each call takes virtual time.
 */
export function csiProvisioner(rt: ClusterRuntime): Controller {
  const driver = new CsiDriver(storageOf(rt));
  /** claim uid → virtual ms when CreateVolume returns. */
  const creating = new Map<string, number>();
  /** pv name → virtual ms when DeleteVolume returns. */
  const deleting = new Map<string, number>();
  return {
    name: 'csi-provisioner',
    watches: [
      { resource: 'persistentvolumeclaims', keys: (ev) => [CLAIM + keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] },
      { resource: 'persistentvolumes', keys: (ev) => [VOLUME + ev.object.metadata.name] },
      { resource: 'volumeattachments', keys: (ev) => [VOLUME + ((ev.object.spec as { source?: { persistentVolumeName?: string } }).source?.persistentVolumeName ?? '')] },
    ],
    reconcile(key, ctx) {
      if (key.startsWith(CLAIM)) return provision(ctx, key.slice(CLAIM.length));
      if (key.startsWith(VOLUME)) return remove(ctx, key.slice(VOLUME.length));
    },
  };

  function provision(ctx: ControllerContext, key: string): void {
    const [ns, name] = splitKey(key);
    const claim = ctx.store.get('persistentvolumeclaims', ns, name);
    if (!claim || claim.metadata.deletionTimestamp) return;
    if (claim.metadata.annotations?.[annStorageProvisioner] !== DRIVER_NAME) return;
    if (claimSpec(claim).volumeName || claimStatus(claim).phase === 'Bound') return;
    const sc = ctx.store.get('storageclasses', undefined, claimClass(claim));
    if (!sc) return;
    if (scOf(sc).volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata.annotations?.[annSelectedNode]) return;
    const uid = claim.metadata.uid!;
    const pvName = `pvc-${uid}`;
    if (ctx.store.get('persistentvolumes', undefined, pvName)) return;
    const due = creating.get(uid);
    if (due === undefined) {
      creating.set(uid, ctx.clock.now() + CREATE_VOLUME_MS);
      ctx.events.normal(claim, 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, provisionerSource);
      ctx.enqueueAfter(CLAIM + key, CREATE_VOLUME_MS);
      return;
    }
    if (due > ctx.clock.now()) return;
    creating.delete(uid);
    const capacity = claimSpec(claim).resources?.requests?.storage ?? '1Gi';
    const handle = `vol-${uid.replace(/-/g, '').slice(0, 17)}`;
    driver.createVolume(pvName, handle, capacity);
    const policy = scOf(sc).reclaimPolicy ?? 'Delete';
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: {
          [annDynamicallyProvisioned]: DRIVER_NAME,
          'volume.kubernetes.io/provisioner-deletion-secret-name': '',
          'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
        },
        finalizers: policy === 'Delete' ? [provisionerFinalizer] : [],
      },
      spec: {
        accessModes: [...(claimSpec(claim).accessModes ?? [])],
        capacity: { storage: capacity },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, resourceVersion: claim.metadata.resourceVersion, uid },
        csi: { driver: DRIVER_NAME, fsType: 'ext4', volumeHandle: handle, volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `1735689600000-1234-${DRIVER_NAME}` } },
        persistentVolumeReclaimPolicy: policy,
        storageClassName: sc.metadata.name,
        volumeMode: claimSpec(claim).volumeMode ?? 'Filesystem',
        ...(scOf(sc).mountOptions ? { mountOptions: [...scOf(sc).mountOptions!] } : {}),
      },
    };
    try {
      ctx.api.create(pv);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      ctx.events.warning(claim, 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata.name}": ${e.message}`, provisionerSource);
      return;
    }
    ctx.events.normal(claim, 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, provisionerSource);
  }

  function remove(ctx: ControllerContext, name: string): void {
    const pv = ctx.store.get('persistentvolumes', undefined, name);
    if (!pv || pv.metadata.annotations?.[annDynamicallyProvisioned] !== DRIVER_NAME) return;
    const spec = pvSpec(pv);
    if (spec.persistentVolumeReclaimPolicy !== 'Delete' || pvStatus(pv).phase !== 'Released') return;
    // A volume still attached somewhere is not deleted until it is detached.
    if (ctx.store.list('volumeattachments').some((va) => (va.spec as { source?: { persistentVolumeName?: string } }).source?.persistentVolumeName === name)) return;
    const due = deleting.get(name);
    if (due === undefined) {
      deleting.set(name, ctx.clock.now() + DELETE_VOLUME_MS);
      ctx.enqueueAfter(VOLUME + name, DELETE_VOLUME_MS);
      return;
    }
    if (due > ctx.clock.now()) return;
    deleting.delete(name);
    driver.deleteVolume(name, spec.csi?.volumeHandle ?? '');
    try {
      if (!pv.metadata.deletionTimestamp) ctx.api.delete('persistentvolumes', undefined, name);
      const cur = ctx.store.get('persistentvolumes', undefined, name);
      if (cur?.metadata.finalizers?.includes(provisionerFinalizer)) {
        ctx.api.modify('persistentvolumes', undefined, name, (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== provisionerFinalizer);
        });
      }
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
}
