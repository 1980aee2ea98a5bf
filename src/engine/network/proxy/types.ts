/** The 'kube-proxy' service seam: what a packet meets on a node, and the node's rule texts. */
export type ProxyMode = 'iptables' | 'ipvs' | 'userspace';

export interface Packet {
  srcIP: string;
  dstIP: string;
  dstPort: number;
  protocol?: string;
}

export interface MatchedRule {
  table: string;
  chain: string;
  rule: string;
}

export interface RouteResult {
  kind: ProxyMode;
  matched: MatchedRule[];
  endpoint?: { ip: string; port: number; podName?: string; podNamespace?: string; probability?: number };
  masquerade: boolean;
  /** DROP: externalTrafficPolicy/internalTrafficPolicy Local without local endpoints, or a source range firewall. */
  verdict: 'DNAT' | 'REJECT' | 'DROP' | 'NO_MATCH';
  /** The service port that matched, "ns/name:port". */
  service?: string;
  /** Rules the packet was compared against before the verdict (the modelled first-packet cost). */
  rulesEvaluated: number;
}

export interface KubeProxyService {
  /** The proxy mode running on a node (undefined for an unknown node). */
  mode(nodeName: string): ProxyMode | undefined;
  route(nodeName: string, packet: Packet): RouteResult;
  iptablesSave(nodeName: string): string;
  iptablesList(nodeName: string, table: string, chain?: string): { out: string; err?: string };
  ipvsadmList(nodeName: string): string;
  ipsetList(nodeName: string, name?: string): { out: string; err?: string };
  conntrack(nodeName: string): { out: string; count: number };
  journal(nodeName: string): string[];
  /** ClusterIPs bound to kube-ipvs0 on the node in ipvs mode (empty otherwise). */
  ipvsAddresses(nodeName: string): string[];
}

export const KUBE_PROXY_SERVICE = 'kube-proxy';
