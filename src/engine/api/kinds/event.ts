import { defineKind } from './define.ts';

/** Event (v1). */
export const event = defineKind({
  kind: 'Event',
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
});
