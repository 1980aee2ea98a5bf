import { defineKind } from './define.ts';

/**
 * CustomResourceDefinition (apiextensions.k8s.io/v1): stored and listed. Kubelab does not serve arbitrary
 * custom resources; the add-ons that create CRDs (the service mesh) register their kinds themselves.
 */
export const customResourceDefinition = defineKind({
  kind: 'CustomResourceDefinition',
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  shortNames: ['crd', 'crds'],
  namespaced: false,
  hasStatus: true,
});
