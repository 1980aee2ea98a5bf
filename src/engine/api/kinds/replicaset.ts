import type { KubeObject } from '../types.ts';
import { defineKind } from './define.ts';
import { decodeTemplate, defaultTemplate, replicasStatus, validateAppsSpec, type WorkloadSpec } from './workload.ts';

/** ReplicaSet (apps/v1). */
export const replicaSet = defineKind({
  kind: 'ReplicaSet',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  hasStatus: true,
  categories: ['all'],
  tracksGeneration: true,
  specOf: (o: KubeObject) => o.spec,
  decode: decodeTemplate,
  defaults(obj) {
    const spec = (obj.spec ??= {}) as WorkloadSpec;
    spec.replicas ??= 1;
    defaultTemplate(obj);
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate: (obj, ctx) => validateAppsSpec(obj, ctx),
  fieldLabels: {
    'metadata.name': (o) => o.metadata.name ?? '',
    'metadata.namespace': (o) => o.metadata.namespace ?? '',
    'status.replicas': replicasStatus,
  },
});
