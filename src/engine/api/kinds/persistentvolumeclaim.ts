import type { FieldError, KubeObject } from '../types.ts';
import { deepEqual, forbidden, immutable, invalid, notSupported, required } from '../validation/field.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { compareQuantities } from '../../util/quantity.ts';
import { defineKind } from './define.ts';
import { supportedVolumeModes, validateAccessModes } from './persistentvolume.ts';

export interface ClaimSpec {
  accessModes?: string[];
  volumeMode?: string;
  volumeName?: string;
  storageClassName?: string | null;
  volumeAttributesClassName?: string | null;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | null;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  dataSource?: unknown;
  dataSourceRef?: unknown;
}

export interface ClaimStatus {
  phase?: string;
  accessModes?: string[];
  capacity?: Record<string, string>;
  conditions?: unknown[];
}

export const claimSpec = (o: KubeObject) => (o.spec ?? {}) as ClaimSpec;
export const claimStatus = (o: KubeObject) => (o.status ?? {}) as ClaimStatus;

/** The beta annotation that predates spec.storageClassName (still honoured, read first). */
export const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

function validateClaimSpec(spec: ClaimSpec): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]'));
  else if (compareQuantities(storage, '0') <= 0) errs.push(invalid('spec.resources[storage]', storage, 'must be greater than zero'));
  if (spec.volumeMode !== undefined && !supportedVolumeModes.includes(spec.volumeMode)) {
    errs.push(notSupported('spec.volumeMode', spec.volumeMode, supportedVolumeModes));
  }
  return errs;
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is immutable except volumeName (settable once, by the
 * binder), storageClassName (settable once from nil), and — for bound claims — resources.requests.storage,
 * which may not shrink.
 */
function validateClaimUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = claimSpec(obj);
  const oldSpec = claimSpec(old);
  const a: ClaimSpec = { ...spec, resources: { ...spec.resources, requests: { ...spec.resources?.requests } } };
  const b: ClaimSpec = { ...oldSpec };
  if (!oldSpec.volumeName) b.volumeName = a.volumeName;
  if ((oldSpec.storageClassName === undefined || oldSpec.storageClassName === null) && a.storageClassName !== undefined) {
    b.storageClassName = a.storageClassName;
  }
  if (claimStatus(obj).phase === 'Bound' && a.resources?.requests) {
    const prev = oldSpec.resources?.requests?.storage;
    if (prev === undefined) delete a.resources.requests.storage;
    else a.resources.requests.storage = prev;
  }
  a.volumeAttributesClassName = b.volumeAttributesClassName;
  if (!deepEqual(a, b)) {
    errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff(b, a)}`));
  }
  const oldSize = oldSpec.resources?.requests?.storage;
  const newSize = spec.resources?.requests?.storage;
  if (oldSize !== undefined && newSize !== undefined && compareQuantities(newSize, oldSize) < 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  errs.push(...immutable('volumeMode', spec.volumeMode, oldSpec.volumeMode));
  return errs;
}

const goFieldNames: Record<string, string> = {
  accessModes: 'AccessModes',
  selector: 'Selector',
  resources: 'Resources',
  volumeName: 'VolumeName',
  storageClassName: 'StorageClassName',
  volumeMode: 'VolumeMode',
  dataSource: 'DataSource',
  dataSourceRef: 'DataSourceRef',
  volumeAttributesClassName: 'VolumeAttributesClassName',
};

/** A short `cmp.Diff`-like listing of the changed spec fields (`- old` / `+ new`). */
function specDiff(oldSpec: ClaimSpec, newSpec: ClaimSpec): string {
  const lines = ['  core.PersistentVolumeClaimSpec{'];
  for (const k of Object.keys(goFieldNames)) {
    const o = (oldSpec as Record<string, unknown>)[k];
    const n = (newSpec as Record<string, unknown>)[k];
    if (deepEqual(o, n)) continue;
    lines.push(`- \t${goFieldNames[k]}: ${JSON.stringify(o ?? null)},`, `+ \t${goFieldNames[k]}: ${JSON.stringify(n ?? null)},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/**
 * PersistentVolumeClaim (v1): quantity decoding, SetDefaults_PersistentVolumeClaim (volumeMode Filesystem),
 * phase Pending on create, ValidatePersistentVolumeClaim(Update) with upstream messages. Binding and
 * provisioning are the persistentvolume controller's (controllers/persistentvolume).
 */
export const persistentVolumeClaim = defineKind({
  kind: 'PersistentVolumeClaim',
  group: '',
  version: 'v1',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  hasStatus: true,
  decode(obj) {
    const spec = obj.spec as ClaimSpec | undefined;
    canonicalizeList(obj, spec?.resources?.requests);
    canonicalizeList(obj, spec?.resources?.limits);
  },
  defaults(obj) {
    const spec = (obj.spec ??= {}) as ClaimSpec;
    spec.volumeMode ??= 'Filesystem';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    const errs = validateClaimSpec(claimSpec(obj));
    if (ctx.old) errs.push(...validateClaimUpdate(obj, ctx.old));
    return errs;
  },
});
