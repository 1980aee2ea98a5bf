import { defineKind } from './define.ts';

/** Secret (v1). */
export const secret = defineKind({
  kind: 'Secret',
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  shortNames: [],
  namespaced: true,
});
