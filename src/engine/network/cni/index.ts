import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ClusterRuntime } from '../../runtime.ts';
import type { StoreEvent } from '../../store/store.ts';
import type { ExtraTables } from '../proxy/nodetables.ts';
import { CLUSTER_CIDR, hostInterface, inPodCIDR, netnsName, prefixOf, type CniName, type NodeNet, type PodNet } from './model.ts';
import { ipAddr, ipRoute } from './render.ts';

/**
 * A pod's interface. The interface and netns names are hashes: computed when first read (ip, crictl, a trace),
 * not per pod. A class rather than an object literal with getters, which would allocate two closures and
 * accessor pairs for every pod.
 */
class LazyPodNet implements PodNet {
  private hostIfName?: string;
  private netnsId?: string;
  constructor(
    private readonly cni: CniName,
    readonly namespace: string,
    readonly name: string,
    readonly uid: string,
    readonly ip: string,
    readonly node: string,
    readonly ifindex: number,
  ) {}
  get hostIf(): string {
    return (this.hostIfName ??= hostInterface(this.cni, this.namespace, this.name, this.uid));
  }
  get netns(): string {
    return (this.netnsId ??= netnsName(this.uid));
  }
}

export const CNI_SERVICE = 'cni';

/** One step of a packet's L2/L3 path between two IPs. */
export interface Hop {
  node?: string;
  device: string;
  kind: 'veth' | 'bridge' | 'vxlan' | 'ipip' | 'route' | 'eth' | 'lo';
  detail: string;
}

export interface HopsResult {
  path: 'loopback' | 'same-node' | 'overlay' | 'routed' | 'host' | 'external';
  hops: Hop[];
}

export interface Location {
  node: string;
  /** pod IP: the pod; node IP: undefined */
  pod?: PodNet;
  bridge?: string;
  hostIf?: string;
}

export interface CniService {
  name: CniName;
  /** Calico enforces NetworkPolicy; flannel does not. */
  enforcesPolicy: boolean;
  clusterCIDR: string;
  locate(ip: string): Location | undefined;
  hops(srcIP: string, dstIP: string): HopsResult;
  ipAddr(node: string, ipvsVIPs?: string[]): string | undefined;
  ipRoute(node: string): string | undefined;
  iptables(node: string): ExtraTables | undefined;
  pods(node: string): PodNet[];
}

/**
 * The pod network: per-node podCIDR, the bridge (flannel: cni0 + VXLAN flannel.1) or Calico's routed cali*
 * interfaces with IPIP tunl0, one host interface per pod sandbox (the pause container's netns, which the
 * pod's containers share), and the path a packet takes between two addresses.
 */
export function startCni(rt: ClusterRuntime): CniService {
  const cni: CniName = rt.options.cni ?? 'flannel';
  const nodes = new Map<string, NodeNet>();
  const byIP = new Map<string, PodNet>();
  const byNode = new Map<string, Map<string, PodNet>>();
  const nodeByIP = new Map<string, NodeNet>();

  const onNode = (ev: StoreEvent) => {
    const n = ev.object as unknown as Node;
    const name = n.metadata?.name ?? '';
    if (ev.type === 'DELETED') {
      const old = nodes.get(name);
      if (old) nodeByIP.delete(old.ip);
      nodes.delete(name);
      return;
    }
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    const podCIDR = n.spec?.podCIDR;
    if (!ip || !podCIDR) return;
    const prev = nodes.get(name);
    const nn: NodeNet = { name, ip, podCIDR, prefix: prefixOf(podCIDR), nextIndex: prev?.nextIndex ?? (cni === 'flannel' ? 5 : 4) };
    nodes.set(name, nn);
    nodeByIP.set(ip, nn);
  };

  /** The pod interface registered for each pod (namespace/name). */
  const byKey = new Map<string, PodNet>();

  const removePod = (key: string) => {
    const p = byKey.get(key);
    if (!p) return;
    byKey.delete(key);
    if (byIP.get(p.ip) === p) byIP.delete(p.ip);
    byNode.get(p.node)?.delete(key);
  };

  const onPod = (ev: StoreEvent) => {
    const p = ev.object as unknown as Pod;
    const ip = p.status?.podIP;
    const node = p.spec?.nodeName;
    const prevIP = (ev.oldObject as unknown as Pod | undefined)?.status?.podIP;
    if (ev.type === 'DELETED' || !ip || !node || p.spec?.hostNetwork) {
      if (prevIP || ev.type === 'DELETED') removePod(`${p.metadata?.namespace}/${p.metadata?.name}`);
      return;
    }
    // Status writes that keep the address (most of them) change nothing here.
    if (byIP.get(ip)?.uid === p.metadata?.uid) return;
    const key = `${p.metadata?.namespace}/${p.metadata?.name}`;
    // A new address for the pod (or the pod seen anew): its previous interface goes.
    removePod(key);
    const nn = nodes.get(node);
    const ifindex = nn ? nn.nextIndex++ : 0;
    const uid = p.metadata?.uid ?? key;
    const namespace = p.metadata!.namespace!;
    const name = p.metadata!.name!;
    const pn = new LazyPodNet(cni, namespace, name, uid, ip, node, ifindex);
    byIP.set(ip, pn);
    byKey.set(key, pn);
    let m = byNode.get(node);
    if (!m) byNode.set(node, (m = new Map()));
    m.set(key, pn);
  };

  for (const n of rt.store.list('nodes')) onNode({ type: 'ADDED', resource: 'nodes', object: n, resourceVersion: 0 });
  for (const p of rt.store.list('pods')) onPod({ type: 'ADDED', resource: 'pods', object: p, resourceVersion: 0 });
  rt.store.watch((ev) => {
    if (ev.resource === 'nodes') onNode(ev);
    else if (ev.resource === 'pods') onPod(ev);
  });

  const podsOf = (node: string) => [...(byNode.get(node)?.values() ?? [])].sort((a, b) => a.ifindex - b.ifindex);

  const locate = (ip: string): Location | undefined => {
    const pod = byIP.get(ip);
    if (pod) return { node: pod.node, pod, bridge: cni === 'flannel' ? 'cni0' : undefined, hostIf: pod.hostIf };
    const n = nodeByIP.get(ip);
    if (n) return { node: n.name };
    for (const nn of nodes.values()) if (inPodCIDR(ip, nn)) return { node: nn.name, bridge: cni === 'flannel' ? 'cni0' : undefined };
    return undefined;
  };

  const leave = (l: Location): Hop[] => {
    if (!l.pod) return [];
    const h: Hop[] = [{ node: l.node, device: `eth0 (netns ${l.pod.netns})`, kind: 'veth', detail: `pod ${l.pod.namespace}/${l.pod.name} sends through its veth pair to ${l.pod.hostIf}` }];
    if (cni === 'flannel') h.push({ node: l.node, device: 'cni0', kind: 'bridge', detail: `${l.pod.hostIf} is a port of the cni0 bridge` });
    return h;
  };
  const arrive = (l: Location): Hop[] => {
    if (!l.pod) return [];
    const h: Hop[] = [];
    if (cni === 'flannel') h.push({ node: l.node, device: 'cni0', kind: 'bridge', detail: `cni0 forwards to port ${l.pod.hostIf}` });
    else h.push({ node: l.node, device: l.pod.hostIf, kind: 'route', detail: `route ${l.pod.ip} dev ${l.pod.hostIf} scope link` });
    h.push({ node: l.node, device: `eth0 (netns ${l.pod.netns})`, kind: 'veth', detail: `${l.pod.hostIf} → eth0 in pod ${l.pod.namespace}/${l.pod.name}` });
    return h;
  };

  const svc: CniService = {
    name: cni,
    enforcesPolicy: cni === 'calico',
    clusterCIDR: CLUSTER_CIDR,
    locate,
    hops(srcIP, dstIP) {
      if (srcIP === dstIP) return { path: 'loopback', hops: [{ device: 'lo', kind: 'lo', detail: 'same network namespace (localhost)' }] };
      const s = locate(srcIP);
      const d = locate(dstIP);
      if (!d) return { path: 'external', hops: [...(s ? leave(s) : []), { node: s?.node, device: 'eth0', kind: 'eth', detail: `default via 172.18.0.1 dev eth0 (SNAT to the node address)` }] };
      if (!s) return { path: 'external', hops: [{ node: d.node, device: 'eth0', kind: 'eth', detail: `arrives on ${d.node} eth0` }, ...arrive(d)] };
      if (s.node === d.node) {
        if (!s.pod || !d.pod) return { path: 'host', hops: [...leave(s), ...arrive(d)] };
        if (cni === 'flannel') {
          return {
            path: 'same-node',
            hops: [leave(s)[0], { node: s.node, device: 'cni0', kind: 'bridge', detail: `cni0 switches the frame from ${s.pod.hostIf} to ${d.pod.hostIf} (same /24, no routing)` }, arrive(d)[1]],
          };
        }
        return { path: 'same-node', hops: [leave(s)[0], ...arrive(d)] };
      }
      const sn = nodes.get(s.node)!;
      const dn = nodes.get(d.node)!;
      if (cni === 'flannel') {
        return {
          path: 'overlay',
          hops: [
            ...leave(s),
            { node: s.node, device: 'flannel.1', kind: 'vxlan', detail: `route ${dn.podCIDR} via ${dn.prefix}.0 dev flannel.1 onlink; VXLAN VNI 1 encapsulation, outer ${sn.ip} → ${dn.ip} udp/8472` },
            { node: s.node, device: 'eth0', kind: 'eth', detail: `${sn.ip} → ${dn.ip} on the node network` },
            { node: d.node, device: 'flannel.1', kind: 'vxlan', detail: `decapsulated on ${d.node}` },
            ...arrive(d),
          ],
        };
      }
      return {
        path: 'routed',
        hops: [
          ...leave(s),
          { node: s.node, device: 'tunl0', kind: 'ipip', detail: `route ${dn.podCIDR} via ${dn.ip} dev tunl0 proto bird onlink (IP-in-IP)` },
          { node: s.node, device: 'eth0', kind: 'eth', detail: `${sn.ip} → ${dn.ip} on the node network` },
          { node: d.node, device: 'tunl0', kind: 'ipip', detail: `decapsulated on ${d.node}` },
          ...arrive(d),
        ],
      };
    },
    ipAddr(node, vips = []) {
      const n = nodes.get(node);
      return n ? ipAddr(cni, n, podsOf(node), vips) : undefined;
    },
    ipRoute(node) {
      const n = nodes.get(node);
      return n ? ipRoute(cni, n, [...nodes.values()], podsOf(node)) : undefined;
    },
    iptables(node): ExtraTables | undefined {
      const n = nodes.get(node);
      if (!n) return undefined;
      if (cni === 'flannel') {
        const c = '-m comment --comment "flanneld masq"';
        return {
          rules: {
            nat: {
              POSTROUTING: [`${c} -j FLANNEL-POSTRTG`],
              'FLANNEL-POSTRTG': [
                `-m mark --mark 0x4000/0x4000 ${c} -j RETURN`,
                `-s ${n.podCIDR} -d ${CLUSTER_CIDR} ${c} -j RETURN`,
                `-s ${CLUSTER_CIDR} -d ${n.podCIDR} ${c} -j RETURN`,
                `! -s ${CLUSTER_CIDR} -d ${n.podCIDR} ${c} -j RETURN`,
                `-s ${CLUSTER_CIDR} ! -d 224.0.0.0/4 ${c} -j MASQUERADE --random-fully`,
                `! -s ${CLUSTER_CIDR} -d ${CLUSTER_CIDR} ${c} -j MASQUERADE --random-fully`,
              ],
            },
            filter: {
              FORWARD: ['-m comment --comment "flanneld forward" -j FLANNEL-FWD'],
              'FLANNEL-FWD': [`-s ${CLUSTER_CIDR} -m comment --comment "flanneld forward" -j ACCEPT`, `-d ${CLUSTER_CIDR} -m comment --comment "flanneld forward" -j ACCEPT`],
            },
          },
        };
      }
      return {
        rules: {
          nat: {
            POSTROUTING: ['-m comment --comment "cali:O3lYWMrLQYEMJtB5" -j cali-POSTROUTING'],
            'cali-POSTROUTING': ['-m comment --comment "cali:Z-c7XtVd2Bq7s_hA" -j cali-nat-outgoing'],
            'cali-nat-outgoing': [`-m comment --comment "cali:flqWnvo8yq4ULQLa" -m set --match-set cali40masq-ipam-pools src -m set ! --match-set cali40all-ipam-pools dst -j MASQUERADE --random-fully`],
          },
          filter: {
            FORWARD: ['-m comment --comment "cali:wUHhoiAYhphO9Mso" -j cali-FORWARD'],
            INPUT: ['-m comment --comment "cali:Cz_u1IQiXIMmKD4c" -j cali-INPUT'],
            'cali-FORWARD': ['-m comment --comment "cali:vjrMJCRpqwy5oRoX" -j MARK --set-xmark 0x0/0xe0000', '-m comment --comment "cali:A_sPAO0mcxbT9mOV" -m mark --mark 0x0/0x10000 -j cali-from-hep-forward', '-i cali+ -m comment --comment "cali:8ZoYfO5HKXWbB3pk" -j cali-from-wl-dispatch', '-o cali+ -m comment --comment "cali:jdEuaPBe14V2hutn" -j cali-to-wl-dispatch'],
            'cali-INPUT': ['-p ipv4 -m comment --comment "cali:PajejrV4aFdkZojI" -m comment --comment "Allow IPIP packets from Calico hosts" -j ACCEPT'],
            'cali-from-hep-forward': [],
            'cali-from-wl-dispatch': podsOf(node).map((p) => `-i ${p.hostIf} -m comment --comment "cali:${p.hostIf.slice(4)}" -g cali-fw-${p.hostIf}`),
            'cali-to-wl-dispatch': podsOf(node).map((p) => `-o ${p.hostIf} -m comment --comment "cali:${p.hostIf.slice(4)}" -g cali-tw-${p.hostIf}`),
          },
        },
      };
    },
    pods: podsOf,
  };
  rt.services.set(CNI_SERVICE, svc);
  return svc;
}
