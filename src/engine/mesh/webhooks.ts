import type { Pod } from 'kubernetes-types/core/v1';
import type { MeshWebhooks } from '../api/admission/meshwebhooks.ts';
import { istioValidators, multiError } from '../api/kinds/istio/index.ts';
import type { AdmissionAttributes, ApiServer } from '../api/server.ts';
import { StatusError, type Mut } from '../api/types.ts';
import { injectSidecar } from './injection/inject.ts';
import { injectRequired, webhookMatches } from './injection/policy.ts';

export const ISTIO_NS = 'istio-system';

/** True when the istiod Service has a ready endpoint (the webhooks can be called). */
export function istiodReachable(api: ApiServer): boolean {
  const ep = api.store.get('endpoints', ISTIO_NS, 'istiod') as { subsets?: { addresses?: unknown[] }[] } | undefined;
  return !!ep?.subsets?.some((s) => (s.addresses ?? []).length > 0);
}

function callFailed(webhook: string, path: string): StatusError {
  return new StatusError(
    500,
    'InternalError',
    `Internal error occurred: failed calling webhook "${webhook}": failed to call webhook: Post "https://istiod.${ISTIO_NS}.svc:443/${path}?timeout=10s": no endpoints available for service "istiod"`,
  );
}

/**
 * Istio's webhooks as the apiserver calls them: the sidecar injector (failurePolicy Fail) on pod creation and
 * validation.istio.io on Istio resources (failurePolicy Ignore until istiod first becomes ready, when istiod
 * patches it to Fail).
 */
export function istioWebhooks(state: { validationFailClosed: boolean }): MeshWebhooks {
  return {
    mutate(a: AdmissionAttributes, api: ApiServer) {
      if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.plural !== 'pods' || a.resource.group !== '') return;
      const pod = a.object as unknown as Mut<Pod>;
      const ns = api.store.get('namespaces', undefined, a.namespace);
      const input = {
        namespace: a.namespace,
        namespaceLabels: ns?.metadata.labels ?? {},
        podLabels: pod.metadata?.labels ?? {},
        podAnnotations: pod.metadata?.annotations ?? {},
        hostNetwork: !!pod.spec?.hostNetwork,
      };
      if (!webhookMatches(input)) return;
      if (!istiodReachable(api)) {
        const nsWebhook = input.namespaceLabels['istio-injection'] === 'enabled' ? 'namespace.sidecar-injector.istio.io' : input.namespaceLabels['istio.io/rev'] ? 'rev.namespace.sidecar-injector.istio.io' : 'object.sidecar-injector.istio.io';
        throw callFailed(nsWebhook, 'inject');
      }
      if (injectRequired(input)) injectSidecar(pod);
    },
    validate(a: AdmissionAttributes, api: ApiServer) {
      if (a.operation === 'DELETE' || a.subresource !== '') return;
      const g = a.resource.group;
      if (g !== 'networking.istio.io' && g !== 'security.istio.io') return;
      const check = istioValidators.get(a.resource.kind);
      if (!check) return;
      if (!istiodReachable(api)) {
        if (state.validationFailClosed) throw callFailed('validation.istio.io', 'validate');
        return;
      }
      const errs = check(a.object);
      if (errs.length > 0) {
        throw new StatusError(400, '', `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${multiError(errs)}`);
      }
    },
  };
}
