import type { FieldError, KubeObject } from '../types.ts';
import { deepEqual, forbidden, immutable, invalid, notSupported, required } from '../validation/field.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { compareQuantities } from '../../util/quantity.ts';
import { defineKind } from './define.ts';

/** The access modes the API accepts (core.supportedAccessModes, sorted as sets.List prints them). */
export const supportedAccessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const supportedVolumeModes = ['Block', 'Filesystem'];
const supportedReclaimPolicies = ['Delete', 'Recycle', 'Retain'];

/** The volume sources a PersistentVolume may name (one of them). */
const volumeSources = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi',
  'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO',
  'local', 'storageos', 'csi',
];

export interface ObjectRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface PersistentVolumeSpec {
  capacity?: Record<string, string>;
  accessModes?: string[];
  claimRef?: ObjectRef | null;
  persistentVolumeReclaimPolicy?: string;
  storageClassName?: string;
  volumeMode?: string;
  volumeAttributesClassName?: string | null;
  mountOptions?: string[];
  nodeAffinity?: { required?: { nodeSelectorTerms?: unknown[] } } | null;
  hostPath?: { path: string; type?: string };
  local?: { path: string; fsType?: string };
  nfs?: { server: string; path: string; readOnly?: boolean };
  csi?: { driver: string; volumeHandle: string; fsType?: string; readOnly?: boolean; volumeAttributes?: Record<string, string> };
  [source: string]: unknown;
}

export interface PersistentVolumeStatus {
  phase?: string;
  message?: string;
  reason?: string;
  lastPhaseTransitionTime?: string;
}

export const pvSpec = (o: KubeObject) => (o.spec ?? {}) as PersistentVolumeSpec;
export const pvStatus = (o: KubeObject) => (o.status ?? {}) as PersistentVolumeStatus;

/** Access-mode checks shared by volumes and claims: known modes, and ReadWriteOncePod alone. */
export function validateAccessModes(modes: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes || modes.length === 0) errs.push(required(path, 'at least 1 access mode is required'));
  let rwop = false;
  let other = false;
  for (const m of modes ?? []) {
    if (!supportedAccessModes.includes(m)) errs.push(notSupported(path, m, supportedAccessModes));
    else if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateSpec(spec: PersistentVolumeSpec): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const cap = spec.capacity ?? {};
  const keys = Object.keys(cap);
  if (keys.length === 0) errs.push(required('spec.capacity'));
  if (!('storage' in cap) || keys.length > 1) errs.push(notSupported('spec.capacity', goResourceList(cap), ['storage']));
  for (const k of keys.sort()) {
    if (compareQuantities(cap[k], '0') <= 0) errs.push(invalid(`spec.capacity[${k}]`, cap[k], 'must be greater than zero'));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !supportedReclaimPolicies.includes(policy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, supportedReclaimPolicies));
  const sources = volumeSources.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  for (const s of sources.slice(1)) errs.push(forbidden(`spec.${s}`, 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (spec.local && !spec.local.path) errs.push(required('spec.local.path'));
  if (spec.local && !spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  if (spec.csi) {
    if (!spec.csi.driver) errs.push(required('spec.csi.driver'));
    if (!spec.csi.volumeHandle) errs.push(required('spec.csi.volumeHandle'));
  }
  if (spec.nfs) {
    if (!spec.nfs.server) errs.push(required('spec.nfs.server'));
    if (!spec.nfs.path) errs.push(required('spec.nfs.path'));
  }
  if (spec.volumeMode !== undefined && !supportedVolumeModes.includes(spec.volumeMode)) {
    errs.push(notSupported('spec.volumeMode', spec.volumeMode, supportedVolumeModes));
  }
  return errs;
}

/** A ResourceList as Go's %v prints a core.ResourceList inside NotSupported (map[name:{...}] is unreadable; keep keys). */
function goResourceList(list: Record<string, string>): string {
  return `map[${Object.keys(list).sort().map((k) => `${k}:${list[k]}`).join(' ')}]`;
}

function sourceOf(spec: PersistentVolumeSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of volumeSources) if (spec[s] !== undefined && spec[s] !== null) out[s] = spec[s];
  return out;
}

/**
 * PersistentVolume (v1), cluster-scoped. Defaults as SetDefaults_PersistentVolume (reclaim policy Retain,
 * volumeMode Filesystem); created in phase Pending with lastPhaseTransitionTime (the strategy's
 * PrepareForCreate); validation as ValidatePersistentVolume(Update): access modes, capacity, exactly one
 * source, an immutable source and volumeMode.
 */
export const persistentVolume = defineKind({
  kind: 'PersistentVolume',
  group: '',
  version: 'v1',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  hasStatus: true,
  decode(obj) {
    canonicalizeList(obj, pvSpec(obj).capacity);
  },
  defaults(obj) {
    const spec = (obj.spec ??= {}) as PersistentVolumeSpec;
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    if (spec.hostPath) spec.hostPath.type ??= '';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: obj.metadata.creationTimestamp };
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    const spec = pvSpec(obj);
    const errs = validateSpec(spec);
    if (ctx.old) {
      const old = pvSpec(ctx.old);
      if (!deepEqual(sourceOf(spec), sourceOf(old))) {
        errs.push(forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
      }
      errs.push(...immutable('volumeMode', spec.volumeMode, old.volumeMode));
    }
    return errs;
  },
});
