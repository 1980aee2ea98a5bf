import type { KubeObject } from '../../api/types.ts';
import { pvSpec } from '../../api/kinds/persistentvolume.ts';
import { betaStorageClassAnnotation, claimSpec } from '../../api/kinds/persistentvolumeclaim.ts';

/** Annotations of the binder (pkg/controller/volume/persistentvolume/util). */
export const annBindCompleted = 'pv.kubernetes.io/bind-completed';
export const annBoundByController = 'pv.kubernetes.io/bound-by-controller';
export const annSelectedNode = 'volume.kubernetes.io/selected-node';
export const annStorageProvisioner = 'volume.kubernetes.io/storage-provisioner';
export const annBetaStorageProvisioner = 'volume.beta.kubernetes.io/storage-provisioner';
export const annDynamicallyProvisioned = 'pv.kubernetes.io/provisioned-by';
export const betaPVStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName, else "". */
export function claimClass(claim: KubeObject): string {
  const a = claim.metadata.annotations?.[betaStorageClassAnnotation];
  if (a !== undefined) return a;
  return claimSpec(claim).storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClass(pv: KubeObject): string {
  const a = pv.metadata.annotations?.[betaPVStorageClassAnnotation];
  if (a !== undefined) return a;
  return pvSpec(pv).storageClassName ?? '';
}

const modeAbbrev: Array<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** helper.GetAccessModesAsString: `RWO,ROX,RWX,RWOP` in that order, each once. */
export function accessModesAsString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return modeAbbrev.filter(([m]) => set.has(m)).map(([, a]) => a).join(',');
}

/** True when the volume's claimRef names this claim (same namespace/name, and uid when the ref has one). */
export function isVolumeBoundToClaim(pv: KubeObject, claim: KubeObject): boolean {
  const ref = pvSpec(pv).claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

export function hasAnnotation(o: KubeObject, key: string): boolean {
  return o.metadata.annotations?.[key] !== undefined;
}
