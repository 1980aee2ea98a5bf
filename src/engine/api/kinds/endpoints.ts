import type { FieldError } from '../types.ts';
import { invalid, notSupported, required } from '../validation/field.ts';
import { isValidPortNum } from '../validation/names.ts';
import { defineKind } from './define.ts';

type Port = { name?: string; port?: number; protocol?: string };
type Subset = { addresses?: Array<{ ip?: string }>; notReadyAddresses?: Array<{ ip?: string }>; ports?: Port[] };

/** Endpoints (v1). */
export const endpoints = defineKind({
  kind: 'Endpoints',
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  defaults(obj) {
    for (const s of (obj.subsets as Subset[] | undefined) ?? []) for (const p of s.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  },
  validate(obj) {
    const errs: FieldError[] = [];
    ((obj.subsets as Subset[] | undefined) ?? []).forEach((s, i) => {
      const sp = `subsets[${i}]`;
      for (const key of ['addresses', 'notReadyAddresses'] as const) {
        (s[key] ?? []).forEach((a, j) => {
          if (!a.ip) errs.push(required(`${sp}.${key}[${j}].ip`));
        });
      }
      const ports = s.ports ?? [];
      ports.forEach((p, j) => {
        const pp = `${sp}.ports[${j}]`;
        if (ports.length > 1 && !p.name) errs.push(required(`${pp}.name`));
        for (const m of isValidPortNum(p.port ?? 0)) errs.push(invalid(`${pp}.port`, p.port ?? 0, m));
        if (p.protocol && !['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
      });
    });
    return errs;
  },
});
