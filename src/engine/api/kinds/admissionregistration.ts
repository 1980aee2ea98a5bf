import { defineKind } from './define.ts';

/** MutatingWebhookConfiguration (admissionregistration.k8s.io/v1): stored and listed; add-ons register theirs. */
export const mutatingWebhookConfiguration = defineKind({
  kind: 'MutatingWebhookConfiguration',
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  plural: 'mutatingwebhookconfigurations',
  singular: 'mutatingwebhookconfiguration',
  namespaced: false,
});

/** ValidatingWebhookConfiguration (admissionregistration.k8s.io/v1). */
export const validatingWebhookConfiguration = defineKind({
  kind: 'ValidatingWebhookConfiguration',
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  plural: 'validatingwebhookconfigurations',
  singular: 'validatingwebhookconfiguration',
  namespaced: false,
});
