/**
 * The static pod manifests kubeadm 1.32 writes to /etc/kubernetes/manifests on a control-plane node (as kind
 * configures kubeadm: cluster "kubelab", pod subnet 10.244.0.0/16, service subnet 10.96.0.0/16), byte for byte
 * in the layout kubeadm's YAML marshaller gives them (keys sorted, `creationTimestamp: null`, `status: {}`).
 * Sources: cmd/kubeadm/app/phases/controlplane/manifests.go, phases/etcd/local.go, util/staticpod/utils.go.
 */
import { ETCD_IMAGE } from '../images/apps/system.ts';
import { KUBERNETES_VERSION } from '../nodes/defaults.ts';

export const MANIFESTS_DIR = '/etc/kubernetes/manifests';
export const STATIC_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
export type StaticComponent = (typeof STATIC_COMPONENTS)[number];

const CLUSTER_NAME = 'kubelab';
const POD_SUBNET = '10.244.0.0/16';
const SERVICE_SUBNET = '10.96.0.0/16';

/** A control-plane member: its node name and address. */
export interface Member {
  name: string;
  ip: string;
}

const list = (items: string[], indent: string) => items.map((i) => `${indent}- ${i}\n`).join('');

function probe(kind: string, host: string, path: string, port: number, failureThreshold: number, initialDelay: boolean, period = 10, scheme = 'HTTPS'): string {
  return (
    `    ${kind}:\n      failureThreshold: ${failureThreshold}\n      httpGet:\n        host: ${host}\n        path: ${path}\n        port: ${port}\n        scheme: ${scheme}\n` +
    (initialDelay ? '      initialDelaySeconds: 10\n' : '') +
    `      periodSeconds: ${period}\n      timeoutSeconds: 15\n`
  );
}

interface HostPath {
  name: string;
  path: string;
  mountPath?: string;
  type: 'DirectoryOrCreate' | 'FileOrCreate';
  readOnly: boolean;
}

function mounts(vols: HostPath[]): string {
  const sorted = [...vols].sort((a, b) => (a.name < b.name ? -1 : 1));
  return '    volumeMounts:\n' + sorted.map((v) => `    - mountPath: ${v.mountPath ?? v.path}\n      name: ${v.name}\n${v.readOnly ? '      readOnly: true\n' : ''}`).join('');
}

function volumes(vols: HostPath[]): string {
  const sorted = [...vols].sort((a, b) => (a.name < b.name ? -1 : 1));
  return '  volumes:\n' + sorted.map((v) => `  - hostPath:\n      path: ${v.path}\n      type: ${v.type}\n    name: ${v.name}\n`).join('');
}

const caMounts: HostPath[] = [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];

function pod(component: StaticComponent, annotations: string[], command: string[], image: string, probes: string, requests: string, startup: string, vols: HostPath[]): string {
  return (
    'apiVersion: v1\nkind: Pod\nmetadata:\n' +
    (annotations.length ? '  annotations:\n' + annotations.map((a) => `    ${a}\n`).join('') : '') +
    `  creationTimestamp: null\n  labels:\n    component: ${component}\n    tier: control-plane\n  name: ${component}\n  namespace: kube-system\n` +
    'spec:\n  containers:\n  - command:\n' +
    list(command, '    ') +
    `    image: ${image}\n    imagePullPolicy: IfNotPresent\n` +
    probes +
    `    resources:\n      requests:\n${requests}` +
    startup +
    mounts(vols) +
    '  hostNetwork: true\n  priority: 2000001000\n  priorityClassName: system-node-critical\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n' +
    volumes(vols) +
    'status: {}\n'
  );
}

/** Insert `name:` where kubeadm's sorted keys put it: after livenessProbe, before readinessProbe/resources. */
function named(name: string, liveness: string, rest: string): string {
  return liveness + `    name: ${name}\n` + rest;
}

function apiserver(self: Member): string {
  const cmd = [
    'kube-apiserver',
    `--advertise-address=${self.ip}`,
    '--allow-privileged=true',
    '--authorization-mode=Node,RBAC',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    '--enable-admission-plugins=NodeRestriction',
    '--enable-bootstrap-token-auth=true',
    '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
    '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
    '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    '--etcd-servers=https://127.0.0.1:2379',
    '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
    '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User',
    '--runtime-config=',
    '--secure-port=6443',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
    '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
    `--service-cluster-ip-range=${SERVICE_SUBNET}`,
    '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
    '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  ];
  const probes = named(
    'kube-apiserver',
    probe('livenessProbe', self.ip, '/livez', 6443, 8, true),
    probe('readinessProbe', self.ip, '/readyz', 6443, 3, false, 1),
  );
  const startup = probe('startupProbe', self.ip, '/livez', 6443, 24, true);
  return pod(
    'kube-apiserver',
    [`kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${self.ip}:6443`],
    cmd,
    `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
    probes,
    '        cpu: 250m\n',
    startup,
    caMounts,
  );
}

function controllerManager(): string {
  const cmd = [
    'kube-controller-manager',
    '--allocate-node-cidrs=true',
    '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--bind-address=127.0.0.1',
    '--client-ca-file=/etc/kubernetes/pki/ca.crt',
    `--cluster-cidr=${POD_SUBNET}`,
    `--cluster-name=${CLUSTER_NAME}`,
    '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
    '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
    '--controllers=*,bootstrapsigner,tokencleaner',
    '--enable-hostpath-provisioner=true',
    '--kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--leader-elect=true',
    '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
    '--root-ca-file=/etc/kubernetes/pki/ca.crt',
    '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
    `--service-cluster-ip-range=${SERVICE_SUBNET}`,
    '--use-service-account-credentials=true',
  ];
  const vols: HostPath[] = [
    ...caMounts,
    { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate', readOnly: false },
    { name: 'kubeconfig', path: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate', readOnly: true },
  ];
  return pod(
    'kube-controller-manager',
    [],
    cmd,
    `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
    named('kube-controller-manager', probe('livenessProbe', '127.0.0.1', '/healthz', 10257, 8, true), ''),
    '        cpu: 200m\n',
    probe('startupProbe', '127.0.0.1', '/healthz', 10257, 24, true),
    vols,
  );
}

function scheduler(): string {
  const cmd = [
    'kube-scheduler',
    '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
    '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
    '--bind-address=127.0.0.1',
    '--kubeconfig=/etc/kubernetes/scheduler.conf',
    '--leader-elect=true',
  ];
  return pod(
    'kube-scheduler',
    [],
    cmd,
    `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
    named('kube-scheduler', probe('livenessProbe', '127.0.0.1', '/livez', 10259, 8, true), probe('readinessProbe', '127.0.0.1', '/readyz', 10259, 3, false, 1)),
    '        cpu: 100m\n',
    probe('startupProbe', '127.0.0.1', '/livez', 10259, 24, true),
    [{ name: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate', readOnly: true }],
  );
}

function etcd(self: Member, members: Member[], joining: boolean): string {
  const cluster = members.map((m) => `${m.name}=https://${m.ip}:2380`).join(',');
  const cmd = [
    'etcd',
    `--advertise-client-urls=https://${self.ip}:2379`,
    '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
    '--client-cert-auth=true',
    '--data-dir=/var/lib/etcd',
    '--experimental-initial-corrupt-check=true',
    '--experimental-watch-progress-notify-interval=5s',
    `--initial-advertise-peer-urls=https://${self.ip}:2380`,
    `--initial-cluster=${cluster}`,
    ...(joining ? ['--initial-cluster-state=existing'] : []),
    '--key-file=/etc/kubernetes/pki/etcd/server.key',
    `--listen-client-urls=https://127.0.0.1:2379,https://${self.ip}:2379`,
    '--listen-metrics-urls=http://127.0.0.1:2381',
    `--listen-peer-urls=https://${self.ip}:2380`,
    `--name=${self.name}`,
    '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
    '--peer-client-cert-auth=true',
    '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    '--snapshot-count=10000',
    '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
  ];
  return pod(
    'etcd',
    [`kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${self.ip}:2379`],
    cmd,
    ETCD_IMAGE,
    named('etcd', probe('livenessProbe', '127.0.0.1', '/livez', 2381, 8, true, 10, 'HTTP'), probe('readinessProbe', '127.0.0.1', '/readyz', 2381, 3, false, 1, 'HTTP')),
    '        cpu: 100m\n        memory: 100Mi\n',
    probe('startupProbe', '127.0.0.1', '/readyz', 2381, 24, true, 10, 'HTTP'),
    [
      { name: 'etcd-certs', path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate', readOnly: false },
      { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate', readOnly: false },
    ],
  );
}

/**
 * The files in /etc/kubernetes/manifests of control-plane member `index` (0: the node `kubeadm init` ran on;
 * others joined with `kubeadm join --control-plane`, so their etcd starts with --initial-cluster-state=existing
 * and lists the members that were there before it).
 */
export function staticPodManifests(members: Member[], index: number): Map<string, string> {
  const self = members[index];
  const files = new Map<string, string>();
  files.set('etcd.yaml', (etcd(self, members.slice(0, index + 1), index > 0)));
  files.set('kube-apiserver.yaml', (apiserver(self)));
  files.set('kube-controller-manager.yaml', (controllerManager()));
  files.set('kube-scheduler.yaml', (scheduler()));
  return files;
}
