import { defineKind } from './define.ts';

/** Pod (v1). */
export const pod = defineKind({
  kind: 'Pod',
  group: '',
  version: 'v1',
  plural: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
});
