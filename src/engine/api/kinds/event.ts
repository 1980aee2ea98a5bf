import type { KubeObject } from '../types.ts';
import { defineKind } from './define.ts';

const io = (o: KubeObject) => (o.involvedObject ?? {}) as Record<string, unknown>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Event (v1). */
export const event = defineKind({
  kind: 'Event',
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  fieldLabels: {
    'metadata.name': (o) => s(o.metadata.name),
    'metadata.namespace': (o) => s(o.metadata.namespace),
    'involvedObject.kind': (o) => s(io(o).kind),
    'involvedObject.namespace': (o) => s(io(o).namespace),
    'involvedObject.name': (o) => s(io(o).name),
    'involvedObject.uid': (o) => s(io(o).uid),
    'involvedObject.apiVersion': (o) => s(io(o).apiVersion),
    'involvedObject.resourceVersion': (o) => s(io(o).resourceVersion),
    'involvedObject.fieldPath': (o) => s(io(o).fieldPath),
    reason: (o) => s(o.reason),
    reportingComponent: (o) => s(o.reportingComponent),
    source: (o) => s((o.source as { component?: string } | undefined)?.component),
    type: (o) => s(o.type),
  },
});
