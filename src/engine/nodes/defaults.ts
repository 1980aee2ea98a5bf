/**
 * Facts a kind-style Kubernetes 1.32 node reports about itself. Kept in one place so kubelet, nodes and the
 * version printers agree.
 */

/** The Kubernetes version every component of the simulated cluster reports. */
export const KUBERNETES_VERSION = 'v1.32.4';

export const CONTROL_PLANE_NODE = 'control-plane';
export const CONTROL_PLANE_ROLE_LABEL = 'node-role.kubernetes.io/control-plane';
export const EXCLUDE_FROM_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** kubelet's nodeLeaseDurationSeconds default. */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** The kubelet renews its lease every 25% of the lease duration: 10 s. */
export const NODE_LEASE_RENEW_INTERVAL_MS = 10_000;
/** kubelet's nodeStatusReportFrequency: without changes, status (and lastHeartbeatTime) is re-posted every 5 min. */
export const NODE_STATUS_REPORT_INTERVAL_MS = 5 * 60_000;

export const KUBELET_PORT = 10250;

/** Capacity of a node when its NodeSpec does not say otherwise. */
export const DEFAULT_CAPACITY = {
  cpu: '4',
  memory: '8Gi',
  pods: 110,
  /** A ~100 GB root filesystem, reported in Ki as cAdvisor does. */
  ephemeralStorage: '102626232Ki',
};

export const NODE_INFO = {
  architecture: 'amd64',
  operatingSystem: 'linux',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.8.0-51-generic',
  containerRuntimeVersion: 'containerd://1.7.24',
};

/** Images a kind node image ships preloaded (name, size in bytes). The kubelet appends what it pulls. */
export const PRELOADED_IMAGES: Array<{ names: string[]; sizeBytes: number }> = [
  { names: [`registry.k8s.io/kube-apiserver-amd64:${KUBERNETES_VERSION}`, `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`], sizeBytes: 97_076_432 },
  { names: [`registry.k8s.io/kube-proxy-amd64:${KUBERNETES_VERSION}`, `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`], sizeBytes: 94_965_211 },
  { names: [`registry.k8s.io/kube-controller-manager-amd64:${KUBERNETES_VERSION}`, `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`], sizeBytes: 90_818_187 },
  { names: [`registry.k8s.io/kube-scheduler-amd64:${KUBERNETES_VERSION}`, `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`], sizeBytes: 70_663_574 },
  { names: ['registry.k8s.io/etcd:3.5.16-0'], sizeBytes: 57_680_541 },
  { names: ['docker.io/kindest/kindnetd:v20250214-acbabc1a'], sizeBytes: 39_008_320 },
  { names: ['docker.io/kindest/local-path-provisioner:v20250214-acbabc1a'], sizeBytes: 22_541_737 },
  { names: ['registry.k8s.io/coredns/coredns:v1.11.3'], sizeBytes: 18_562_039 },
  { names: ['docker.io/kindest/local-path-helper:v20241212-8ac705d0'], sizeBytes: 3_084_671 },
  { names: ['registry.k8s.io/pause:3.10'], sizeBytes: 320_368 },
];
