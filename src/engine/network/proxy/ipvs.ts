import { categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from './model.ts';
import type { Table } from './tables.ts';

export type Scheduler = 'rr' | 'lc' | 'dh' | 'sh' | 'sed' | 'nq';
export const SCHEDULERS: Scheduler[] = ['rr', 'lc', 'dh', 'sh', 'sed', 'nq'];

export interface RealServer {
  ip: string;
  port: number;
  ep: EndpointInfo;
  active: number;
  inactive: number;
}

export interface VirtualServer {
  proto: string;
  ip: string;
  port: number;
  scheduler: Scheduler;
  persistent?: number;
  service: string;
  kind: 'cluster' | 'nodeport' | 'external' | 'loadbalancer';
  reals: RealServer[];
  /** rr position */
  next: number;
}

export function vsKey(proto: string, ip: string, port: number): string {
  return `${proto.toUpperCase()}/${ip}:${port}`;
}

/**
 * The IPVS virtual servers of one service port on a node (pkg/proxy/ipvs/proxier.go): the ClusterIP, each
 * external IP, each LB ingress IP, and the node port on the node's address, with a real server per usable
 * endpoint (Local policy: local endpoints only for external destinations).
 */
export function virtualServers(s: ServicePortInfo, nodeName: string, nodeIP: string, scheduler: Scheduler): VirtualServer[] {
  const { clusterEndpoints, localEndpoints } = categorizeEndpoints(s, nodeName);
  const internal = s.internalPolicyLocal ? localEndpoints : clusterEndpoints;
  const external = s.externalPolicyLocal ? localEndpoints : clusterEndpoints;
  const persistent = s.sessionAffinityClientIP ? s.stickyMaxAgeSeconds : undefined;
  const mk = (ip: string, port: number, kind: VirtualServer['kind'], eps: EndpointInfo[]): VirtualServer => ({
    proto: s.protocol,
    ip,
    port,
    scheduler,
    persistent,
    service: s.nameString,
    kind,
    reals: eps.map((ep) => ({ ip: ep.ip, port: ep.port, ep, active: 0, inactive: 0 })),
    next: 0,
  });
  const out = [mk(s.clusterIP, s.port, 'cluster', internal)];
  for (const ip of s.externalIPs) out.push(mk(ip, s.port, 'external', external));
  for (const ip of s.loadBalancerVIPs) out.push(mk(ip, s.port, 'loadbalancer', external));
  if (s.nodePort) out.push(mk(nodeIP, s.nodePort, 'nodeport', external));
  return out;
}

function hashIP(ip: string): number {
  let h = 2166136261;
  for (let i = 0; i < ip.length; i++) h = Math.imul(h ^ ip.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The IPVS schedulers (net/netfilter/ipvs/ip_vs_*.c), over the simulated connection counts. */
export function schedule(vs: VirtualServer, srcIP: string): RealServer | undefined {
  const rs = vs.reals;
  if (rs.length === 0) return undefined;
  const overhead = (r: RealServer) => r.active * 256 + r.inactive;
  switch (vs.scheduler) {
    case 'rr': {
      const r = rs[vs.next % rs.length];
      vs.next = (vs.next + 1) % rs.length;
      return r;
    }
    case 'lc':
      return rs.reduce((a, b) => (overhead(b) < overhead(a) ? b : a));
    case 'sed':
      return rs.reduce((a, b) => (b.active + 1 < a.active + 1 ? b : a));
    case 'nq':
      return rs.find((r) => r.active === 0) ?? rs.reduce((a, b) => (b.active + 1 < a.active + 1 ? b : a));
    case 'sh':
      return rs[hashIP(srcIP) % rs.length];
    case 'dh':
      return rs[hashIP(vs.ip) % rs.length];
  }
}

function ipNum(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

export function sortVirtualServers(list: VirtualServer[]): VirtualServer[] {
  return list.sort((a, b) => (a.proto !== b.proto ? (a.proto < b.proto ? -1 : 1) : ipNum(a.ip) - ipNum(b.ip) || a.port - b.port));
}

/** `ipvsadm -Ln`. */
export function ipvsadmText(list: VirtualServer[]): string {
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  for (const vs of list) {
    lines.push(`${vs.proto.padEnd(4)} ${vs.ip}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`);
    for (const r of vs.reals) {
      lines.push(`  -> ${`${r.ip}:${r.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${String(r.active).padEnd(10)} ${String(r.inactive).padEnd(10)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export interface IPSet {
  name: string;
  type: string;
  comment: string;
  members: string[];
}

/** The ipsets the ipvs proxier keeps (pkg/proxy/ipvs/ipset.go), filled from the node's virtual servers. */
export function ipsets(vss: VirtualServer[], nodeName: string): IPSet[] {
  const set = (name: string, type: string, comment: string): IPSet => ({ name, type, comment, members: [] });
  const cluster = set('KUBE-CLUSTER-IP', 'hash:ip,port', 'Kubernetes service cluster ip + port for masquerade purpose');
  const loop = set('KUBE-LOOP-BACK', 'hash:ip,port,ip', 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose');
  const ext = set('KUBE-EXTERNAL-IP', 'hash:ip,port', 'Kubernetes service external ip + port for masquerade and filter purpose');
  const lb = set('KUBE-LOAD-BALANCER', 'hash:ip,port', 'Kubernetes service lb portal');
  const npTCP = set('KUBE-NODE-PORT-TCP', 'bitmap:port', 'Kubernetes nodeport TCP port for masquerade purpose');
  const npUDP = set('KUBE-NODE-PORT-UDP', 'bitmap:port', 'Kubernetes nodeport UDP port for masquerade purpose');
  const hc = set('KUBE-HEALTH-CHECK-NODE-PORT', 'bitmap:port', 'Kubernetes health check node port');
  const ipvsIPs = set('KUBE-IPVS-IPS', 'hash:ip', 'Kubernetes service virtual IP');
  for (const vs of vss) {
    const proto = vs.proto.toLowerCase();
    const entry = `${vs.ip},${proto}:${vs.port}`;
    if (vs.kind === 'cluster') {
      cluster.members.push(entry);
      ipvsIPs.members.push(vs.ip);
    } else if (vs.kind === 'external') ext.members.push(entry);
    else if (vs.kind === 'loadbalancer') lb.members.push(entry);
    else if (vs.kind === 'nodeport') (proto === 'udp' ? npUDP : npTCP).members.push(String(vs.port));
    for (const r of vs.reals) if (r.ep.nodeName === nodeName) loop.members.push(`${r.ip},${proto}:${r.port},${r.ip}`);
  }
  const all = [cluster, ext, hc, ipvsIPs, lb, loop, npTCP, npUDP];
  for (const s of all) s.members = [...new Set(s.members)].sort();
  return all;
}

/** `ipset list [NAME]`. */
export function ipsetText(sets: IPSet[]): string {
  return sets
    .map((s) => {
      const header = s.type.startsWith('bitmap')
        ? 'Header: range 0-65535 comment'
        : `Header: family inet hashsize 1024 maxelem 65536 comment bucketsize 12 initval 0x${(s.name.length * 0x1f3b5a7 >>> 0).toString(16).padStart(8, '0')}`;
      return [`Name: ${s.name}`, `Type: ${s.type}`, 'Revision: ' + (s.type.startsWith('bitmap') ? '3' : '6'), header, `Size in memory: ${200 + s.members.length * 96}`, 'References: ' + (s.members.length ? 2 : 0), `Number of entries: ${s.members.length}`, 'Members:', ...s.members.map((m) => `${m} comment "${s.comment}"`)].join('\n') + '\n';
    })
    .join('\n');
}

/** The iptables rules the ipvs proxier writes besides IPVS itself (nat KUBE-SERVICES with ipset matches). */
export function ipvsModeTables(sets: IPSet[], clusterCIDR: string, randomFully: boolean): Table[] {
  const has = (n: string) => (sets.find((s) => s.name === n)?.members.length ?? 0) > 0;
  const nat = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, chain: string, text: string) => {
    if (!m.has(chain)) m.set(chain, []);
    m.get(chain)!.push(`-A ${chain} ${text}`);
  };
  if (has('KUBE-LOAD-BALANCER')) add(nat, 'KUBE-SERVICES', '-m comment --comment "Kubernetes service lb portal" -m set --match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER');
  add(nat, 'KUBE-SERVICES', `! -s ${clusterCIDR} -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ`);
  if (has('KUBE-EXTERNAL-IP')) add(nat, 'KUBE-SERVICES', '-m comment --comment "Kubernetes service external ip + port for masquerade and filter purpose" -m set --match-set KUBE-EXTERNAL-IP dst,dst -j KUBE-EXTERNAL-SERVICES');
  add(nat, 'KUBE-SERVICES', '-m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
  add(nat, 'KUBE-SERVICES', '-m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT');
  if (has('KUBE-LOAD-BALANCER')) add(nat, 'KUBE-LOAD-BALANCER', '-j KUBE-MARK-MASQ');
  if (has('KUBE-EXTERNAL-IP')) add(nat, 'KUBE-EXTERNAL-SERVICES', '-j KUBE-MARK-MASQ');
  if (has('KUBE-NODE-PORT-TCP')) add(nat, 'KUBE-NODE-PORT', '-p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ');
  if (has('KUBE-NODE-PORT-UDP')) add(nat, 'KUBE-NODE-PORT', '-p udp -m comment --comment "Kubernetes nodeport UDP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-UDP dst -j KUBE-MARK-MASQ');
  add(nat, 'KUBE-MARK-MASQ', '-j MARK --or-mark 0x4000');
  add(nat, 'KUBE-POSTROUTING', '-m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE');
  add(nat, 'KUBE-POSTROUTING', '-m mark ! --mark 0x4000/0x4000 -j RETURN');
  add(nat, 'KUBE-POSTROUTING', '-j MARK --xor-mark 0x4000');
  add(nat, 'KUBE-POSTROUTING', `-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${randomFully ? ' --random-fully' : ''}`);
  const filter = new Map<string, string[]>();
  add(filter, 'KUBE-FORWARD', '-m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP');
  add(filter, 'KUBE-FORWARD', '-m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT');
  add(filter, 'KUBE-FORWARD', '-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  for (const n of ['KUBE-LOAD-BALANCER', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP']) add(filter, 'KUBE-IPVS-FILTER', `-m set --match-set ${n} dst,dst -j RETURN`);
  add(filter, 'KUBE-IPVS-FILTER', '-m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN');
  add(filter, 'KUBE-IPVS-FILTER', '-m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT');
  add(filter, 'KUBE-NODE-PORT', '-m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT');
  const natChains = ['KUBE-SERVICES', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING', 'KUBE-LOAD-BALANCER', 'KUBE-EXTERNAL-SERVICES'].filter((c) => nat.has(c) || c === 'KUBE-NODE-PORT');
  return [
    { name: 'filter', chains: ['KUBE-FORWARD', 'KUBE-IPVS-FILTER', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL'].map((name) => ({ name })), rules: filter },
    { name: 'nat', chains: natChains.map((name) => ({ name })), rules: nat },
  ];
}
