import { defineKind } from './define.ts';

/** Namespace (v1). */
export const namespace = defineKind({
  kind: 'Namespace',
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  hasStatus: true,
});
