import { defineKind } from './define.ts';

/** Deployment (apps/v1). */
export const deployment = defineKind({
  kind: 'Deployment',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
});
