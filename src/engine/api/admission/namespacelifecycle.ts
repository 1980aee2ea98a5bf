import { forbidden } from '../errors.ts';
import type { AdmissionPlugin } from '../server.ts';

/** Namespaces the apiserver refuses to delete (NamespaceLifecycle's immortal namespaces). */
const immortal = new Set(['default', 'kube-system', 'kube-public']);

/**
 * NamespaceLifecycle (the part not already in the API server's namespace checks): the system namespaces
 * may not be deleted. `Error from server (Forbidden): namespaces "default" is forbidden: this namespace may
 * not be deleted`.
 */
export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate(a) {
    if (a.operation === 'DELETE' && a.resource.plural === 'namespaces' && immortal.has(a.name)) {
      throw forbidden(a.resource, a.name, 'this namespace may not be deleted');
    }
  },
};
