import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import type { KubeObject, Mut } from '../api/types.ts';
import type { NodeSpec } from '../runtime.ts';
import { parseQuantity } from '../util/quantity.ts';
import { NETWORK_NOT_READY } from './network.ts';
import type { Rng } from '../util/rng.ts';
import { DEFAULT_CAPACITY, KUBELET_PORT, KUBERNETES_VERSION, NODE_INFO, PRELOADED_IMAGES } from './defaults.ts';

/** Where a node sits on the networks: its pod CIDR and its InternalIP. */
export interface NodePlacement {
  podCIDR: string;
  internalIP: string;
}

/** The Node as the kubelet registers it: metadata and spec (the API server drops status on create). */
export function nodeObject(spec: NodeSpec, placement: NodePlacement): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': NODE_INFO.architecture,
    'beta.kubernetes.io/os': NODE_INFO.operatingSystem,
    'kubernetes.io/arch': NODE_INFO.architecture,
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': NODE_INFO.operatingSystem,
    ...(spec.labels ?? {}),
  };
  const node: Mut<Node> = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: placement.podCIDR,
      podCIDRs: [placement.podCIDR],
    },
  };
  if (spec.taints && spec.taints.length > 0) {
    node.spec!.taints = spec.taints.map((t) => (t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect }));
  }
  return node as KubeObject;
}

/** Capacity (= allocatable: kind reserves nothing for the system) from the spec, canonicalised. */
export function nodeResources(spec: NodeSpec): Record<string, string> {
  const pods = spec.pods ?? DEFAULT_CAPACITY.pods;
  if (!Number.isInteger(pods) || pods < 0) throw new Error(`node ${spec.name}: pods must be a non-negative integer`);
  return {
    cpu: parseQuantity(spec.cpu ?? DEFAULT_CAPACITY.cpu).canonical,
    'ephemeral-storage': parseQuantity(DEFAULT_CAPACITY.ephemeralStorage).canonical,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: parseQuantity(spec.memory ?? DEFAULT_CAPACITY.memory).canonical,
    pods: String(pods),
  };
}

/** The four kubelet conditions of a healthy node, with upstream's reasons and messages. */
export function healthyConditions(now: string): NodeCondition[] {
  const c = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The status the kubelet posts right after registering (NotReady: the pod network is not installed yet). */
export function nodeStatus(spec: NodeSpec, placement: NodePlacement, rng: Rng, now: string): Mut<Node>['status'] {
  const resources = nodeResources(spec);
  // No CNI config on a fresh node yet: Ready=False until the CNI's node agent installs it (nodes/network.ts).
  const conditions = healthyConditions(now).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', ...NETWORK_NOT_READY } : c));
  return {
    capacity: { ...resources },
    allocatable: { ...resources },
    conditions: conditions as Mut<NodeCondition>[],
    addresses: [
      { type: 'InternalIP', address: placement.internalIP },
      { type: 'Hostname', address: spec.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: rng.uuid().replace(/-/g, ''),
      systemUUID: rng.uuid(),
      bootID: rng.uuid(),
      kernelVersion: NODE_INFO.kernelVersion,
      osImage: NODE_INFO.osImage,
      containerRuntimeVersion: NODE_INFO.containerRuntimeVersion,
      kubeletVersion: KUBERNETES_VERSION,
      kubeProxyVersion: KUBERNETES_VERSION,
      operatingSystem: NODE_INFO.operatingSystem,
      architecture: NODE_INFO.architecture,
    },
    images: PRELOADED_IMAGES.map((i) => ({ names: [...i.names], sizeBytes: i.sizeBytes })),
  };
}
