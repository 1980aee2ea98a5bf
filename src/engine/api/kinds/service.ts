import { defineKind } from './define.ts';

/** Service (v1). */
export const service = defineKind({
  kind: 'Service',
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
});
