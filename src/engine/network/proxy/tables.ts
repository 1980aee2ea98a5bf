import { KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_FIREWALL, KUBE_SERVICES, type Fragment, type Rule } from './iptables.ts';

/** A table as iptables-restore input: chain declarations, then rules grouped by chain. */
export interface Table {
  name: string;
  /** Chains in output order, built-in ones with their policy. */
  chains: Array<{ name: string; policy?: string }>;
  /** Rules per chain, in order. */
  rules: Map<string, string[]>;
}

export interface TableOptions {
  localhostNodePorts?: boolean;
  /** The kernel's MASQUERADE supports --random-fully (true on real nodes; upstream's fake iptables lacks it). */
  randomFully?: boolean;
}

function push(m: Map<string, string[]>, r: Rule): void {
  let list = m.get(r.chain);
  if (!list) m.set(r.chain, (list = []));
  list.push(r.text);
}

/** The serviceName-sorted order of upstream's sortIPTablesRules: KUBE-NODEPORTS, KUBE-SERVICES, the rest alphabetically. */
function orderChains(names: Iterable<string>): string[] {
  const rest = [...names].filter((n) => n !== KUBE_NODEPORTS && n !== KUBE_SERVICES).sort();
  return [KUBE_NODEPORTS, KUBE_SERVICES, ...rest];
}

/**
 * The *filter and *nat tables kube-proxy restores (syncProxyRules' iptablesData), from the fragments of every
 * service port in service-name order. Chains and rules come out in the order upstream's proxier tests compare
 * them (sortIPTablesRules), which is also what iptables-save prints for these chains.
 */
export function kubeProxyTables(fragments: Iterable<Fragment>, o: TableOptions = {}): Table[] {
  const filterRules = new Map<string, string[]>();
  const natRules = new Map<string, string[]>();
  const natChains = new Set<string>([KUBE_MARK_MASQ, KUBE_POSTROUTING]);
  natRules.set(KUBE_NODEPORTS, []);
  natRules.set(KUBE_SERVICES, []);
  for (const f of fragments) {
    for (const r of f.filter) push(filterRules, r);
    for (const c of f.natChains) natChains.add(c);
    for (const r of f.nat) push(natRules, r);
  }
  // Fixed filter rules.
  const filterChainNames = [KUBE_NODEPORTS, KUBE_SERVICES, KUBE_EXTERNAL_SERVICES];
  if (o.localhostNodePorts !== false) {
    filterChainNames.push(KUBE_FIREWALL);
    push(filterRules, {
      chain: KUBE_FIREWALL,
      text: `-A ${KUBE_FIREWALL} -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    });
  }
  filterChainNames.push(KUBE_FORWARD, KUBE_PROXY_FIREWALL);
  push(filterRules, { chain: KUBE_FORWARD, text: `-A ${KUBE_FORWARD} -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP` });
  push(filterRules, { chain: KUBE_FORWARD, text: `-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT` });
  push(filterRules, { chain: KUBE_FORWARD, text: `-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT` });
  // Fixed nat rules.
  push(natRules, { chain: KUBE_MARK_MASQ, text: `-A ${KUBE_MARK_MASQ} -j MARK --or-mark 0x4000` });
  push(natRules, { chain: KUBE_POSTROUTING, text: `-A ${KUBE_POSTROUTING} -m mark ! --mark 0x4000/0x4000 -j RETURN` });
  push(natRules, { chain: KUBE_POSTROUTING, text: `-A ${KUBE_POSTROUTING} -j MARK --xor-mark 0x4000` });
  push(natRules, {
    chain: KUBE_POSTROUTING,
    text: `-A ${KUBE_POSTROUTING} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${o.randomFully ? ' --random-fully' : ''}`,
  });
  push(natRules, {
    chain: KUBE_SERVICES,
    text: `-A ${KUBE_SERVICES} -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j ${KUBE_NODEPORTS}`,
  });
  return [
    { name: 'filter', chains: filterChainNames.map((name) => ({ name })), rules: filterRules },
    { name: 'nat', chains: orderChains(natChains).map((name) => ({ name })), rules: natRules },
  ];
}

/** iptables-restore text for tables (what upstream's tests compare). */
export function restoreText(tables: Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c.name} ${c.policy ?? '-'} [0:0]`);
    for (const c of t.chains) for (const r of t.rules.get(c.name) ?? []) out.push(r);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}

export function ruleCount(tables: Table[]): number {
  let n = 0;
  for (const t of tables) for (const list of t.rules.values()) n += list.length;
  return n;
}
