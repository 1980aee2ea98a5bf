import { defineKind } from './define.ts';

/** ReplicationController (v1). */
export const replicationController = defineKind({
  kind: 'ReplicationController',
  group: '',
  version: 'v1',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
});
