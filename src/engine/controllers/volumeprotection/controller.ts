import { pvStatus } from '../../api/kinds/persistentvolume.ts';
import { pvProtectionFinalizer, pvcProtectionFinalizer } from '../../api/admission/storageprotection.ts';
import { isStatusError, type KubeObject } from '../../api/types.ts';
import type { StoreEvent } from '../../store/store.ts';
import { podActive, podClaimNames } from '../persistentvolume/claims.ts';
import { keyOf, splitKey, type Controller, type ControllerContext } from '../types.ts';

const CLAIM = 'claim:';
const VOLUME = 'volume:';

/**
 * The pvc-protection and pv-protection controllers: a claim being deleted keeps `kubernetes.io/pvc-protection`
 * while any pod that is not finished uses it; a volume being deleted keeps `kubernetes.io/pv-protection` while
 * it is Bound. Pods using claims are found by listing the claim's namespace only when a claim is terminating.
 */
export function volumeProtectionController(): Controller {
  return {
    name: 'volume-protection',
    watches: [
      { resource: 'persistentvolumeclaims', keys: (ev) => (ev.object.metadata.deletionTimestamp ? [CLAIM + keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] : []) },
      { resource: 'persistentvolumes', keys: (ev) => (ev.object.metadata.deletionTimestamp ? [VOLUME + ev.object.metadata.name] : []) },
      {
        resource: 'pods',
        keys: (ev: StoreEvent) => {
          if (ev.type !== 'DELETED' && podActive(ev.object)) return [];
          return podClaimNames(ev.object).map((c) => CLAIM + keyOf(ev.object.metadata.namespace, c));
        },
      },
    ],
    reconcile(key, ctx) {
      if (key.startsWith(CLAIM)) return syncClaim(ctx, key.slice(CLAIM.length));
      if (key.startsWith(VOLUME)) return syncVolume(ctx, key.slice(VOLUME.length));
    },
  };
}

function removeFinalizer(ctx: ControllerContext, resource: string, o: KubeObject, finalizer: string): void {
  try {
    ctx.api.modify(resource, o.metadata.namespace, o.metadata.name!, (c) => {
      c.metadata.finalizers = (c.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    });
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}

function syncClaim(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const claim = ctx.store.get('persistentvolumeclaims', ns, name);
  if (!claim?.metadata.deletionTimestamp || !claim.metadata.finalizers?.includes(pvcProtectionFinalizer)) return;
  const inUse = ctx.store.list('pods', ns).some((p) => podActive(p) && podClaimNames(p).includes(name));
  if (!inUse) removeFinalizer(ctx, 'persistentvolumeclaims', claim, pvcProtectionFinalizer);
}

function syncVolume(ctx: ControllerContext, name: string): void {
  const pv = ctx.store.get('persistentvolumes', undefined, name);
  if (!pv?.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(pvProtectionFinalizer)) return;
  if (pvStatus(pv).phase !== 'Bound') removeFinalizer(ctx, 'persistentvolumes', pv, pvProtectionFinalizer);
}
