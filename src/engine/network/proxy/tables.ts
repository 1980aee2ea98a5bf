import { sortedOrder } from './chainorder.ts';
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

/**
 * A nat table as kube-proxy renders it: chain names in output order, each with its rules pre-joined into one
 * block of restore text, so the restore text is one join of shared blocks. The per-chain view (`chains`,
 * `rules`) other consumers walk is built on first use.
 */
export class RenderedTable implements Table {
  private chainList?: Array<{ name: string }>;
  private ruleMap?: Map<string, string[]>;

  constructor(
    readonly name: string,
    private readonly names: string[],
    private readonly blocks: string[],
    readonly size: number,
  ) {}

  get chains(): Array<{ name: string }> {
    return (this.chainList ??= this.names.map((name) => ({ name })));
  }

  get rules(): Map<string, string[]> {
    if (!this.ruleMap) {
      const m = new Map<string, string[]>();
      this.names.forEach((n, i) => m.set(n, this.blocks[i] ? this.blocks[i].split('\n') : []));
      this.ruleMap = m;
    }
    return this.ruleMap;
  }

  /** Appends the table's restore lines (as few big pieces) to `out`. */
  writeRestore(out: string[]): void {
    out.push(`*${this.name}`);
    if (this.names.length) out.push(`:${this.names.join(' - [0:0]\n:')} - [0:0]`);
    for (const b of this.blocks) if (b) out.push(b);
    out.push('COMMIT');
  }
}

/**
 * The *filter and *nat tables kube-proxy restores (syncProxyRules' iptablesData), from the fragments of every
 * service port in service-name order. Chains and rules come out in the order upstream's proxier tests compare
 * them (sortIPTablesRules: KUBE-NODEPORTS, KUBE-SERVICES, then the rest alphabetically), which is also what
 * iptables-save prints for these chains. The fragments' rule blocks are shared, not copied.
 */
export function kubeProxyTables(fragments: Iterable<Fragment>, o: TableOptions = {}): Table[] {
  const filterRules = new Map<string, string[]>();
  const nodePorts: string[] = [];
  const services: string[] = [];
  const names: string[] = [];
  const blocks: string[] = [];
  let size = 0;
  for (const f of fragments) {
    for (const r of f.filter) push(filterRules, r);
    for (const r of f.services) services.push(r);
    for (const r of f.nodePorts) nodePorts.push(r);
    size += f.natCount;
    const chains = f.natChains;
    for (let i = 0; i < chains.length; i++) {
      const c = chains[i];
      if (c === KUBE_SERVICES || c === KUBE_NODEPORTS) {
        // Counted below with the chain's other rules.
        const lines = f.natBlocks[i] ? f.natBlocks[i].split('\n') : [];
        size -= lines.length;
        for (const r of lines) (c === KUBE_SERVICES ? services : nodePorts).push(r);
        continue;
      }
      names.push(c);
      blocks.push(f.natBlocks[i]);
    }
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
  // Fixed nat rules (after any a fragment wrote to the same chain).
  names.push(KUBE_MARK_MASQ, KUBE_POSTROUTING);
  blocks.push(
    `-A ${KUBE_MARK_MASQ} -j MARK --or-mark 0x4000`,
    [
      `-A ${KUBE_POSTROUTING} -m mark ! --mark 0x4000/0x4000 -j RETURN`,
      `-A ${KUBE_POSTROUTING} -j MARK --xor-mark 0x4000`,
      `-A ${KUBE_POSTROUTING} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${o.randomFully ? ' --random-fully' : ''}`,
    ].join('\n'),
  );
  services.push(`-A ${KUBE_SERVICES} -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j ${KUBE_NODEPORTS}`);
  size += 4 + services.length + nodePorts.length;
  // Chains in name order; a chain declared twice is written once, with its rules in fragment order.
  const outNames = [KUBE_NODEPORTS, KUBE_SERVICES];
  const outBlocks = [nodePorts.join('\n'), services.join('\n')];
  const { order, duplicates } = sortedOrder(names);
  for (const i of order) {
    const last = outNames.length - 1;
    if (duplicates && last > 1 && names[i] === outNames[last]) {
      if (blocks[i]) outBlocks[last] = outBlocks[last] ? `${outBlocks[last]}\n${blocks[i]}` : blocks[i];
      continue;
    }
    outNames.push(names[i]);
    outBlocks.push(blocks[i]);
  }
  return [
    { name: 'filter', chains: filterChainNames.map((name) => ({ name })), rules: filterRules },
    new RenderedTable('nat', outNames, outBlocks, size),
  ];
}

/** iptables-restore text for tables (what upstream's tests compare). */
export function restoreText(tables: Table[]): string {
  const out: string[] = [];
  for (const t of tables) {
    if (t instanceof RenderedTable) {
      t.writeRestore(out);
      continue;
    }
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c.name} ${c.policy ?? '-'} [0:0]`);
    for (const c of t.chains) for (const r of t.rules.get(c.name) ?? []) out.push(r);
    out.push('COMMIT');
  }
  out.push('');
  return out.join('\n');
}

export function ruleCount(tables: Table[]): number {
  let n = 0;
  for (const t of tables) {
    if (t instanceof RenderedTable) n += t.size;
    else for (const list of t.rules.values()) n += list.length;
  }
  return n;
}
