import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import { wildcardDomainError } from './hosts.ts';
import type { ServiceEntrySpec } from './types.ts';

/** ValidateServiceEntry (the checks CEL does not already make). */
export function validateServiceEntry(obj: KubeObject): string[] {
  const se = (obj.spec ?? {}) as ServiceEntrySpec;
  const errs: string[] = [];
  if ((se.hosts ?? []).length === 0) errs.push('service entry must have at least one host');
  for (const h of se.hosts ?? []) {
    if (h === '*') errs.push('invalid host *');
    else {
      const e = wildcardDomainError(h);
      if (e) errs.push(e);
    }
  }
  const names = new Set<string>();
  for (const p of se.ports ?? []) {
    if (p.name && names.has(p.name)) errs.push(`service entry port name ${p.name} already defined`);
    if (p.name) names.add(p.name);
  }
  if (se.resolution === 'DNS' && (se.endpoints ?? []).length === 0) {
    for (const h of se.hosts ?? []) if (h.startsWith('*')) errs.push(`hosts must be FQDN if no endpoints are provided for resolution mode DNS`);
  }
  return errs;
}

export const serviceEntry = istioKind({
  kind: 'ServiceEntry',
  group: 'networking.istio.io',
  plural: 'serviceentries',
  singular: 'serviceentry',
  shortNames: ['se'],
  versions: ['v1', 'v1alpha3', 'v1beta1'],
  webhook: validateServiceEntry,
});
