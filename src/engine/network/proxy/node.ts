import type { Rng } from '../../util/rng.ts';
import type { ServiceCache } from './cache.ts';
import type { RenderOptions } from './iptables.ts';
import { ipsets, ipsetText, ipvsadmText, ipvsModeTables, schedule, sortVirtualServers, virtualServers, vsKey, type IPSet, type Scheduler, type VirtualServer } from './ipvs.ts';
import { iptablesListText, iptablesSaveText } from './kernel.ts';
import { inCidr } from './rules.ts';
import { nodeTables, type ExtraTables } from './nodetables.ts';
import { kubeProxyTables, type Table } from './tables.ts';
import { walkChain, type RecentLists, type WalkContext } from './trace.ts';
import type { MatchedRule, Packet, ProxyMode, RouteResult } from './types.ts';
import { proxyPort, userspaceTables } from './userspace.ts';

export interface ConntrackEntry {
  proto: string;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  rsrc: string;
  rdst: string;
  rsport: number;
  rdport: number;
  expires: number;
}

export interface NodeEnv {
  cache: ServiceCache;
  rng: Rng;
  now(): number;
  clusterCIDR: string;
  extraTables(node: string): ExtraTables | undefined;
}

/**
 * kube-proxy on one node: the mode it runs in, the rules it has programmed (rebuilt from the shared caches
 * when something changed since the last look), its client-affinity lists, IPVS connection counts and the
 * node's conntrack table.
 */
export class NodeProxy {
  mode: ProxyMode = 'iptables';
  scheduler: Scheduler = 'rr';
  private tablesGen = -1;
  private tables: Table[] = [];
  private vsGen = -1;
  private vss = new Map<string, VirtualServer>();
  private sets: IPSet[] = [];
  readonly recent: RecentLists = new Map();
  readonly conntrack: ConntrackEntry[] = [];
  private sport = 40000;
  private rrUserspace = new Map<string, number>();
  readonly localIPs: Set<string>;

  constructor(
    readonly name: string,
    readonly ip: string,
    private readonly env: NodeEnv,
  ) {
    this.localIPs = new Set([ip, '127.0.0.1']);
  }

  /** Forget programmed state (after a restart or a mode change). */
  reset(): void {
    this.tablesGen = -1;
    this.vsGen = -1;
    this.recent.clear();
    this.vss.clear();
  }

  renderOptions(): RenderOptions {
    return { nodeName: this.name, nodeIP: this.ip, clusterCIDR: this.env.clusterCIDR, largeClusterMode: false };
  }

  /** kube-proxy's own tables (filter and nat) in the current mode. */
  proxyTables(): Table[] {
    const c = this.env.cache;
    if (this.mode === 'ipvs') {
      this.virtualServers();
      return ipvsModeTables(this.sets, this.env.clusterCIDR, true);
    }
    if (this.mode === 'userspace') return userspaceTables(c.keys().flatMap((k) => c.ports(k)), this.ip);
    const o = this.renderOptions();
    const frags = (function* () {
      for (const k of c.keys()) yield* c.fragments(k, o);
    })();
    return kubeProxyTables(frags, { randomFully: true });
  }

  nodeTables(): Table[] {
    const gen = this.env.cache.generation;
    if (gen !== this.tablesGen) {
      this.tables = nodeTables(this.proxyTables(), this.mode, this.env.extraTables(this.name));
      this.tablesGen = gen;
    }
    return this.tables;
  }

  virtualServers(): VirtualServer[] {
    const c = this.env.cache;
    if (c.generation !== this.vsGen) {
      const next = new Map<string, VirtualServer>();
      for (const k of c.keys()) {
        for (const p of c.ports(k)) {
          for (const vs of virtualServers(p, this.name, this.ip, this.scheduler)) {
            const key = vsKey(vs.proto, vs.ip, vs.port);
            const old = this.vss.get(key);
            if (old) {
              vs.next = old.next;
              for (const r of vs.reals) {
                const o = old.reals.find((x) => x.ip === r.ip && x.port === r.port);
                if (o) {
                  r.active = o.active;
                  r.inactive = o.inactive;
                }
              }
            }
            next.set(key, vs);
          }
        }
      }
      this.vss = next;
      this.sets = ipsets([...next.values()], this.name);
      this.vsGen = c.generation;
    }
    return sortVirtualServers([...this.vss.values()]);
  }

  iptablesSave(stamp: string): string {
    return iptablesSaveText(this.nodeTables(), stamp);
  }

  iptablesList(table: string, chain?: string): { out: string; err?: string } {
    const t = this.nodeTables().find((x) => x.name === table);
    if (!t) return { out: '', err: `iptables v1.8.9 (nf_tables): can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n` };
    return iptablesListText(t, chain);
  }

  ipvsadm(): string {
    return this.mode === 'ipvs' ? ipvsadmText(this.virtualServers()) : ipvsadmText([]);
  }

  ipsetList(name?: string): { out: string; err?: string } {
    if (this.mode !== 'ipvs') return name ? { out: '', err: `ipset v7.17: The set with the given name does not exist\n` } : { out: '' };
    this.virtualServers();
    const sets = name ? this.sets.filter((s) => s.name === name) : this.sets;
    if (name && sets.length === 0) return { out: '', err: `ipset v7.17: The set with the given name does not exist\n` };
    return { out: ipsetText(sets) };
  }

  ipvsAddresses(): string[] {
    if (this.mode !== 'ipvs') return [];
    return [...new Set(this.virtualServers().filter((v) => v.kind === 'cluster').map((v) => v.ip))];
  }

  route(p: Packet): RouteResult {
    const res = this.mode === 'ipvs' ? this.routeIPVS(p) : this.mode === 'userspace' ? this.routeUserspace(p) : this.routeIptables(p);
    if (res.verdict === 'DNAT' && res.endpoint) this.track(p, res);
    return res;
  }

  private track(p: Packet, res: RouteResult): void {
    const sport = (this.sport = this.sport >= 60999 ? 40000 : this.sport + 7);
    const src = res.masquerade ? this.ip : p.srcIP;
    this.conntrack.push({
      proto: (p.protocol ?? 'TCP').toLowerCase(),
      src: p.srcIP,
      dst: p.dstIP,
      sport,
      dport: p.dstPort,
      rsrc: res.endpoint!.ip,
      rdst: src,
      rsport: res.endpoint!.port,
      rdport: sport,
      expires: this.env.now() + 120_000,
    });
    if (this.conntrack.length > 256) this.conntrack.shift();
  }

  private ctx(table: string, tables: Table[]): WalkContext {
    const t = tables.find((x) => x.name === table)!;
    return { table, rules: (c) => t.rules.get(c) ?? [], localIPs: this.localIPs, rng: this.env.rng, recent: this.recent, now: this.env.now() };
  }

  /**
   * The chains a packet to (dstIP, dstPort) can meet: only the candidate services' fragments are consulted
   * (their KUBE-SERVICES rules keep their places), so a route costs the same whatever the cluster size; the
   * rules a real kernel would have compared first are counted in `rulesEvaluated`.
   */
  private routeTables(p: Packet): { tables: Table[]; before: number; keys: string[] } {
    const c = this.env.cache;
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const keys = c.lookup(p.dstIP, p.dstPort, proto, this.localIPs.has(p.dstIP));
    const o = this.renderOptions();
    const first = keys.length ? [...keys].sort()[0] : undefined;
    let before = 0;
    if (first) {
      for (const k of c.keys()) {
        if (k === first) break;
        for (const f of c.fragments(k, o)) before += f.services.length;
      }
    } else {
      for (const k of c.keys()) for (const f of c.fragments(k, o)) before += f.services.length;
    }
    const frags = keys.sort().flatMap((k) => c.fragments(k, o));
    return { tables: kubeProxyTables(frags, { randomFully: true }), before, keys };
  }

  private routeIptables(p: Packet): RouteResult {
    const { tables, before, keys } = this.routeTables(p);
    const nat = walkChain('KUBE-SERVICES', p, this.ctx('nat', tables));
    nat.evaluated += before;
    const kind = 'iptables' as const;
    const service = this.serviceOf(p);
    if (nat.target === 'DNAT' && nat.dnat) {
      const [ip, port] = nat.dnat.split(':');
      const ep = keys.flatMap((k) => this.env.cache.ports(k)).flatMap((s) => s.endpoints).find((e) => e.ip === ip && e.port === Number(port));
      return {
        kind,
        matched: nat.matched,
        endpoint: { ip, port: Number(port), podName: ep?.podName, podNamespace: ep?.podNamespace, probability: nat.chance },
        masquerade: nat.masquerade,
        verdict: 'DNAT',
        service,
        rulesEvaluated: nat.evaluated,
      };
    }
    const filterCtx = this.ctx('filter', tables);
    let evaluated = nat.evaluated;
    for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-PROXY-FIREWALL']) {
      const f = walkChain(chain, p, filterCtx);
      evaluated += f.evaluated;
      if (f.target === 'REJECT' || f.target === 'DROP') {
        return { kind, matched: [...nat.matched, ...f.matched], masquerade: nat.masquerade, verdict: f.target, service, rulesEvaluated: evaluated };
      }
    }
    return { kind, matched: nat.matched, masquerade: nat.masquerade, verdict: nat.target === 'DROP' ? 'DROP' : 'NO_MATCH', service, rulesEvaluated: evaluated };
  }

  private routeIPVS(p: Packet): RouteResult {
    const list = this.virtualServers();
    const proto = (p.protocol ?? 'TCP').toUpperCase();
    const vs = this.vss.get(vsKey(proto, p.dstIP, p.dstPort));
    const matched: MatchedRule[] = [];
    const clusterSet = this.sets.find((s) => s.name === 'KUBE-CLUSTER-IP');
    const inClusterSet = clusterSet?.members.includes(`${p.dstIP},${proto.toLowerCase()}:${p.dstPort}`) ?? false;
    let masquerade = false;
    if (inClusterSet && !inCidr(p.srcIP, this.env.clusterCIDR)) {
      masquerade = true;
      matched.push({ table: 'nat', chain: 'KUBE-SERVICES', rule: `-A KUBE-SERVICES ! -s ${this.env.clusterCIDR} -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ` });
    }
    if (vs?.kind === 'nodeport' || vs?.kind === 'external' || vs?.kind === 'loadbalancer') masquerade = masquerade || !(vs.reals.length && this.isLocalPolicy(vs));
    // A hash lookup, whatever the number of services.
    const rulesEvaluated = 1;
    if (!vs) return { kind: 'ipvs', matched, masquerade, verdict: 'NO_MATCH', rulesEvaluated };
    const header = `${vs.proto.padEnd(4)} ${vs.ip}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`;
    let rs = vs.persistent ? this.persistentReal(vs, p.srcIP) : undefined;
    rs ??= schedule(vs, p.srcIP);
    if (!rs) {
      matched.push({ table: 'ipvs', chain: header, rule: '(no real servers)' });
      return { kind: 'ipvs', matched, masquerade, verdict: 'REJECT', service: vs.service, rulesEvaluated };
    }
    rs.active++;
    if (vs.persistent) this.recent.set(`ipvs:${vsKey(vs.proto, vs.ip, vs.port)}:${p.srcIP}`, new Map([[`${rs.ip}:${rs.port}`, this.env.now()]]));
    matched.push({ table: 'ipvs', chain: header, rule: `-> ${rs.ip}:${rs.port} Masq 1` });
    void list;
    return {
      kind: 'ipvs',
      matched,
      endpoint: { ip: rs.ip, port: rs.port, podName: rs.ep.podName, podNamespace: rs.ep.podNamespace, probability: 1 / vs.reals.length },
      masquerade,
      verdict: 'DNAT',
      service: vs.service,
      rulesEvaluated,
    };
  }

  private isLocalPolicy(vs: VirtualServer): boolean {
    return vs.reals.every((r) => r.ep.nodeName === this.name);
  }

  private persistentReal(vs: VirtualServer, src: string) {
    const m = this.recent.get(`ipvs:${vsKey(vs.proto, vs.ip, vs.port)}:${src}`);
    if (!m) return undefined;
    const [[ipPort, at]] = [...m.entries()];
    if (this.env.now() - at > (vs.persistent ?? 0) * 1000) return undefined;
    return vs.reals.find((r) => `${r.ip}:${r.port}` === ipPort);
  }

  private routeUserspace(p: Packet): RouteResult {
    const c = this.env.cache;
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const tables = this.proxyTables();
    const nat = tables.find((t) => t.name === 'nat')!;
    const local = this.localIPs.has(p.dstIP);
    for (const key of c.lookup(p.dstIP, p.dstPort, proto, local)) {
      for (const s of c.ports(key)) {
        if (s.proto !== proto) continue;
        const isNodePort = local && s.nodePort === p.dstPort;
        if (!isNodePort && s.port !== p.dstPort) continue;
        const chain = isNodePort ? 'KUBE-NODEPORT-CONTAINER' : 'KUBE-PORTALS-CONTAINER';
        const pp = proxyPort(s);
        const rule = (nat.rules.get(chain) ?? []).find((r) => r.includes(`--to-ports ${pp}`) && (isNodePort || r.includes(`-d ${p.dstIP} `)));
        const matched: MatchedRule[] = rule ? [{ table: 'nat', chain, rule }] : [];
        const eps = s.endpoints.filter((e) => e.ready);
        if (eps.length === 0) return { kind: 'userspace', matched, masquerade: true, verdict: 'REJECT', service: s.nameString, rulesEvaluated: matched.length };
        const n = this.rrUserspace.get(s.nameString) ?? 0;
        this.rrUserspace.set(s.nameString, n + 1);
        const ep = eps[n % eps.length];
        return { kind: 'userspace', matched, endpoint: { ip: ep.ip, port: ep.port, podName: ep.podName, podNamespace: ep.podNamespace, probability: 1 / eps.length }, masquerade: true, verdict: 'DNAT', service: s.nameString, rulesEvaluated: matched.length };
      }
    }
    return { kind: 'userspace', matched: [], masquerade: false, verdict: 'NO_MATCH', rulesEvaluated: 0 };
  }

  private serviceOf(p: Packet): string | undefined {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    for (const key of this.env.cache.lookup(p.dstIP, p.dstPort, proto, this.localIPs.has(p.dstIP))) {
      const s = this.env.cache.ports(key).find((x) => x.proto === proto && (x.port === p.dstPort || x.nodePort === p.dstPort));
      if (s) return s.nameString;
    }
    return undefined;
  }
}
