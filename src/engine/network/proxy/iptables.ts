import { categorizeEndpoints, extChain, externallyAccessible, fwChain, svcChain, svlChain, type EndpointInfo, type ServicePortInfo } from './model.ts';
import { probability } from './names.ts';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

/** One rule line as kube-proxy writes it to iptables-restore ("-A CHAIN args..."). */
export interface Rule {
  chain: string;
  text: string;
}

/**
 * The rules one service port contributes to a node's tables (what syncProxyRules writes for it), already
 * grouped the way the tables are assembled: its rules in the shared KUBE-SERVICES and KUBE-NODEPORTS nat
 * chains, and its own nat chains, each with its rules as one pre-joined block of restore text. Rendered once
 * per change of the Service or its EndpointSlices and shared by every table build after it.
 */
export class Fragment {
  filter: Rule[] = [];
  /** The nat chains this port declares, in syncProxyRules' order (EXT, FW, SVC, SVL, SEPs). */
  natChains: string[] = [];
  /** Each declared chain's rules joined with "\n" ('' for none), parallel to natChains. */
  natBlocks: string[] = [];
  /** The number of rules in natBlocks. */
  natCount = 0;
  /** Its nat KUBE-SERVICES rules. */
  services: string[] = [];
  /** Its nat KUBE-NODEPORTS rules. */
  nodePorts: string[] = [];

  /** Every nat rule with its chain (KUBE-SERVICES, KUBE-NODEPORTS, then each declared chain's). */
  get nat(): Rule[] {
    const out: Rule[] = [];
    for (const text of this.services) out.push({ chain: KUBE_SERVICES, text });
    for (const text of this.nodePorts) out.push({ chain: KUBE_NODEPORTS, text });
    this.natChains.forEach((chain, i) => {
      if (this.natBlocks[i]) for (const text of this.natBlocks[i].split('\n')) out.push({ chain, text });
    });
    return out;
  }

  private declareBlock(chain: string, block: string, rules: number): void {
    this.natChains.push(chain);
    this.natBlocks.push(block);
    this.natCount += rules;
  }

  /** Declares a nat chain with its rules. */
  declare(chain: string, rules: string[]): void {
    this.declareBlock(chain, rules.join('\n'), rules.length);
  }

  /** Declares an endpoint's KUBE-SEP chain: its two rules, built as one flat block. */
  declareSep(chain: string, comment: string, ip: string, affinity: string, pm: string, dest: string): void {
    this.declareBlock(chain, ['-A ', chain, ' ', comment, '-s ', ip, ' -j KUBE-MARK-MASQ\n-A ', chain, ' ', comment, affinity, pm, ' -j DNAT --to-destination ', dest].join(''), 2);
  }
}

export interface RenderOptions {
  nodeName: string;
  nodeIP: string;
  /** The local-traffic detector's cluster CIDR (`! -s CIDR` marks off-cluster traffic for masquerade). */
  clusterCIDR: string;
  /** More than 1000 endpoints in total: kube-proxy drops the per-endpoint comments (largeClusterMode). */
  largeClusterMode: boolean;
  masqueradeAll?: boolean;
  /** --iptables-localhost-nodeports (default true) with the nfacct counter available. */
  localhostNodePorts?: boolean;
}

function q(s: string): string {
  return `"${s}"`;
}

/**
 * The rules for one service port on one node, following syncProxyRules (pkg/proxy/iptables/proxier.go,
 * Kubernetes 1.32) step by step: ClusterIP capture (or the filter REJECT/DROP when there are no usable
 * endpoints), external IPs, load-balancer IPs, node ports, health-check node ports, the internal masquerade
 * rule, the EXT chain, the FW chain, the SVC/SVL chains and the per-endpoint SEP chains.
 */
export function renderServicePort(s: ServicePortInfo, o: RenderOptions): Fragment {
  const f = new Fragment();
  const name = s.nameString;
  const proto = s.proto;
  const port = s.port;
  const { clusterEndpoints, localEndpoints, allReachable, hasEndpoints } = categorizeEndpoints(s, o.nodeName);
  const clusterPolicyChain = svcChain(s);
  const localPolicyChain = svlChain(s);
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && (!s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal));
  const usesLocalPolicyChain = localEndpoints.length > 0 && (s.internalPolicyLocal || (s.externalPolicyLocal && externallyAccessible(s)));
  let internalChain = clusterPolicyChain;
  let hasInternal = hasEndpoints;
  if (s.internalPolicyLocal) {
    internalChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternal = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternal = hasEndpoints;
  if (s.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternal = false;
  }
  const externalChain = extChain(s);
  const usesExternalChain = hasEndpoints && externallyAccessible(s);
  const fw = fwChain(s);
  const usesFW = hasEndpoints && s.loadBalancerVIPs.length > 0 && s.loadBalancerSourceRanges.length > 0;
  const lbChain = usesFW ? fw : externalChain;

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = q(`${name} has no endpoints`);
  } else {
    if (!hasInternal) {
      internalFilterTarget = 'DROP';
      internalFilterComment = q(`${name} has no local endpoints`);
    }
    if (!hasExternal) {
      externalFilterTarget = 'DROP';
      externalFilterComment = q(`${name} has no local endpoints`);
    }
  }
  const pm = `-m ${proto} -p ${proto}`;
  const filter = (chain: string, text: string) => f.filter.push({ chain, text: `-A ${chain} ${text}` });

  if (hasInternal) {
    f.services.push(`-A KUBE-SERVICES -m comment --comment "${name} cluster IP" ${pm} -d ${s.clusterIP} --dport ${port} -j ${internalChain}`);
  } else {
    filter(KUBE_SERVICES, `-m comment --comment ${internalFilterComment} ${pm} -d ${s.clusterIP} --dport ${port} -j ${internalFilterTarget}`);
  }
  for (const ip of s.externalIPs) {
    if (hasEndpoints) f.services.push(`-A KUBE-SERVICES -m comment --comment "${name} external IP" ${pm} -d ${ip} --dport ${port} -j ${externalChain}`);
    if (!hasExternal) filter(KUBE_EXTERNAL_SERVICES, `-m comment --comment ${externalFilterComment} ${pm} -d ${ip} --dport ${port} -j ${externalFilterTarget}`);
  }
  for (const ip of s.loadBalancerVIPs) {
    if (hasEndpoints) f.services.push(`-A KUBE-SERVICES -m comment --comment "${name} loadbalancer IP" ${pm} -d ${ip} --dport ${port} -j ${lbChain}`);
    if (usesFW) filter(KUBE_PROXY_FIREWALL, `-m comment --comment "${name} traffic not accepted by ${fw}" ${pm} -d ${ip} --dport ${port} -j DROP`);
  }
  if (!hasExternal) {
    for (const ip of s.loadBalancerVIPs) filter(KUBE_EXTERNAL_SERVICES, `-m comment --comment ${externalFilterComment} ${pm} -d ${ip} --dport ${port} -j ${externalFilterTarget}`);
  }
  if (s.nodePort) {
    const np = s.nodePort;
    if (hasEndpoints) {
      if (o.localhostNodePorts !== false) {
        f.nodePorts.push(`-A KUBE-NODEPORTS -m comment --comment ${name} ${pm} -d 127.0.0.0/8 --dport ${np} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${externalChain}`);
      }
      f.nodePorts.push(`-A KUBE-NODEPORTS -m comment --comment ${name} ${pm} --dport ${np} -j ${externalChain}`);
    }
    if (!hasExternal) {
      filter(KUBE_EXTERNAL_SERVICES, `-m comment --comment ${externalFilterComment} -m addrtype --dst-type LOCAL ${pm} --dport ${np} -j ${externalFilterTarget}`);
    }
  }
  if (s.healthCheckNodePort) {
    filter(KUBE_NODEPORTS, `-m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${s.healthCheckNodePort} -j ACCEPT`);
  }

  // The internal chain's masquerade rule comes first in it; the chain itself is declared further down
  // (a port with internal endpoints always uses its internal chain).
  let internalRules: string[] | undefined;
  if (hasInternal) {
    const masq = o.masqueradeAll ? '' : ` ! -s ${o.clusterCIDR}`;
    internalRules = [`-A ${internalChain} -m comment --comment "${name} cluster IP" ${pm} -d ${s.clusterIP} --dport ${port}${masq} -j ${KUBE_MARK_MASQ}`];
  }
  const chainRules = (chain: string): string[] => {
    const rules = internalRules && chain === internalChain ? internalRules : [];
    if (rules === internalRules) internalRules = undefined;
    return rules;
  };
  if (usesExternalChain) {
    const ext = chainRules(externalChain);
    if (!s.externalPolicyLocal) {
      ext.push(`-A ${externalChain} -m comment --comment "masquerade traffic for ${name} external destinations" -j ${KUBE_MARK_MASQ}`);
    } else {
      ext.push(`-A ${externalChain} -m comment --comment "pod traffic for ${name} external destinations" -s ${o.clusterCIDR} -j ${clusterPolicyChain}`);
      ext.push(`-A ${externalChain} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`);
      ext.push(`-A ${externalChain} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`);
    }
    if (hasExternal) ext.push(`-A ${externalChain} -j ${externalPolicyChain}`);
    f.declare(externalChain, ext);
  }
  if (usesFW) {
    const rules = chainRules(fw);
    for (const cidr of s.loadBalancerSourceRanges) {
      rules.push(`-A ${fw} -m comment --comment "${name} loadbalancer IP" -s ${cidr} -j ${externalChain}`);
    }
    rules.push(`-A ${fw} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`);
    f.declare(fw, rules);
  }
  if (usesClusterPolicyChain) f.declare(clusterPolicyChain, writeServiceToEndpointRules(chainRules(clusterPolicyChain), s, clusterPolicyChain, clusterEndpoints, o));
  if (usesLocalPolicyChain) f.declare(localPolicyChain, writeServiceToEndpointRules(chainRules(localPolicyChain), s, localPolicyChain, localEndpoints, o));
  // Not reached (a port with internal endpoints always uses its internal chain); kept so no rule is lost.
  if (internalRules) f.declare(internalChain, internalRules);
  const c = o.largeClusterMode ? '' : `-m comment --comment ${name} `;
  const aff = s.sessionAffinityClientIP;
  for (const ep of allReachable) {
    f.declareSep(ep.chainName, c, ep.ip, aff ? `-m recent --name ${ep.chainName} --set ` : '', pm, ep.str);
  }
  return f;
}

function writeServiceToEndpointRules(rules: string[], s: ServicePortInfo, chain: string, eps: EndpointInfo[], o: RenderOptions): string[] {
  const large = o.largeClusterMode;
  const name = s.nameString;
  if (s.sessionAffinityClientIP) {
    const seconds = s.stickyMaxAgeSeconds;
    for (const ep of eps) {
      const c = large ? '' : `-m comment --comment "${name} -> ${ep.str}" `;
      rules.push(`-A ${chain} ${c}-m recent --name ${ep.chainName} --rcheck --seconds ${seconds} --reap -j ${ep.chainName}`);
    }
  }
  const n = eps.length;
  for (let i = 0; i < n; i++) {
    const ep = eps[i];
    const c = large ? '' : `-m comment --comment "${name} -> ${ep.str}" `;
    const stat = i < n - 1 ? `-m statistic --mode random --probability ${probability(n - i)} ` : '';
    rules.push(`-A ${chain} ${c}${stat}-j ${ep.chainName}`);
  }
  return rules;
}

/** The rule and chain counts of one fragment (for metrics and the bench). */
export function fragmentSize(f: Fragment): { rules: number; chains: number } {
  return { rules: f.filter.length + f.services.length + f.nodePorts.length + f.natCount, chains: f.natChains.length };
}
