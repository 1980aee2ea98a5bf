import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import type { SidecarSpec } from './types.ts';

/** ValidateSidecar (egress listeners and hosts). */
export function validateSidecar(obj: KubeObject): string[] {
  const sc = (obj.spec ?? {}) as SidecarSpec;
  const errs: string[] = [];
  if (!sc.workloadSelector && !sc.egress && !sc.ingress && !sc.outboundTrafficPolicy) return ['sidecar: empty configuration provided'];
  const egress = sc.egress ?? [];
  egress.forEach((e, i) => {
    if (!e.port) {
      if (i !== egress.length - 1) errs.push('sidecar: the egress listener with empty port should be the last listener in the list');
    }
    if ((e.hosts ?? []).length === 0) errs.push('sidecar: egress listener must contain at least one host');
    for (const h of e.hosts ?? []) {
      const parts = h.split('/');
      if (parts.length !== 2) errs.push(`sidecar: host must be of form namespace/dnsName`);
      else if (parts[0] === '' || parts[1] === '') errs.push(`sidecar: config namespace and dnsName in host entry cannot be empty`);
    }
  });
  for (const i of sc.ingress ?? []) if (!i.port) errs.push('sidecar: port is required for ingress listeners');
  return errs;
}

export const sidecar = istioKind({
  kind: 'Sidecar',
  group: 'networking.istio.io',
  plural: 'sidecars',
  singular: 'sidecar',
  shortNames: [],
  versions: ['v1', 'v1alpha3', 'v1beta1'],
  webhook: validateSidecar,
});
