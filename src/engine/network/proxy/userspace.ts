import { servicePortChainNameBase } from './names.ts';
import type { ServicePortInfo } from './model.ts';
import type { Table } from './tables.ts';

/** The local port the userspace proxier listens on for a service port (random upstream; hashed here). */
export function proxyPort(s: ServicePortInfo): number {
  const b = servicePortChainNameBase(s.nameString, 'userspace');
  let h = 0;
  for (const c of b) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28232);
}

/**
 * The historic userspace proxier (removed upstream in 1.26): iptables only redirects service traffic to a
 * port kube-proxy itself listens on (KUBE-PORTALS-CONTAINER/HOST, KUBE-NODEPORT-CONTAINER/HOST), and
 * kube-proxy copies bytes to an endpoint it picks round-robin.
 */
export function userspaceTables(ports: ServicePortInfo[], nodeIP: string): Table[] {
  const nat = new Map<string, string[]>();
  const add = (chain: string, text: string) => {
    if (!nat.has(chain)) nat.set(chain, []);
    nat.get(chain)!.push(`-A ${chain} ${text}`);
  };
  for (const s of ports) {
    const pp = proxyPort(s);
    const c = `-m comment --comment "${s.nameString}"`;
    for (const ip of [s.clusterIP, ...s.externalIPs, ...s.loadBalancerVIPs]) {
      add('KUBE-PORTALS-CONTAINER', `${c} -m ${s.proto} -p ${s.proto} -d ${ip} --dport ${s.port} -j REDIRECT --to-ports ${pp}`);
      add('KUBE-PORTALS-HOST', `${c} -m ${s.proto} -p ${s.proto} -d ${ip} --dport ${s.port} -j DNAT --to-destination ${nodeIP}:${pp}`);
    }
    if (s.nodePort) {
      add('KUBE-NODEPORT-CONTAINER', `${c} -m ${s.proto} -p ${s.proto} --dport ${s.nodePort} -j REDIRECT --to-ports ${pp}`);
      add('KUBE-NODEPORT-HOST', `${c} -m ${s.proto} -p ${s.proto} --dport ${s.nodePort} -j DNAT --to-destination ${nodeIP}:${pp}`);
    }
  }
  const chains = ['KUBE-NODEPORT-CONTAINER', 'KUBE-NODEPORT-HOST', 'KUBE-PORTALS-CONTAINER', 'KUBE-PORTALS-HOST'];
  return [
    { name: 'filter', chains: [], rules: new Map() },
    { name: 'nat', chains: chains.map((name) => ({ name })), rules: nat },
  ];
}
