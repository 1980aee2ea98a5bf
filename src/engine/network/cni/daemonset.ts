import type { KubeObject } from '../../api/types.ts';
import { CALICO_VERSION, FLANNEL_CNI_PLUGIN_IMAGE, FLANNEL_IMAGE } from '../../images/apps/system.ts';
import { CLUSTER_CIDR, type CniName } from './model.ts';

/** Where the CNI's node agents run and how to recognise their pods. */
export const CNI_AGENT: Record<CniName, { namespace: string; daemonSet: string; label: [string, string]; container: string }> = {
  flannel: { namespace: 'kube-flannel', daemonSet: 'kube-flannel-ds', label: ['app', 'flannel'], container: 'kube-flannel' },
  calico: { namespace: 'kube-system', daemonSet: 'calico-node', label: ['k8s-app', 'calico-node'], container: 'calico-node' },
};

const CNI_CONF = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

const NET_CONF = `{
  "Network": "${CLUSTER_CIDR}",
  "EnableNFTables": false,
  "Backend": {
    "Type": "vxlan"
  }
}
`;

const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
const linuxOnly = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } };
const rbac = (name: string, ns: string, rules: unknown[]): KubeObject[] =>
  [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
    },
  ] as unknown as KubeObject[];

/** flannel's kube-flannel.yml (v0.26): its namespace, RBAC, kube-flannel-cfg and the kube-flannel-ds DaemonSet. */
function flannel(): KubeObject[] {
  const labels = { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-flannel', labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    ...rbac('flannel', 'kube-flannel', [
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
    ]),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel', labels }, data: { 'cni-conf.json': CNI_CONF, 'net-conf.json': NET_CONF } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-flannel-ds', namespace: 'kube-flannel', labels },
      spec: {
        selector: { matchLabels: { app: 'flannel', 'k8s-app': 'flannel' } },
        template: {
          metadata: { labels },
          spec: {
            affinity: linuxOnly,
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
            serviceAccountName: 'flannel',
            initContainers: [
              { name: 'install-cni-plugin', image: FLANNEL_CNI_PLUGIN_IMAGE, command: ['cp'], args: ['-f', '/flannel', '/opt/cni/bin/flannel'], volumeMounts: [{ name: 'cni-plugin', mountPath: '/opt/cni/bin' }] },
              {
                name: 'install-cni',
                image: FLANNEL_IMAGE,
                command: ['cp'],
                args: ['-f', '/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
                volumeMounts: [
                  { name: 'cni', mountPath: '/etc/cni/net.d' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                ],
              },
            ],
            containers: [
              {
                name: 'kube-flannel',
                image: FLANNEL_IMAGE,
                command: ['/opt/bin/flanneld'],
                args: ['--ip-masq', '--kube-subnet-mgr'],
                resources: { requests: { cpu: '100m', memory: '50Mi' } },
                securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                env: [fieldEnv('POD_NAME', 'metadata.name'), fieldEnv('POD_NAMESPACE', 'metadata.namespace'), { name: 'EVENT_QUEUE_DEPTH', value: '5000' }],
                volumeMounts: [
                  { name: 'run', mountPath: '/run/flannel' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                  { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
                ],
              },
            ],
            volumes: [
              { name: 'run', hostPath: { path: '/run/flannel' } },
              { name: 'cni-plugin', hostPath: { path: '/opt/cni/bin' } },
              { name: 'cni', hostPath: { path: '/etc/cni/net.d' } },
              { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            ],
          },
        },
      },
    },
  ] as unknown as KubeObject[];
}

/** Calico's calico.yaml (v3.29, Kubernetes datastore): calico-config, the calico-node DaemonSet and calico-kube-controllers. */
function calico(): KubeObject[] {
  const img = (n: string) => `docker.io/calico/${n}:${CALICO_VERSION}`;
  const nodeLabels = { 'k8s-app': 'calico-node' };
  const kcLabels = { 'k8s-app': 'calico-kube-controllers' };
  return [
    ...rbac('calico-node', 'kube-system', [{ apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get', 'list', 'watch'] }]),
    ...rbac('calico-kube-controllers', 'kube-system', [{ apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'list', 'get'] }]),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'calico-config', namespace: 'kube-system' },
      data: { typha_service_name: 'none', calico_backend: 'bird', veth_mtu: '0' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'calico-node', namespace: 'kube-system', labels: nodeLabels },
      spec: {
        selector: { matchLabels: nodeLabels },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: nodeLabels },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            hostNetwork: true,
            tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
            serviceAccountName: 'calico-node',
            terminationGracePeriodSeconds: 0,
            priorityClassName: 'system-node-critical',
            initContainers: [
              { name: 'upgrade-ipam', image: img('cni'), command: ['/opt/cni/bin/calico-ipam', '-upgrade'], securityContext: { privileged: true } },
              { name: 'install-cni', image: img('cni'), command: ['/opt/cni/bin/install'], securityContext: { privileged: true } },
              { name: 'mount-bpffs', image: img('node'), command: ['calico-node', '-init', '-best-effort'], securityContext: { privileged: true } },
            ],
            containers: [
              {
                name: 'calico-node',
                image: img('node'),
                env: [
                  { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                  { name: 'WAIT_FOR_DATASTORE', value: 'true' },
                  fieldEnv('NODENAME', 'spec.nodeName'),
                  { name: 'CALICO_NETWORKING_BACKEND', valueFrom: { configMapKeyRef: { name: 'calico-config', key: 'calico_backend' } } },
                  { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
                  { name: 'IP', value: 'autodetect' },
                  { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
                  { name: 'CALICO_IPV4POOL_CIDR', value: CLUSTER_CIDR },
                ],
                securityContext: { privileged: true },
                resources: { requests: { cpu: '250m' } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'calico-kube-controllers', namespace: 'kube-system', labels: kcLabels },
      spec: {
        replicas: 1,
        selector: { matchLabels: kcLabels },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { name: 'calico-kube-controllers', namespace: 'kube-system', labels: kcLabels },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            serviceAccountName: 'calico-kube-controllers',
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'calico-kube-controllers',
                image: img('kube-controllers'),
                env: [
                  { name: 'ENABLED_CONTROLLERS', value: 'node' },
                  { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                ],
              },
            ],
          },
        },
      },
    },
  ] as unknown as KubeObject[];
}

/** The objects `kubectl apply -f` of the CNI's manifest creates. */
export function cniObjects(cni: CniName): KubeObject[] {
  return cni === 'calico' ? calico() : flannel();
}
