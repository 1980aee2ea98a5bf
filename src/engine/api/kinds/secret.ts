import type { FieldError } from '../types.ts';
import { immutable, required } from '../validation/field.ts';
import { decodeError } from '../validation/resources.ts';
import { defineKind } from './define.ts';
import { validateDataKeys, validateImmutableData } from './configmap.ts';

const b64 = /^[A-Za-z0-9+/]*$/;

/** Offset of the first byte Go's base64.StdEncoding would reject, or -1 when the text decodes. */
export function base64ErrorOffset(s: string): number {
  const body = s.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) if (!b64.test(body[i])) return i;
  const pad = s.length - body.length;
  if (s.length % 4 !== 0) return pad > 0 ? body.length : s.length - (s.length % 4);
  if (pad > 2 || (pad > 0 && body.length % 4 === 1)) return body.length;
  return -1;
}

function utf8ToBase64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Secret (v1). `stringData` is merged into `data` (base64) at decode time, as the v1 conversion does. */
export const secret = defineKind({
  kind: 'Secret',
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  shortNames: [],
  namespaced: true,
  decode(obj) {
    const data = (obj.data ?? undefined) as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(data ?? {})) {
      const off = typeof v === 'string' ? base64ErrorOffset(v) : 0;
      if (off >= 0) decodeError(obj, `illegal base64 data at input byte ${off}`);
      void k;
    }
    const sd = obj.stringData as Record<string, unknown> | undefined;
    if (sd && typeof sd === 'object') {
      const out = { ...(data ?? {}) } as Record<string, string>;
      for (const [k, v] of Object.entries(sd)) out[k] = utf8ToBase64(String(v ?? ''));
      if (Object.keys(out).length > 0) obj.data = out;
    }
    delete obj.stringData;
  },
  defaults(obj) {
    if (!obj.type) obj.type = 'Opaque';
  },
  validate(obj, ctx) {
    const data = (obj.data ?? {}) as Record<string, string>;
    const errs: FieldError[] = validateDataKeys(data, undefined, 'Secret');
    const type = String(obj.type ?? '');
    const need = (k: string) => {
      if (!(k in data)) errs.push(required(`data[${k}]`));
    };
    if (type === 'kubernetes.io/tls') {
      need('tls.crt');
      need('tls.key');
    } else if (type === 'kubernetes.io/dockerconfigjson') {
      need('.dockerconfigjson');
    } else if (type === 'kubernetes.io/dockercfg') {
      need('.dockercfg');
    } else if (type === 'kubernetes.io/service-account-token') {
      if (!obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
    } else if (type === 'kubernetes.io/basic-auth') {
      if (!('username' in data) && !('password' in data)) errs.push(required('data[username]'));
    } else if (type === 'kubernetes.io/ssh-auth') {
      need('ssh-privatekey');
    }
    if (ctx.old) {
      errs.push(...immutable('type', obj.type, ctx.old.type));
      errs.push(...validateImmutableData(obj, ctx.old, ['data']));
    }
    return errs;
  },
  fieldLabels: {
    'metadata.name': (o) => o.metadata.name ?? '',
    'metadata.namespace': (o) => o.metadata.namespace ?? '',
    type: (o) => String(o.type ?? ''),
  },
});
