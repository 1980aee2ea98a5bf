import { defineKind } from './define.ts';

/** EndpointSlice (discovery.k8s.io/v1). */
export const endpointSlice = defineKind({
  kind: 'EndpointSlice',
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
});
