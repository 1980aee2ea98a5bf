import type { KubeObject } from '../../api/types.ts';
import { pvSpec, pvStatus, type PersistentVolumeSpec } from '../../api/kinds/persistentvolume.ts';
import { claimSpec, claimStatus, type ClaimSpec, type ClaimStatus } from '../../api/kinds/persistentvolumeclaim.ts';
import { deepEqual } from '../../util/equal.ts';
import type { ControllerContext } from '../types.ts';
import { annBindCompleted, annBoundByController } from './helpers.ts';

/** bindVolumeToClaim + updateVolumePhase(Bound): claimRef to the claim (annotated when the controller set it). */
export function bindVolume(ctx: ControllerContext, volume: KubeObject, claim: KubeObject): KubeObject {
  const ref = pvSpec(volume).claimRef;
  let v = volume;
  if (!ref || ref.uid !== claim.metadata.uid || ref.name !== claim.metadata.name) {
    v = ctx.api.modify('persistentvolumes', undefined, volume.metadata.name!, (o) => {
      const spec = o.spec as PersistentVolumeSpec;
      if (!spec.claimRef) (o.metadata.annotations ??= {})[annBoundByController] = 'yes';
      spec.claimRef = {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata.resourceVersion,
      };
    });
  }
  return setVolumePhase(ctx, v, 'Bound');
}

/** bindClaimToVolume + updateClaimStatus(Bound): volumeName, bind-completed, status from the volume. */
export function bindClaim(ctx: ControllerContext, claim: KubeObject, volume: KubeObject): void {
  const ann = claim.metadata.annotations ?? {};
  let c = claim;
  if (claimSpec(claim).volumeName !== volume.metadata.name || ann[annBindCompleted] !== 'yes') {
    c = ctx.api.modify('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!, (o) => {
      const spec = o.spec as ClaimSpec;
      const a = (o.metadata.annotations ??= {});
      if (spec.volumeName !== volume.metadata.name) {
        spec.volumeName = volume.metadata.name;
        a[annBoundByController] = 'yes';
      }
      a[annBindCompleted] = 'yes';
    });
  }
  const want: ClaimStatus = { ...claimStatus(c), phase: 'Bound', accessModes: [...(pvSpec(volume).accessModes ?? [])], capacity: { ...pvSpec(volume).capacity } };
  if (deepEqual(want, c.status)) return;
  ctx.api.updateStatus({ ...c, status: want });
}

export function setClaimPhase(ctx: ControllerContext, claim: KubeObject, phase: string): void {
  const st = claimStatus(claim);
  if (st.phase === phase) return;
  const status: ClaimStatus = { ...st, phase };
  if (phase !== 'Bound') {
    delete status.accessModes;
    delete status.capacity;
  }
  ctx.api.updateStatus({ ...claim, status });
}

/** updateVolumePhase: a new phase stamps lastPhaseTransitionTime (PersistentVolumeLastPhaseTransitionTime, GA). */
export function setVolumePhase(ctx: ControllerContext, volume: KubeObject, phase: string, message?: string, reason?: string): KubeObject {
  const st = pvStatus(volume);
  if (st.phase === phase && st.message === message) return volume;
  const status: Record<string, unknown> = { phase };
  status.lastPhaseTransitionTime = st.phase === phase ? st.lastPhaseTransitionTime : ctx.clock.timestamp();
  if (message) status.message = message;
  if (reason) status.reason = reason;
  return ctx.api.updateStatus({ ...volume, status });
}

/** unbindVolume: a volume the controller bound goes back to Available with no claimRef. */
export function unbindVolume(ctx: ControllerContext, volume: KubeObject): void {
  const v = ctx.api.modify('persistentvolumes', undefined, volume.metadata.name!, (o) => {
    delete (o.spec as PersistentVolumeSpec).claimRef;
    if (o.metadata.annotations) delete o.metadata.annotations[annBoundByController];
  });
  setVolumePhase(ctx, v, 'Available');
}
