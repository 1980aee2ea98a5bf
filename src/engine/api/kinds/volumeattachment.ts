import type { KubeObject } from '../types.ts';
import { deepEqual, forbidden, required } from '../validation/field.ts';
import { defineKind } from './define.ts';

export interface VolumeAttachmentSpec {
  attacher?: string;
  nodeName?: string;
  source?: { persistentVolumeName?: string; inlineVolumeSpec?: unknown };
}

export interface VolumeAttachmentStatus {
  attached?: boolean;
  attachmentMetadata?: Record<string, string>;
  attachError?: { time?: string; message?: string };
  detachError?: { time?: string; message?: string };
}

export const vaSpec = (o: KubeObject) => (o.spec ?? {}) as VolumeAttachmentSpec;
export const vaStatus = (o: KubeObject) => (o.status ?? {}) as VolumeAttachmentStatus;

/** VolumeAttachment (storage.k8s.io/v1), cluster-scoped: the attach/detach controller's request to attach a volume to a node. */
export const volumeAttachment = defineKind({
  kind: 'VolumeAttachment',
  group: 'storage.k8s.io',
  version: 'v1',
  plural: 'volumeattachments',
  singular: 'volumeattachment',
  namespaced: false,
  hasStatus: true,
  prepareForCreate(obj) {
    delete obj.status;
  },
  validate(obj, ctx) {
    if (ctx.subresource === 'status') return [];
    const s = vaSpec(obj);
    const errs = [];
    if (!s.attacher) errs.push(required('spec.attacher'));
    if (!s.nodeName) errs.push(required('spec.nodeName'));
    if (!s.source?.persistentVolumeName && !s.source?.inlineVolumeSpec) errs.push(required('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
    if (ctx.old && !deepEqual(obj.spec, ctx.old.spec)) errs.push(forbidden('spec', 'field is immutable'));
    return errs;
  },
});
