import { vaSpec, vaStatus } from '../../api/kinds/volumeattachment.ts';
import { pvSpec } from '../../api/kinds/persistentvolume.ts';
import { isStatusError } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { storageOf } from '../../storage/backend.ts';
import { ATTACH_MS, attacherFinalizer, CsiDriver, DETACH_MS, DRIVER_NAME } from '../../storage/driver.ts';
import { selfKey, type Controller, type ControllerContext } from '../types.ts';

/**
 * The external-attacher sidecar: a VolumeAttachment for the lab's driver gets its finalizer, then
 * ControllerPublishVolume and `status.attached: true`; a deleted one gets ControllerUnpublishVolume, then
 * loses the finalizer (and is gone).
 */
export function csiAttacher(rt: ClusterRuntime): Controller {
  const driver = new CsiDriver(storageOf(rt));
  /** VolumeAttachment name → virtual ms when the call in flight returns. */
  const inflight = new Map<string, number>();
  return {
    name: 'csi-attacher',
    watches: [{ resource: 'volumeattachments', keys: selfKey }],
    reconcile(name, ctx) {
      const va = ctx.store.get('volumeattachments', undefined, name);
      if (!va || vaSpec(va).attacher !== DRIVER_NAME) return;
      const deleting = !!va.metadata.deletionTimestamp;
      if (!deleting && vaStatus(va).attached) return;
      if (deleting && !va.metadata.finalizers?.includes(attacherFinalizer)) return;
      if (!deleting && !va.metadata.finalizers?.includes(attacherFinalizer)) {
        ctx.api.modify('volumeattachments', undefined, name, (o) => {
          (o.metadata.finalizers ??= []).push(attacherFinalizer);
        });
        return;
      }
      if (!wait(ctx, name, deleting ? DETACH_MS : ATTACH_MS)) return;
      const spec = vaSpec(va);
      const pvName = spec.source?.persistentVolumeName ?? '';
      const pv = ctx.store.get('persistentvolumes', undefined, pvName);
      const handle = (pv ? pvSpec(pv).csi?.volumeHandle : undefined) ?? '';
      try {
        if (deleting) {
          driver.controllerUnpublish(pvName, handle, spec.nodeName ?? '');
          ctx.api.modify('volumeattachments', undefined, name, (o) => {
            o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== attacherFinalizer);
          });
        } else {
          driver.controllerPublish(pvName, handle, spec.nodeName ?? '');
          ctx.api.updateStatus({ ...va, status: { attached: true } });
        }
      } catch (e) {
        if (!isStatusError(e)) throw e;
      }
    },
  };

  /** True once the call started for this object has taken `ms`; otherwise start it / keep waiting. */
  function wait(ctx: ControllerContext, name: string, ms: number): boolean {
    const due = inflight.get(name);
    if (due === undefined) {
      inflight.set(name, ctx.clock.now() + ms);
      ctx.enqueueAfter(name, ms);
      return false;
    }
    if (due > ctx.clock.now()) return false;
    inflight.delete(name);
    return true;
  }
}
