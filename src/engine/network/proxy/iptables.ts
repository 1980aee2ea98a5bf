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

  /** Declares a nat chain with its `rules` rules as one "\n"-joined block. */
  declareBlock(chain: string, block: string, rules: number): void {
    this.natChains.push(chain);
    this.natBlocks.push(block);
    this.natCount += rules;
  }

  /** Declares a nat chain with its rules. */
  declare(chain: string, rules: string[]): void {
    this.declareBlock(chain, rules.join('\n'), rules.length);
  }

  /**
   * Declares an endpoint's KUBE-SEP chain: its two rules, built as one flat block from the port's pieces
   * (see sepPieces).
   */
  declareSep(chain: string, ip: string, dest: string, p: SepPieces): void {
    const block = p.affinity
      ? ['-A ', chain, p.src, ip, MASQ_THEN_APPEND, chain, p.dnat, '-m recent --name ', chain, ' --set ', p.target, dest].join('')
      : ['-A ', chain, p.src, ip, MASQ_THEN_APPEND, chain, p.dnat, p.target, dest].join('');
    this.declareBlock(chain, block, 2);
  }
}

const MASQ_THEN_APPEND = ' -j KUBE-MARK-MASQ\n-A ';

/** The per-port parts of its SEP chains' rules. */
interface SepPieces {
  /** " [-m comment --comment NAME ]-s " */
  src: string;
  /** " [-m comment --comment NAME ]" */
  dnat: string;
  /** "-m PROTO -p PROTO -j DNAT --to-destination " */
  target: string;
  affinity: boolean;
}

function sepPieces(name: string, pm: string, o: RenderOptions, affinity: boolean): SepPieces {
  const c = o.largeClusterMode ? '' : `-m comment --comment ${name} `;
  return { src: ` ${c}-s `, dnat: ` ${c}`, target: `${pm} -j DNAT --to-destination `, affinity };
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
  const filter = f.filter;

  if (hasInternal) {
    f.services.push(['-A KUBE-SERVICES -m comment --comment "', name, ' cluster IP" ', pm, ' -d ', s.clusterIP, ' --dport ', String(port), ' -j ', internalChain].join(''));
  } else {
    addFilter(filter, KUBE_SERVICES, `-m comment --comment ${internalFilterComment} ${pm} -d ${s.clusterIP} --dport ${port} -j ${internalFilterTarget}`);
  }
  for (const ip of s.externalIPs) {
    if (hasEndpoints) f.services.push(`-A KUBE-SERVICES -m comment --comment "${name} external IP" ${pm} -d ${ip} --dport ${port} -j ${externalChain}`);
    if (!hasExternal) addFilter(filter, KUBE_EXTERNAL_SERVICES, `-m comment --comment ${externalFilterComment} ${pm} -d ${ip} --dport ${port} -j ${externalFilterTarget}`);
  }
  for (const ip of s.loadBalancerVIPs) {
    if (hasEndpoints) f.services.push(`-A KUBE-SERVICES -m comment --comment "${name} loadbalancer IP" ${pm} -d ${ip} --dport ${port} -j ${lbChain}`);
    if (usesFW) addFilter(filter, KUBE_PROXY_FIREWALL, `-m comment --comment "${name} traffic not accepted by ${fw}" ${pm} -d ${ip} --dport ${port} -j DROP`);
  }
  if (!hasExternal) {
    for (const ip of s.loadBalancerVIPs) addFilter(filter, KUBE_EXTERNAL_SERVICES, `-m comment --comment ${externalFilterComment} ${pm} -d ${ip} --dport ${port} -j ${externalFilterTarget}`);
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
      addFilter(filter, KUBE_EXTERNAL_SERVICES, `-m comment --comment ${externalFilterComment} -m addrtype --dst-type LOCAL ${pm} --dport ${np} -j ${externalFilterTarget}`);
    }
  }
  if (s.healthCheckNodePort) {
    addFilter(filter, KUBE_NODEPORTS, `-m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${s.healthCheckNodePort} -j ACCEPT`);
  }

  // The internal chain's masquerade rule comes first in it; the chain itself is declared further down
  // (a port with internal endpoints always uses its internal chain, SVC or SVL).
  let internalFirst: string | undefined;
  if (hasInternal) {
    const masq = o.masqueradeAll ? '' : ` ! -s ${o.clusterCIDR}`;
    internalFirst = `-A ${internalChain} -m comment --comment "${name} cluster IP" ${pm} -d ${s.clusterIP} --dport ${port}${masq} -j ${KUBE_MARK_MASQ}`;
  }
  if (usesExternalChain) {
    const ext: string[] = [];
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
    const rules: string[] = [];
    for (const cidr of s.loadBalancerSourceRanges) {
      rules.push(`-A ${fw} -m comment --comment "${name} loadbalancer IP" -s ${cidr} -j ${externalChain}`);
    }
    rules.push(`-A ${fw} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`);
    f.declare(fw, rules);
  }
  const perEndpoint = s.sessionAffinityClientIP ? 2 : 1;
  if (usesClusterPolicyChain) {
    const first = internalChain === clusterPolicyChain ? internalFirst : undefined;
    if (first !== undefined) internalFirst = undefined;
    f.declareBlock(clusterPolicyChain, policyBlock(first, s, clusterPolicyChain, clusterEndpoints, o), (first === undefined ? 0 : 1) + clusterEndpoints.length * perEndpoint);
  }
  if (usesLocalPolicyChain) {
    const first = internalChain === localPolicyChain ? internalFirst : undefined;
    if (first !== undefined) internalFirst = undefined;
    f.declareBlock(localPolicyChain, policyBlock(first, s, localPolicyChain, localEndpoints, o), (first === undefined ? 0 : 1) + localEndpoints.length * perEndpoint);
  }
  // Not reached (a port with internal endpoints always uses its internal chain); kept so no rule is lost.
  if (internalFirst !== undefined) f.declare(internalChain, [internalFirst]);
  if (allReachable.length) {
    const sp = sepPieces(name, pm, o, s.sessionAffinityClientIP);
    for (const ep of allReachable) f.declareSep(ep.chainName, ep.ip, ep.str, sp);
  }
  return f;
}

function addFilter(filter: Rule[], chain: string, text: string): void {
  filter.push({ chain, text: `-A ${chain} ${text}` });
}

/**
 * writeServiceToEndpointRules (proxier.go): a policy chain's rules (after `first`, the internal masquerade
 * rule when the chain is the internal one) as one block.
 */
function policyBlock(first: string | undefined, s: ServicePortInfo, chain: string, eps: EndpointInfo[], o: RenderOptions): string {
  const comments = !o.largeClusterMode;
  const name = s.nameString;
  const out: string[] = [];
  let nl = false;
  if (first !== undefined) {
    out.push(first);
    nl = true;
  }
  if (s.sessionAffinityClientIP) {
    const seconds = String(s.stickyMaxAgeSeconds);
    for (const ep of eps) {
      out.push(nl ? '\n-A ' : '-A ', chain, ' ');
      nl = true;
      if (comments) out.push('-m comment --comment "', name, ' -> ', ep.str, '" ');
      out.push('-m recent --name ', ep.chainName, ' --rcheck --seconds ', seconds, ' --reap -j ', ep.chainName);
    }
  }
  const n = eps.length;
  for (let i = 0; i < n; i++) {
    const ep = eps[i];
    out.push(nl ? '\n-A ' : '-A ', chain, ' ');
    nl = true;
    if (comments) out.push('-m comment --comment "', name, ' -> ', ep.str, '" ');
    if (i < n - 1) out.push('-m statistic --mode random --probability ', probability(n - i), ' ');
    out.push('-j ', ep.chainName);
  }
  return out.join('');
}

/** The rule and chain counts of one fragment (for metrics and the bench). */
export function fragmentSize(f: Fragment): { rules: number; chains: number } {
  return { rules: f.filter.length + f.services.length + f.nodePorts.length + f.natCount, chains: f.natChains.length };
}
