import type { FieldError, KubeObject } from '../types.ts';
import { deepEqual, forbidden, immutable, notSupported, required, invalid } from '../validation/field.ts';
import { isQualifiedName } from '../validation/names.ts';
import { defineKind } from './define.ts';

export const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
export const betaDefaultClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';

export interface StorageClassLike {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
  allowedTopologies?: unknown[];
}

export const scOf = (o: KubeObject) => o as unknown as StorageClassLike;

/** storageutil.IsDefaultAnnotation: either annotation set to "true". */
export function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a[defaultClassAnnotation] === 'true' || a[betaDefaultClassAnnotation] === 'true';
}

function validate(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const sc = scOf(obj);
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required('provisioner'));
  else for (const m of isQualifiedName(sc.provisioner.toLowerCase())) errs.push(invalid('provisioner', sc.provisioner, m));
  if (sc.reclaimPolicy && sc.reclaimPolicy !== 'Delete' && sc.reclaimPolicy !== 'Retain') {
    errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
  }
  if (!sc.volumeBindingMode) errs.push(required('volumeBindingMode'));
  else if (sc.volumeBindingMode !== 'Immediate' && sc.volumeBindingMode !== 'WaitForFirstConsumer') {
    errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  if (old) {
    const o = scOf(old);
    if (!deepEqual(sc.parameters, o.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (sc.provisioner !== o.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (sc.reclaimPolicy !== o.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable('volumeBindingMode', sc.volumeBindingMode, o.volumeBindingMode));
  }
  return errs;
}

/**
 * StorageClass (storage.k8s.io/v1), cluster-scoped; fields at the top level. Defaults reclaimPolicy Delete
 * and volumeBindingMode Immediate (SetDefaults_StorageClass); provisioner, parameters and reclaimPolicy are
 * immutable.
 */
export const storageClass = defineKind({
  kind: 'StorageClass',
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  defaults(obj) {
    const sc = scOf(obj);
    sc.reclaimPolicy ||= 'Delete';
    sc.volumeBindingMode ||= 'Immediate';
  },
  validate(obj, ctx) {
    return validate(obj, ctx.old);
  },
});
