import type { AdmissionAttributes, AdmissionPlugin, ApiServer } from '../server.ts';

/**
 * The service mesh's admission webhooks (Istio's `istio-sidecar-injector` MutatingWebhookConfiguration and
 * `istio-validator-istio-system` ValidatingWebhookConfiguration), as the apiserver's MutatingAdmissionWebhook
 * and ValidatingAdmissionWebhook plugins call them. The mesh installs its hooks here for one ApiServer when
 * it is installed; without a mesh this costs one lookup per write.
 */
export interface MeshWebhooks {
  mutate(a: AdmissionAttributes, api: ApiServer): void;
  validate(a: AdmissionAttributes, api: ApiServer): void;
}

export const meshWebhooks = new WeakMap<ApiServer, MeshWebhooks>();

export const meshWebhookAdmission: AdmissionPlugin = {
  name: 'MeshWebhooks',
  mutate(a, api) {
    meshWebhooks.get(api)?.mutate(a, api);
  },
  validate(a, api) {
    meshWebhooks.get(api)?.validate(a, api);
  },
};
