import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import { Rng } from '../../util/rng.ts';
import { DRIVER_NAME } from '../../storage/driver.ts';
import type { Controller } from '../types.ts';

/** The default StorageClass every lab cluster starts with (kind's `standard`, served by the lab's CSI driver). */
export const defaultStorageClassObject: KubeObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: DRIVER_NAME,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

const csiDriverObject: KubeObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSIDriver',
  metadata: { name: DRIVER_NAME },
  spec: { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'File', volumeLifecycleModes: ['Persistent'] },
};

/**
 * The storage add-on: installs the default StorageClass and the CSIDriver object at start, and plays the
 * kubelet's CSI plugin registration for every node (a CSINode listing the driver, owned by the Node).
 */
export function storageAddon(rt: ClusterRuntime): Controller {
  // A stream of its own: installing the add-on does not shift the uids and names drawn by everything else.
  const rng = new Rng(((rt.options.seed ?? 1) ^ 0x5707a6e) >>> 0);
  return {
    name: 'storage-addon',
    watches: [{ resource: 'nodes', keys: (ev: StoreEvent) => (ev.type === 'ADDED' ? [ev.object.metadata.name!] : []) }],
    start(ctx, enqueue) {
      for (const o of [csiDriverObject, defaultStorageClassObject]) {
        const rt0 = ctx.api.resource(o.kind);
        if (!ctx.store.get(rt0.plural, undefined, o.metadata.name!)) rt.rng.drawFrom(rng, () => ctx.api.create(o));
      }
      for (const n of ctx.store.list('nodes')) enqueue(n.metadata.name!);
    },
    reconcile(name, ctx) {
      const node = ctx.store.get('nodes', undefined, name);
      if (!node || ctx.store.get('csinodes', undefined, name)) return;
      const csiNode: KubeObject = {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSINode',
        metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] },
        spec: { drivers: [{ name: DRIVER_NAME, nodeID: name, topologyKeys: null }] },
      };
      rt.rng.drawFrom(rng, () => ctx.api.create(csiNode));
    },
  };
}
