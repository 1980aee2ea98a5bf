import type { KubeObject } from '../../api/types.ts';
import { pvSpec, pvStatus } from '../../api/kinds/persistentvolume.ts';
import { claimSpec } from '../../api/kinds/persistentvolumeclaim.ts';
import { scOf } from '../../api/kinds/storageclass.ts';
import { defaultStorageClass } from '../../api/admission/defaultstorageclass.ts';
import { isStatusError } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';
import { findMatchingVolume, volumeSatisfyClaimError } from './binder.ts';
import { podActive, podClaimNames } from './claims.ts';
import { annBetaStorageProvisioner, annBindCompleted, annBoundByController, annSelectedNode, annStorageProvisioner, claimClass, hasAnnotation, isVolumeBoundToClaim } from './helpers.ts';
import { bindClaim, bindVolume, setClaimPhase, setVolumePhase, unbindVolume } from './writes.ts';
import { reclaimVolume } from './reclaim.ts';

export const source = { component: 'persistentvolume-controller' };
/** --pvclaimbinder-sync-period: unbound claims and released volumes are looked at again this often. */
export const RESYNC_MS = 15_000;

const CLAIM = 'claim:';
const VOLUME = 'volume:';

function claimKeysOfVolume(o: KubeObject | undefined): string[] {
  const ref = o ? pvSpec(o).claimRef : undefined;
  return ref?.name ? [CLAIM + keyOf(ref.namespace, ref.name)] : [];
}

/**
 * The persistentvolume controller (pv_controller.go), level-based: binds claims to the smallest matching
 * volume, asks the external provisioner for one when none fits (ExternalProvisioning), waits for the first
 * consumer when the class says so, keeps phases (Available/Bound/Released/Failed, Pending/Bound/Lost), and
 * reclaims released volumes. WaitForFirstConsumer claims are left to the scheduler's VolumeBinding plugin:
 * it binds a fitting static volume (claimRef on the volume, which this controller completes) or sets
 * `volume.kubernetes.io/selected-node`, after which this controller hands the claim to the provisioner.
 */
export function persistentVolumeController(rt: ClusterRuntime): Controller {
  let enqueue: (k: string) => void = () => {};
  const resync = () => {
    for (const c of rt.store.list('persistentvolumeclaims')) if (!claimSpec(c).volumeName) enqueue(CLAIM + keyOf(c.metadata.namespace, c.metadata.name!));
    for (const v of rt.store.list('persistentvolumes')) if (pvStatus(v).phase !== 'Bound') enqueue(VOLUME + v.metadata.name);
    rt.clock.schedule(resync, RESYNC_MS, { background: true, label: 'pv-controller:resync' });
  };
  return {
    name: 'persistentvolume-binder',
    watches: [
      {
        resource: 'persistentvolumeclaims',
        keys: (ev) => {
          const keys = [CLAIM + keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)];
          const vol = claimSpec(ev.object).volumeName;
          if (ev.type === 'DELETED' && vol) keys.push(VOLUME + vol);
          return keys;
        },
      },
      { resource: 'persistentvolumes', keys: (ev) => [VOLUME + ev.object.metadata.name, ...claimKeysOfVolume(ev.object), ...claimKeysOfVolume(ev.oldObject)] },
      { resource: 'storageclasses', keys: () => ['resync'] },
    ],
    start(_ctx, add) {
      enqueue = add;
      rt.clock.schedule(resync, RESYNC_MS, { background: true, label: 'pv-controller:resync' });
    },
    reconcile(key, ctx) {
      if (key === 'resync') {
        for (const c of ctx.store.list('persistentvolumeclaims')) if (!claimSpec(c).volumeName) enqueue(CLAIM + keyOf(c.metadata.namespace, c.metadata.name!));
        return;
      }
      if (key.startsWith(CLAIM)) return syncClaim(ctx, key.slice(CLAIM.length));
      if (key.startsWith(VOLUME)) return syncVolume(rt, ctx, key.slice(VOLUME.length));
    },
  };
}

function isDelayBinding(ctx: ControllerContext, claim: KubeObject): boolean {
  const cls = claimClass(claim);
  if (!cls) return false;
  const sc = ctx.store.get('storageclasses', undefined, cls);
  return !!sc && scOf(sc).volumeBindingMode === 'WaitForFirstConsumer';
}

function syncClaim(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const claim = ctx.store.get('persistentvolumeclaims', ns, name);
  if (!claim) return;
  if (hasAnnotation(claim, annBindCompleted)) return syncBoundClaim(ctx, claim);
  syncUnboundClaim(ctx, claim);
}

function syncUnboundClaim(ctx: ControllerContext, claim: KubeObject): void {
  const spec = claimSpec(claim);
  if (!spec.volumeName) {
    // Retroactive default StorageClass assignment: a claim created before any default class existed.
    if ((spec.storageClassName === undefined || spec.storageClassName === null) && claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] === undefined) {
      const def = defaultStorageClass(ctx.store);
      if (def) {
        ctx.api.modify('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!, (c) => {
          (c.spec as { storageClassName?: string }).storageClassName = def.metadata.name;
        });
        return;
      }
    }
    const delay = isDelayBinding(ctx, claim);
    const volume = findMatchingVolume(claim, ctx.store.list('persistentvolumes'), undefined, delay);
    if (volume) return bindClaimAndVolume(ctx, claim, volume);
    const selected = hasAnnotation(claim, annSelectedNode);
    if (delay && !selected) {
      emitEventForUnboundDelayBindingClaim(ctx, claim);
    } else if (claimClass(claim) !== '') {
      provisionClaim(ctx, claim);
    } else {
      ctx.events.normal(claim, 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', source);
    }
    setClaimPhase(ctx, claim, 'Pending');
    return;
  }
  // The user asked for a particular volume.
  const volume = ctx.store.get('persistentvolumes', undefined, spec.volumeName);
  if (!volume) {
    setClaimPhase(ctx, claim, 'Pending');
    return;
  }
  const ref = pvSpec(volume).claimRef;
  if (!ref) {
    const why = volumeSatisfyClaimError(volume, claim);
    if (why) {
      ctx.events.warning(claim, 'VolumeMismatch', `Cannot bind to requested volume "${volume.metadata.name}": ${why}`, source);
      setClaimPhase(ctx, claim, 'Pending');
      return;
    }
    return bindClaimAndVolume(ctx, claim, volume);
  }
  if (isVolumeBoundToClaim(volume, claim)) return bindClaimAndVolume(ctx, claim, volume);
  if (!hasAnnotation(claim, annBoundByController)) {
    ctx.events.warning(claim, 'FailedBinding', `volume "${volume.metadata.name}" already bound to a different claim.`, source);
  }
  setClaimPhase(ctx, claim, 'Pending');
}

function syncBoundClaim(ctx: ControllerContext, claim: KubeObject): void {
  const name = claimSpec(claim).volumeName;
  if (!name) {
    ctx.events.warning(claim, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!', source);
    setClaimPhase(ctx, claim, 'Lost');
    return;
  }
  const volume = ctx.store.get('persistentvolumes', undefined, name);
  if (!volume) {
    ctx.events.warning(claim, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', source);
    setClaimPhase(ctx, claim, 'Lost');
    return;
  }
  const ref = pvSpec(volume).claimRef;
  if (!ref || ref.uid === claim.metadata.uid || (!ref.uid && isVolumeBoundToClaim(volume, claim))) return bindClaimAndVolume(ctx, claim, volume);
  ctx.events.warning(claim, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly', source);
  setClaimPhase(ctx, claim, 'Lost');
}

/** bind(): volume first (claimRef, phase Bound), then the claim (volumeName, annotations, phase Bound). */
function bindClaimAndVolume(ctx: ControllerContext, claim: KubeObject, volume: KubeObject): void {
  try {
    const v = bindVolume(ctx, volume, claim);
    bindClaim(ctx, claim, v);
  } catch (e) {
    if (!isStatusError(e)) throw e;
    // A conflict: the next event brings the newer version.
  }
}

/**
 * provisionClaim for an external provisioner: record which provisioner is expected to act (annotations) and
 * say so (ExternalProvisioning); a class that does not exist is a ProvisioningFailed warning.
 */
function provisionClaim(ctx: ControllerContext, claim: KubeObject): void {
  const cls = claimClass(claim);
  const sc = ctx.store.get('storageclasses', undefined, cls);
  if (!sc) {
    ctx.events.warning(claim, 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls}" not found`, source);
    return;
  }
  const provisioner = scOf(sc).provisioner ?? '';
  const ann = claim.metadata.annotations ?? {};
  if (ann[annStorageProvisioner] !== provisioner || ann[annBetaStorageProvisioner] !== provisioner) {
    ctx.api.modify('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!, (c) => {
      const a = (c.metadata.annotations ??= {});
      a[annBetaStorageProvisioner] = provisioner;
      a[annStorageProvisioner] = provisioner;
    });
  }
  ctx.events.normal(
    claim,
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    source,
  );
}

function syncVolume(rt: ClusterRuntime, ctx: ControllerContext, name: string): void {
  const volume = ctx.store.get('persistentvolumes', undefined, name);
  if (!volume) return;
  const ref = pvSpec(volume).claimRef;
  if (!ref) {
    setVolumePhase(ctx, volume, 'Available');
    return;
  }
  if (!ref.uid) {
    // Pre-bound by the user to a claim that has not bound yet.
    setVolumePhase(ctx, volume, 'Available');
    return;
  }
  let claim = ctx.store.get('persistentvolumeclaims', ref.namespace, ref.name ?? '');
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    if (pvStatus(volume).phase !== 'Released' && pvStatus(volume).phase !== 'Failed') {
      setVolumePhase(ctx, volume, 'Released');
      return;
    }
    reclaimVolume(rt, ctx, volume);
    return;
  }
  const cname = claimSpec(claim).volumeName;
  if (!cname) {
    // The claim has not caught up yet (it is being bound to this volume, or will be).
    if (hasAnnotation(volume, annBoundByController) && pvStatus(volume).phase === 'Bound') return;
    setVolumePhase(ctx, volume, pvStatus(volume).phase === 'Bound' ? 'Bound' : 'Available');
    return;
  }
  if (cname === name) {
    setVolumePhase(ctx, volume, 'Bound');
    return;
  }
  // The claim is bound to another volume: release this one if we bound it.
  if (hasAnnotation(volume, annBoundByController)) unbindVolume(ctx, volume);
  else setVolumePhase(ctx, volume, 'Available');
}

/**
 * emitEventForUnboundDelayBindingClaim: WaitForFirstConsumer while no pod uses the claim, WaitForPodScheduled
 * naming the claim's pods that are not on a node yet.
 */
function emitEventForUnboundDelayBindingClaim(ctx: ControllerContext, claim: KubeObject): void {
  const ns = claim.metadata.namespace;
  const pods: string[] = [];
  for (const pod of ctx.store.list('pods', ns)) {
    if ((pod.spec as { nodeName?: string } | undefined)?.nodeName || !podActive(pod)) continue;
    if (podClaimNames(pod).includes(claim.metadata.name!)) pods.push(pod.metadata.name!);
  }
  if (pods.length === 0) {
    ctx.events.normal(claim, 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', source);
    return;
  }
  ctx.events.normal(claim, 'WaitForPodScheduled', pods.length > 1 ? `waiting for pods ${pods.join(',')} to be scheduled` : `waiting for pod ${pods[0]} to be scheduled`, source);
}
