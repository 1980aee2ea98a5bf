import { defineKind } from './define.ts';

/** ReplicaSet (apps/v1). */
export const replicaSet = defineKind({
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
});
