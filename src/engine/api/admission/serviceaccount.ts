import { forbidden } from '../errors.ts';
import type { AdmissionPlugin } from '../server.ts';

type Volume = { name?: string; projected?: unknown };
type Container = { volumeMounts?: Array<{ name?: string; mountPath?: string; readOnly?: boolean }> };
type PodSpec = {
  serviceAccountName?: string;
  serviceAccount?: string;
  automountServiceAccountToken?: boolean;
  volumes?: Volume[];
  containers?: Container[];
  initContainers?: Container[];
};

const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The ServiceAccount admission plugin: pods default to the `default` service account, which must exist
 * (except for mirror pods), and get the projected `kube-api-access-xxxxx` token volume mounted in every
 * container unless automounting is disabled.
 */
export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  mutate(a, api) {
    if (a.resource.plural !== 'pods' || a.subresource !== '' || a.operation !== 'CREATE') return;
    // Mirror pods stand for static pods the kubelet runs from files: no service account, no token (plugin/pkg/admission/serviceaccount).
    if (a.object.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    const spec = (a.object.spec ??= {}) as PodSpec;
    if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const sa = api.tryGet('serviceaccounts', a.namespace, spec.serviceAccountName);
    // A missing `default` account is tolerated (the ServiceAccount controller may not have run yet).
    if (!sa && spec.serviceAccountName !== 'default') {
      throw forbidden(a.resource, a.name, `error looking up service account ${a.namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
    }
    const automount = spec.automountServiceAccountToken ?? (sa?.automountServiceAccountToken as boolean | undefined) ?? true;
    if (!automount) return;
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    if (containers.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath))) return;
    const name = `kube-api-access-${api.randomSuffix()}`;
    spec.volumes = [
      ...(spec.volumes ?? []),
      {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ];
    for (const c of containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name, readOnly: true, mountPath }];
  },
};
