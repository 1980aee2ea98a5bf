import { defineKind } from './define.ts';

/** ServiceAccount (v1). */
export const serviceAccount = defineKind({
  kind: 'ServiceAccount',
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
});
