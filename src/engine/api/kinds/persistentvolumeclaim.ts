import type { FieldError } from '../types.ts';
import { notSupported, required } from '../validation/field.ts';
import { canonicalizeList } from '../validation/resources.ts';
import { defineKind } from './define.ts';

interface ClaimSpec {
  accessModes?: string[];
  volumeMode?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * PersistentVolumeClaim (v1), minimal: discovery, quantity decoding, SetDefaults_PersistentVolumeClaim
 * (volumeMode Filesystem), phase Pending on create, and the basic spec checks. Claims stay Pending: there is
 * no volume provisioning or binding yet.
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
    const spec = (obj.spec ?? {}) as ClaimSpec;
    const errs: FieldError[] = [];
    const modes = spec.accessModes ?? [];
    if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
    for (const m of modes) if (!accessModes.includes(m)) errs.push(notSupported('spec.accessModes', m, accessModes));
    if (spec.resources?.requests?.storage === undefined) errs.push(required('spec.resources[storage]'));
    if (spec.volumeMode && spec.volumeMode !== 'Block' && spec.volumeMode !== 'Filesystem') {
      errs.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
    }
    return errs;
  },
});
