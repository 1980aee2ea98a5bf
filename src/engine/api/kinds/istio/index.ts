import type { ResourceRegistry } from '../../registry.ts';
import type { ResourceType } from '../../types.ts';
import { authorizationPolicy } from './authorizationpolicy.ts';
import { destinationRule } from './destinationrule.ts';
import { gateway } from './gateway.ts';
import { peerAuthentication } from './peerauthentication.ts';
import { serviceEntry } from './serviceentry.ts';
import { sidecar } from './sidecar.ts';
import { virtualService } from './virtualservice.ts';
import { istioSchema } from './crd.ts';

export { istioValidators, istioSchema } from './crd.ts';
export { multiError } from './errors.ts';

/** Every Istio resource type (served at v1 and its older versions), in the order `kubectl api-resources` lists them. */
export const istioKinds: ResourceType[] = [
  destinationRule,
  gateway,
  serviceEntry,
  sidecar,
  virtualService,
  authorizationPolicy,
  peerAuthentication,
];

/** The CRD names istioctl installs (base chart), for these kinds. */
export const istioCrdNames = istioKinds.map((k) => `${k.plural}.${k.group}`);

/** Serve the Istio kinds (the CRDs were created). Idempotent. */
export function registerIstioKinds(registry: ResourceRegistry): void {
  for (const k of istioKinds) if (!registry.all().includes(k)) registry.register(k);
}

/** Stop serving them (the CRDs were deleted). */
export function unregisterIstioKinds(registry: ResourceRegistry): void {
  for (const k of istioKinds) registry.unregister(k);
}

/**
 * The Istio kinds as OpenAPI v3 component schemas (with `x-kubernetes-group-version-kind` for every served
 * version), in the shape of the Kubernetes OpenAPI document, so the editor's JSON Schema can include them.
 */
export function istioOpenApiSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const rt of istioKinds) {
    const spec = istioSchema(rt.kind)?.properties?.spec ?? { type: 'object' };
    out[`io.istio.${rt.group.split('.')[0]}.v1.${rt.kind}`] = {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec,
        status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
      'x-kubernetes-group-version-kind': [rt.version, ...(rt.alternateVersions ?? []).map((a) => a.version)].map((version) => ({ group: rt.group, version, kind: rt.kind })),
    };
  }
  return out;
}
