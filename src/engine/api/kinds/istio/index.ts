import type { ResourceRegistry } from '../../registry.ts';
import type { ResourceType } from '../../types.ts';
import { authorizationPolicy } from './authorizationpolicy.ts';
import { destinationRule } from './destinationrule.ts';
import { gateway } from './gateway.ts';
import { peerAuthentication } from './peerauthentication.ts';
import { serviceEntry } from './serviceentry.ts';
import { sidecar } from './sidecar.ts';
import { virtualService } from './virtualservice.ts';

export { istioValidators, istioSchema } from './crd.ts';
export { multiError } from './errors.ts';

/** Every Istio resource type (each served version), in the order `kubectl api-resources` lists them. */
export const istioKinds: ResourceType[] = [
  ...destinationRule,
  ...gateway,
  ...serviceEntry,
  ...sidecar,
  ...virtualService,
  ...authorizationPolicy,
  ...peerAuthentication,
];

/** The CRD names istioctl installs (base chart), for these kinds. */
export const istioCrdNames = [...new Set(istioKinds.map((k) => `${k.plural}.${k.group}`))];

/** Serve the Istio kinds (the CRDs were created). Idempotent. */
export function registerIstioKinds(registry: ResourceRegistry): void {
  for (const k of istioKinds) if (!registry.all().includes(k)) registry.register(k);
}

/** Stop serving them (the CRDs were deleted). */
export function unregisterIstioKinds(registry: ResourceRegistry): void {
  for (const k of istioKinds) registry.unregister(k);
}
