import type { FieldError } from '../types.ts';
import { notSupported, required } from '../validation/field.ts';
import { defineKind } from './define.ts';

type Port = { name?: string; port?: number; protocol?: string };

/** EndpointSlice (discovery.k8s.io/v1). */
export const endpointSlice = defineKind({
  kind: 'EndpointSlice',
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  defaults(obj) {
    for (const p of (obj.ports as Port[] | undefined) ?? []) {
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  validate(obj, ctx) {
    const errs: FieldError[] = [];
    const at = obj.addressType as string | undefined;
    const types = ['FQDN', 'IPv4', 'IPv6'];
    if (!at) errs.push(required('addressType'));
    else if (!types.includes(at)) errs.push(notSupported('addressType', at, types));
    if (ctx.old && ctx.old.addressType !== at) errs.push({ type: 'Invalid', field: 'addressType', value: at ?? '', detail: 'field is immutable' });
    return errs;
  },
});
