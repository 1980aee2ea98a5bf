import { sha256, toHex } from '../proxy/sha256.ts';

export type CniName = 'flannel' | 'calico';

export const CLUSTER_CIDR = '10.244.0.0/16';

export interface NodeNet {
  name: string;
  ip: string;
  podCIDR: string;
  /** 10.244.N.0/24 → "10.244.N" */
  prefix: string;
  /** interface indexes handed out to veths, in order of first sight */
  nextIndex: number;
}

export interface PodNet {
  namespace: string;
  name: string;
  uid: string;
  ip: string;
  node: string;
  /** host-side interface (vethXXXXXXXX / caliXXXXXXXXXXX) */
  hostIf: string;
  ifindex: number;
  /** the pause container's network namespace, shared by the pod's containers */
  netns: string;
}

function hex(text: string): string {
  return toHex(sha256(text));
}

/** Host-side interface name: the bridge plugin's random vethXXXXXXXX (hashed here), Calico's cali + 11 hex of the workload id. */
export function hostInterface(cni: CniName, namespace: string, name: string, uid: string): string {
  return cni === 'calico' ? `cali${hex(`${namespace}.${name}`).slice(0, 11)}` : `veth${hex(uid).slice(0, 8)}`;
}

/** The pause container's netns path as containerd names it (cni-<uuid>). */
export function netnsName(uid: string): string {
  const h = hex(`netns/${uid}`);
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A stable locally administered MAC for a device. */
export function mac(seed: string): string {
  const h = hex(seed);
  const first = ((parseInt(h.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, '0');
  return [first, h.slice(2, 4), h.slice(4, 6), h.slice(6, 8), h.slice(8, 10), h.slice(10, 12)].join(':');
}

/** docker's MAC for a container address: 02:42 followed by the IPv4 bytes. */
export function dockerMac(ip: string): string {
  return ['02', '42', ...ip.split('.').map((b) => Number(b).toString(16).padStart(2, '0'))].join(':');
}

export function prefixOf(podCIDR: string): string {
  return podCIDR.split('.').slice(0, 3).join('.');
}

export function inPodCIDR(ip: string, n: NodeNet): boolean {
  return ip.startsWith(n.prefix + '.');
}
