import { defineKind } from './define.ts';

/** Node (v1). */
export const node = defineKind({
  kind: 'Node',
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  hasStatus: true,
});
