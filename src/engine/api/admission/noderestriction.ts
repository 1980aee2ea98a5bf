// NodeRestriction (plugin/pkg/admission/noderestriction): a kubelet identity may only change its own Node
// object, and only the pods bound to its node (it creates only mirror pods).
import { nodeOf } from '../../auth/node.ts';
import { forbidden } from '../errors.ts';
import type { AdmissionPlugin } from '../server.ts';

export const nodeRestriction: AdmissionPlugin = {
  name: 'NodeRestriction',
  validate(a, api) {
    const user = api.request?.user;
    const node = user ? nodeOf(user) : undefined;
    if (!node) return;
    const kind = a.resource.kind;
    if (kind === 'Node') {
      if (a.name !== node) throw forbidden(a.resource, a.name, `node "${node}" is not allowed to modify node "${a.name}"`);
      return;
    }
    if (kind !== 'Pod') return;
    const spec = (a.oldObject ?? a.object).spec as { nodeName?: string } | undefined;
    if (a.operation === 'CREATE' && !a.subresource) {
      if (!a.object.metadata.annotations?.['kubernetes.io/config.mirror']) throw forbidden(a.resource, a.name, `pod does not have "kubernetes.io/config.mirror" annotation, node "${node}" can only create mirror pods`);
      if (spec?.nodeName !== node) throw forbidden(a.resource, a.name, `node "${node}" can only create pods with spec.nodeName set to itself`);
      return;
    }
    if (a.operation === 'DELETE' && spec?.nodeName !== node) throw forbidden(a.resource, a.name, `node "${node}" can only delete pods with spec.nodeName set to itself`);
    if (a.operation === 'UPDATE' && a.subresource === 'status' && spec?.nodeName !== node) throw forbidden(a.resource, a.name, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
  },
};
