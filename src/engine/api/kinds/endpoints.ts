import { defineKind } from './define.ts';

/** Endpoints (v1). */
export const endpoints = defineKind({
  kind: 'Endpoints',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
});
