import { defineKind } from './define.ts';

/** Lease (coordination.k8s.io/v1). */
export const lease = defineKind({
  kind: 'Lease',
  group: 'coordination.k8s.io',
  version: 'v1',
  plural: 'leases',
  singular: 'lease',
  shortNames: [],
  namespaced: true,
});
