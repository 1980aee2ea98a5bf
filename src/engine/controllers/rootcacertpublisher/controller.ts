import { isStatusError, type KubeObject } from '../../api/types.ts';
import { clone } from '../../store/store.ts';
import type { Controller } from '../types.ts';
import { Rng } from '../../util/rng.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { CLUSTER_CA_PEM } from './ca.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every namespace gets
 * the `kube-root-ca.crt` ConfigMap holding the cluster CA under `ca.crt`, with the description annotation.
 * A deleted one is created again; an edited one gets its data and annotation back (other annotations and
 * labels stay). Namespaces are synced when added or updated while Active; a namespace that is gone or
 * terminating is left alone.
 */
export function rootCACertPublisher(rt: ClusterRuntime): Controller {
  // A stream of its own: the ConfigMaps' uids do not shift the names and uids drawn by everything else.
  const rng = new Rng(((rt.options.seed ?? 1) ^ 0x0ca0ca) >>> 0);
  const data = { 'ca.crt': CLUSTER_CA_PEM };
  return {
    name: 'root-ca-cert-publisher',
    watches: [
      {
        resource: 'namespaces',
        keys: (ev) => (ev.type === 'ADDED' || (ev.type === 'MODIFIED' && (ev.object.status as { phase?: string } | undefined)?.phase === 'Active') ? [ev.object.metadata.name!] : []),
      },
      {
        resource: 'configmaps',
        keys: (ev) => (ev.type !== 'ADDED' && ev.object.metadata.name === ROOT_CA_CONFIGMAP ? [ev.object.metadata.namespace!] : []),
      },
    ],
    start(ctx, enqueue) {
      for (const ns of ctx.store.list('namespaces')) enqueue(ns.metadata.name!);
    },
    reconcile(namespace, ctx) {
      const cm = ctx.store.get('configmaps', namespace, ROOT_CA_CONFIGMAP);
      if (!cm) {
        if (!ctx.store.get('namespaces', undefined, namespace)) return;
        const obj: KubeObject = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        };
        try {
          rt.rng.drawFrom(rng, () => ctx.api.create(obj));
        } catch (e) {
          // Don't retry a create when the namespace is gone or terminating.
          if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Forbidden') && !isStatusError(e, 'AlreadyExists')) throw e;
        }
        return;
      }
      const cur = (cm as { data?: Record<string, string> }).data ?? {};
      const same = Object.keys(cur).length === 1 && cur['ca.crt'] === CLUSTER_CA_PEM;
      if (same && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
      const next = clone(cm) as KubeObject & { data?: Record<string, string> };
      next.data = { ...data };
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
      ctx.api.update(next);
    },
  };
}
