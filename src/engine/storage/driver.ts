import { ContainerFs } from '../images/fs.ts';
import type { StorageBackend } from './backend.ts';

/** The lab's simulated CSI driver: network-attached block disks, attached to one node at a time (like a cloud disk). */
export const DRIVER_NAME = 'disk.csi.kubelab.io';
/** How long each controller-side call takes (virtual ms). */
export const CREATE_VOLUME_MS = 1_500;
export const DELETE_VOLUME_MS = 1_000;
export const ATTACH_MS = 1_000;
export const DETACH_MS = 800;

/** The external-attacher's finalizer on VolumeAttachments and PersistentVolumes (driver name with dots as dashes). */
export const attacherFinalizer = `external-attacher/${DRIVER_NAME.replace(/\./g, '-')}`;
/** The external-provisioner's finalizer on the volumes it provisioned. */
export const provisionerFinalizer = 'external-provisioner.volume.kubernetes.io/finalizer';

/**
 * The CSI RPCs, acting on the backend and writing the trace. Controller calls (Create/Delete,
 * ControllerPublish/Unpublish) come from the provisioner and attacher sidecars; node calls
 * (NodeStage/Unstage, NodePublish/Unpublish) from kubelets.
 */
export class CsiDriver {
  constructor(private readonly backend: StorageBackend) {}

  createVolume(name: string, handle: string, capacity: string): void {
    if (!this.backend.disks.has(handle)) {
      this.backend.disks.set(handle, { handle, pvName: name, capacity, data: ContainerFs.empty(), attachedTo: new Set(), stagedOn: new Set() });
    }
    this.backend.record({ op: 'CreateVolume', volume: name, detail: `capacity ${capacity}, volume_id ${handle}` });
  }

  deleteVolume(name: string, handle: string): void {
    this.backend.disks.delete(handle);
    this.backend.record({ op: 'DeleteVolume', volume: name, detail: `volume_id ${handle}` });
  }

  controllerPublish(name: string, handle: string, node: string): void {
    this.backend.disks.get(handle)?.attachedTo.add(node);
    this.backend.record({ op: 'ControllerPublishVolume', volume: name, node });
  }

  controllerUnpublish(name: string, handle: string, node: string): void {
    this.backend.disks.get(handle)?.attachedTo.delete(node);
    this.backend.record({ op: 'ControllerUnpublishVolume', volume: name, node });
  }

  /** The disk's data if it is attached to `node`, after NodeStageVolume (format and mount at the global path). */
  nodeStage(name: string, handle: string, node: string): ContainerFs | undefined {
    const d = this.backend.disks.get(handle);
    if (!d) return undefined;
    if (!d.stagedOn.has(node)) {
      d.stagedOn.add(node);
      this.backend.record({ op: 'NodeStageVolume', volume: name, node, detail: `staging path /var/lib/kubelet/plugins/kubernetes.io/csi/${DRIVER_NAME}/${handle}/globalmount` });
    }
    return d.data;
  }

  nodeUnstage(name: string, handle: string, node: string): void {
    const d = this.backend.disks.get(handle);
    if (!d || !d.stagedOn.delete(node)) return;
    this.backend.record({ op: 'NodeUnstageVolume', volume: name, node });
  }

  nodePublish(name: string, node: string, pod: string, podUID: string): void {
    this.backend.record({ op: 'NodePublishVolume', volume: name, node, pod, detail: `target path /var/lib/kubelet/pods/${podUID}/volumes/kubernetes.io~csi/${name}/mount` });
  }

  nodeUnpublish(name: string, node: string, pod: string): void {
    this.backend.record({ op: 'NodeUnpublishVolume', volume: name, node, pod });
  }

  isAttached(handle: string, node: string): boolean {
    return this.backend.disks.get(handle)?.attachedTo.has(node) ?? false;
  }
}
