import type { KubeObject } from '../../api/types.ts';
import { KUBERNETES_VERSION } from '../../nodes/defaults.ts';
import { CONFIGMAP_NAME, configConf, KUBECONFIG_CONF } from './config.ts';

export const KUBE_PROXY_APP = 'kube-proxy';

/**
 * kube-proxy as kubeadm 1.32's addon phase installs it (cmd/kubeadm/app/phases/addons/proxy/manifests.go): its
 * ConfigMap (config.conf with the cluster's mode, kubeconfig.conf), its ServiceAccount, the binding to system:node-proxier, and the DaemonSet — host network, every taint tolerated,
 * system-node-critical, config.conf from the kube-proxy ConfigMap.
 */
export function kubeProxyObjects(mode: string): KubeObject[] {
  const labels = { 'k8s-app': KUBE_PROXY_APP };
  return [
    kubeProxyConfigMap(mode),
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'kubeadm:node-proxier' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node-proxier' },
      subjects: [{ kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' }],
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate' },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: 'system-node-critical',
            containers: [
              {
                name: 'kube-proxy',
                image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                  { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
                  { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                ],
                env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              },
            ],
            hostNetwork: true,
            serviceAccountName: 'kube-proxy',
            volumes: [
              { name: 'kube-proxy', configMap: { name: CONFIGMAP_NAME } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
              { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
            ],
            tolerations: [{ operator: 'Exists' }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
          },
        },
      },
    },
  ] as unknown as KubeObject[];
}

/** The kube-proxy ConfigMap kubeadm creates in kube-system (config.conf and kubeconfig.conf). */
export function kubeProxyConfigMap(mode: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIGMAP_NAME, namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': configConf(mode), 'kubeconfig.conf': KUBECONFIG_CONF },
  } as KubeObject;
}
