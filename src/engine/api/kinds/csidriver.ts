import type { KubeObject } from '../types.ts';
import { immutable } from '../validation/field.ts';
import { defineKind } from './define.ts';

export interface CSIDriverSpec {
  attachRequired?: boolean;
  podInfoOnMount?: boolean;
  storageCapacity?: boolean;
  requiresRepublish?: boolean;
  seLinuxMount?: boolean;
  fsGroupPolicy?: string;
  volumeLifecycleModes?: string[];
  tokenRequests?: Array<{ audience: string; expirationSeconds?: number }>;
}

export const csiDriverSpec = (o: KubeObject) => (o.spec ?? {}) as CSIDriverSpec;

/** CSIDriver (storage.k8s.io/v1), cluster-scoped: SetDefaults_CSIDriver; attachRequired and podInfoOnMount are immutable. */
export const csiDriver = defineKind({
  kind: 'CSIDriver',
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'csidrivers',
  singular: 'csidriver',
  namespaced: false,
  defaults(obj) {
    const s = (obj.spec ??= {}) as CSIDriverSpec;
    s.attachRequired ??= true;
    s.podInfoOnMount ??= false;
    s.storageCapacity ??= false;
    s.requiresRepublish ??= false;
    s.seLinuxMount ??= false;
    s.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
    s.volumeLifecycleModes ??= ['Persistent'];
  },
  validate(obj, ctx) {
    if (!ctx.old) return [];
    const s = csiDriverSpec(obj);
    const o = csiDriverSpec(ctx.old);
    return [...immutable('spec.attachRequired', s.attachRequired, o.attachRequired), ...immutable('spec.podInfoOnMount', s.podInfoOnMount, o.podInfoOnMount)];
  },
});
