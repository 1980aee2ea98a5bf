import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import type { PeerAuthenticationSpec } from './types.ts';

/** ValidatePeerAuthentication. */
export function validatePeerAuthentication(obj: KubeObject): string[] {
  const pa = (obj.spec ?? {}) as PeerAuthenticationSpec;
  const errs: string[] = [];
  const emptySelector = Object.keys(pa.selector?.matchLabels ?? {}).length === 0;
  if (emptySelector && pa.portLevelMtls !== undefined) errs.push('mesh/namespace peer authentication cannot have port level mTLS');
  if (pa.portLevelMtls !== undefined && Object.keys(pa.portLevelMtls).length === 0) errs.push('port level mTLS, if defined, must have at least one element');
  for (const port of Object.keys(pa.portLevelMtls ?? {})) if (!(Number(port) >= 1 && Number(port) <= 65535)) errs.push('port must be in range 1..65535');
  return errs;
}

export const peerAuthentication = istioKind({
  kind: 'PeerAuthentication',
  group: 'security.istio.io',
  plural: 'peerauthentications',
  singular: 'peerauthentication',
  shortNames: ['pa'],
  versions: ['v1', 'v1beta1'],
  webhook: validatePeerAuthentication,
});
