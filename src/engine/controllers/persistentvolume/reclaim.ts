import type { KubeObject } from '../../api/types.ts';
import { pvSpec } from '../../api/kinds/persistentvolume.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { storageOf } from '../../storage/backend.ts';
import type { ControllerContext } from '../types.ts';
import { source } from './controller.ts';
import { annDynamicallyProvisioned } from './helpers.ts';
import { setVolumePhase } from './writes.ts';

/**
 * reclaimVolume for a Released volume: Retain keeps it (and its data) until an administrator acts; Delete
 * leaves dynamically provisioned volumes to their external provisioner and deletes the rest with the in-tree
 * deleter (hostPath only under /tmp); Recycle is not available (no recycler plugin).
 */
export function reclaimVolume(rt: ClusterRuntime, ctx: ControllerContext, volume: KubeObject): void {
  const spec = pvSpec(volume);
  const name = volume.metadata.name!;
  switch (spec.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle':
      failed(ctx, volume, 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    case 'Delete': {
      if (volume.metadata.annotations?.[annDynamicallyProvisioned]) return;
      if (volume.metadata.deletionTimestamp) return;
      if (spec.hostPath) {
        if (!/^\/tmp\/.+/.test(spec.hostPath.path)) {
          failed(ctx, volume, 'VolumeFailedDelete', `host_path deleter only supports /tmp/.+ but received provided ${spec.hostPath.path}`);
          return;
        }
        const backend = storageOf(rt);
        for (const n of ctx.store.list('nodes')) backend.removeHostDir(n.metadata.name!, spec.hostPath.path);
        ctx.api.delete('persistentvolumes', undefined, name);
        return;
      }
      failed(ctx, volume, 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`);
      return;
    }
  }
}

function failed(ctx: ControllerContext, volume: KubeObject, reason: string, message: string): void {
  if ((volume.status as { phase?: string } | undefined)?.phase === 'Failed') return;
  setVolumePhase(ctx, volume, 'Failed', message);
  ctx.events.warning(volume, reason, message, source);
}
