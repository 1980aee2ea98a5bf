import { defineKind } from './define.ts';

export interface CSINodeSpec {
  drivers?: Array<{ name: string; nodeID: string; topologyKeys?: string[] | null; allocatable?: { count?: number } }>;
}

/** CSINode (storage.k8s.io/v1), cluster-scoped: the CSI drivers registered on one node (written by its kubelet). */
export const csiNode = defineKind({
  kind: 'CSINode',
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'csinodes',
  singular: 'csinode',
  namespaced: false,
});
