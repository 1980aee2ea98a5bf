import { forbidden } from '../errors.ts';
import { ingressClassAnnotation, type IngressSpec } from '../kinds/ingress.ts';
import { isDefaultIngressClass } from '../kinds/ingressclass.ts';
import type { AdmissionPlugin } from '../server.ts';

/**
 * DefaultIngressClass: an Ingress created without `spec.ingressClassName` and without the legacy
 * `kubernetes.io/ingress.class` annotation gets the class annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"`; more than one such class is refused.
 */
export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  mutate(a, api) {
    if (a.operation !== 'CREATE' || a.subresource !== '' || a.resource.plural !== 'ingresses') return;
    const spec = (a.object.spec ??= {}) as IngressSpec;
    if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
    if (a.object.metadata.annotations && ingressClassAnnotation in a.object.metadata.annotations) return;
    const defaults = api.store.list('ingressclasses').filter(isDefaultIngressClass);
    if (defaults.length > 1) {
      throw forbidden(a.resource, a.name, `Internal error occurred: ${defaults.length} default IngressClasses were found, only 1 allowed`);
    }
    if (defaults.length === 1) spec.ingressClassName = defaults[0].metadata.name;
  },
};
