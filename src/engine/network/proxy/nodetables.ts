import type { Table } from './tables.ts';

/** Chains and rules a CNI plugin adds to a node (flannel's FLANNEL-POSTRTG/FLANNEL-FWD, Calico's cali-*). */
export interface ExtraTables {
  /** table → chain → rules (restore form); built-in chains get the rules appended after kube-proxy's jumps. */
  rules: Record<string, Record<string, string[]>>;
}

const BUILTIN: Record<string, string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** The jumps kube-proxy and the kubelet keep in the built-in chains (iptablesJumpChains, kubelet's KUBE-FIREWALL). */
function jumps(mode: string): Record<string, Record<string, string[]>> {
  if (mode === 'userspace') {
    return {
      filter: {},
      nat: {
        PREROUTING: ['-m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-CONTAINER', '-m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-CONTAINER'],
        OUTPUT: ['-m comment --comment "handle ClusterIPs; NOTE: this must be before the NodePort rules" -j KUBE-PORTALS-HOST', '-m addrtype --dst-type LOCAL -m comment --comment "handle service NodePorts; NOTE: this must be the last rule in the chain" -j KUBE-NODEPORT-HOST'],
        POSTROUTING: [],
      },
    };
  }
  const filter =
    mode === 'ipvs'
      ? {
          INPUT: ['-m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER', '-m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL', '-m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT', '-j KUBE-FIREWALL'],
          FORWARD: ['-m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL', '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD'],
          OUTPUT: ['-m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL', '-j KUBE-FIREWALL'],
        }
      : {
          INPUT: [
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
            '-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
            '-j KUBE-FIREWALL',
          ],
          FORWARD: [
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
            '-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
          ],
          OUTPUT: [
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
            '-m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
            '-j KUBE-FIREWALL',
          ],
        };
  return {
    filter,
    nat: {
      PREROUTING: ['-m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
      OUTPUT: ['-m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
      POSTROUTING: ['-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING'],
    },
  };
}

const KUBELET_FIREWALL = '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP';

/**
 * A node's whole netfilter state as iptables-save shows it: mangle, filter and nat with their built-in
 * chains, the kubelet's and kube-proxy's canary chains, kube-proxy's jumps and chains, and the CNI's.
 */
export function nodeTables(proxy: Table[], mode: string, extra?: ExtraTables): Table[] {
  const j = jumps(mode);
  const out: Table[] = [];
  for (const name of ['mangle', 'filter', 'nat']) {
    const kp = proxy.find((t) => t.name === name);
    const rules = new Map<string, string[]>();
    const user = new Set<string>(['KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY']);
    if (name === 'mangle') user.add('KUBE-IPTABLES-HINT');
    for (const b of BUILTIN[name]) {
      const list = (j[name]?.[b] ?? []).map((r) => `-A ${b} ${r}`);
      for (const r of extra?.rules[name]?.[b] ?? []) list.push(`-A ${b} ${r}`);
      rules.set(b, list);
    }
    if (kp) {
      for (const c of kp.chains) user.add(c.name);
      for (const [c, list] of kp.rules) rules.set(c, [...(rules.get(c) ?? []), ...list]);
    }
    if (name === 'filter' && !user.has('KUBE-FIREWALL')) {
      user.add('KUBE-FIREWALL');
      rules.set('KUBE-FIREWALL', [KUBELET_FIREWALL]);
    }
    for (const [c, list] of Object.entries(extra?.rules[name] ?? {})) {
      if (BUILTIN[name].includes(c)) continue;
      user.add(c);
      rules.set(c, list.map((r) => `-A ${c} ${r}`));
    }
    out.push({ name, chains: [...BUILTIN[name].map((n) => ({ name: n, policy: 'ACCEPT' })), ...[...user].sort().map((n) => ({ name: n }))], rules });
  }
  return out;
}
