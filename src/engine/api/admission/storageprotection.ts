import type { AdmissionPlugin } from '../server.ts';

export const pvcProtectionFinalizer = 'kubernetes.io/pvc-protection';
export const pvProtectionFinalizer = 'kubernetes.io/pv-protection';

/**
 * StorageObjectInUseProtection: every new claim gets `kubernetes.io/pvc-protection` and every new volume
 * `kubernetes.io/pv-protection`, so neither disappears while in use (the protection controllers remove them).
 */
export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  mutate(a) {
    if (a.operation !== 'CREATE' || a.subresource !== '') return;
    const f = a.resource.plural === 'persistentvolumeclaims' ? pvcProtectionFinalizer : a.resource.plural === 'persistentvolumes' ? pvProtectionFinalizer : '';
    if (!f) return;
    const list = (a.object.metadata.finalizers ??= []);
    if (!list.includes(f)) list.push(f);
  },
};
