import { defineKind } from './define.ts';

/** ConfigMap (v1). */
export const configMap = defineKind({
  kind: 'ConfigMap',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
});
