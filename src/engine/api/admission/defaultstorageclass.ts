import { betaStorageClassAnnotation, type ClaimSpec } from '../kinds/persistentvolumeclaim.ts';
import { isDefaultClass } from '../kinds/storageclass.ts';
import type { KubeObject } from '../types.ts';
import type { AdmissionPlugin } from '../server.ts';
import type { ObjectStore } from '../../store/store.ts';

/**
 * The default StorageClass (storageutil.GetDefaultClass): among classes annotated as default, the most
 * recently created one (ties: the name first in order), or undefined.
 */
export function defaultStorageClass(store: ObjectStore): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const sc of store.list('storageclasses')) {
    if (!isDefaultClass(sc)) continue;
    const t = sc.metadata.creationTimestamp ?? '';
    const bt = best?.metadata.creationTimestamp ?? '';
    if (!best || t > bt || (t === bt && (sc.metadata.name ?? '') < (best.metadata.name ?? ''))) best = sc;
  }
  return best;
}

/**
 * DefaultStorageClass: a claim created without spec.storageClassName (nil, not "") and without the beta
 * annotation gets the default class.
 */
export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  mutate(a, api) {
    if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.plural !== 'persistentvolumeclaims') return;
    const spec = (a.object.spec ??= {}) as ClaimSpec;
    if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
    if (a.object.metadata.annotations && betaStorageClassAnnotation in a.object.metadata.annotations) return;
    const def = defaultStorageClass(api.store);
    if (def) spec.storageClassName = def.metadata.name;
  },
};
