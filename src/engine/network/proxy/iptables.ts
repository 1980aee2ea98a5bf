import { categorizeEndpoints, extChain, externallyAccessible, fwChain, svcChain, svlChain, type EndpointInfo, type ServicePortInfo } from './model.ts';
import { probability } from './names.ts';

/** One rule line as kube-proxy writes it to iptables-restore ("-A CHAIN args..."). */
export interface Rule {
  chain: string;
  text: string;
}

/** The rules one service port contributes to a node's tables (what syncProxyRules writes for it). */
export interface Fragment {
  filter: Rule[];
  natChains: string[];
  nat: Rule[];
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

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

function q(s: string): string {
  return `"${s}"`;
}

function rule(chain: string, ...args: string[]): Rule {
  return { chain, text: `-A ${chain} ${args.join(' ')}` };
}

/**
 * The rules for one service port on one node, following syncProxyRules (pkg/proxy/iptables/proxier.go,
 * Kubernetes 1.32) step by step: ClusterIP capture (or the filter REJECT/DROP when there are no usable
 * endpoints), external IPs, load-balancer IPs, node ports, health-check node ports, the internal masquerade
 * rule, the EXT chain, the FW chain, the SVC/SVL chains and the per-endpoint SEP chains.
 */
export function renderServicePort(s: ServicePortInfo, o: RenderOptions): Fragment {
  const f: Fragment = { filter: [], natChains: [], nat: [] };
  const name = s.nameString;
  const proto = s.proto;
  const port = String(s.port);
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
  const pm = ['-m', proto, '-p', proto];

  if (hasInternal) {
    f.nat.push(rule('KUBE-SERVICES', '-m comment --comment', q(`${name} cluster IP`), ...pm, '-d', s.clusterIP, '--dport', port, '-j', internalChain));
  } else {
    f.filter.push(rule('KUBE-SERVICES', '-m comment --comment', internalFilterComment, ...pm, '-d', s.clusterIP, '--dport', port, '-j', internalFilterTarget));
  }
  for (const ip of s.externalIPs) {
    if (hasEndpoints) f.nat.push(rule('KUBE-SERVICES', '-m comment --comment', q(`${name} external IP`), ...pm, '-d', ip, '--dport', port, '-j', externalChain));
    if (!hasExternal) f.filter.push(rule(KUBE_EXTERNAL_SERVICES, '-m comment --comment', externalFilterComment, ...pm, '-d', ip, '--dport', port, '-j', externalFilterTarget));
  }
  for (const ip of s.loadBalancerVIPs) {
    if (hasEndpoints) f.nat.push(rule('KUBE-SERVICES', '-m comment --comment', q(`${name} loadbalancer IP`), ...pm, '-d', ip, '--dport', port, '-j', lbChain));
    if (usesFW) f.filter.push(rule(KUBE_PROXY_FIREWALL, '-m comment --comment', q(`${name} traffic not accepted by ${fw}`), ...pm, '-d', ip, '--dport', port, '-j', 'DROP'));
  }
  if (!hasExternal) {
    for (const ip of s.loadBalancerVIPs) f.filter.push(rule(KUBE_EXTERNAL_SERVICES, '-m comment --comment', externalFilterComment, ...pm, '-d', ip, '--dport', port, '-j', externalFilterTarget));
  }
  if (s.nodePort) {
    const np = String(s.nodePort);
    if (hasEndpoints) {
      if (o.localhostNodePorts !== false) {
        f.nat.push(rule(KUBE_NODEPORTS, '-m comment --comment', name, ...pm, '-d', '127.0.0.0/8', '--dport', np, '-m nfacct --nfacct-name localhost_nps_accepted_pkts', '-j', externalChain));
      }
      f.nat.push(rule(KUBE_NODEPORTS, '-m comment --comment', name, ...pm, '--dport', np, '-j', externalChain));
    }
    if (!hasExternal) {
      f.filter.push(rule(KUBE_EXTERNAL_SERVICES, '-m comment --comment', externalFilterComment, '-m addrtype --dst-type LOCAL', ...pm, '--dport', np, '-j', externalFilterTarget));
    }
  }
  if (s.healthCheckNodePort) {
    f.filter.push(rule(KUBE_NODEPORTS, '-m comment --comment', q(`${name} health check node port`), '-m tcp -p tcp', '--dport', String(s.healthCheckNodePort), '-j', 'ACCEPT'));
  }

  if (hasInternal) {
    const args = ['-m comment --comment', q(`${name} cluster IP`), ...pm, '-d', s.clusterIP, '--dport', port];
    if (o.masqueradeAll) f.nat.push(rule(internalChain, ...args, '-j', KUBE_MARK_MASQ));
    else f.nat.push(rule(internalChain, ...args, '!', '-s', o.clusterCIDR, '-j', KUBE_MARK_MASQ));
  }
  if (usesExternalChain) {
    f.natChains.push(externalChain);
    if (!s.externalPolicyLocal) {
      f.nat.push(rule(externalChain, '-m comment --comment', q(`masquerade traffic for ${name} external destinations`), '-j', KUBE_MARK_MASQ));
    } else {
      f.nat.push(rule(externalChain, '-m comment --comment', q(`pod traffic for ${name} external destinations`), '-s', o.clusterCIDR, '-j', clusterPolicyChain));
      f.nat.push(rule(externalChain, '-m comment --comment', q(`masquerade LOCAL traffic for ${name} external destinations`), '-m addrtype --src-type LOCAL', '-j', KUBE_MARK_MASQ));
      f.nat.push(rule(externalChain, '-m comment --comment', q(`route LOCAL traffic for ${name} external destinations`), '-m addrtype --src-type LOCAL', '-j', clusterPolicyChain));
    }
    if (hasExternal) f.nat.push({ chain: externalChain, text: `-A ${externalChain} -j ${externalPolicyChain}` });
  }
  if (usesFW) {
    f.natChains.push(fw);
    for (const cidr of s.loadBalancerSourceRanges) {
      f.nat.push(rule(fw, '-m comment --comment', q(`${name} loadbalancer IP`), '-s', cidr, '-j', externalChain));
    }
    f.nat.push(rule(fw, '-m comment --comment', q(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)));
  }
  if (usesClusterPolicyChain) {
    f.natChains.push(clusterPolicyChain);
    writeServiceToEndpointRules(f, s, clusterPolicyChain, clusterEndpoints, o);
  }
  if (usesLocalPolicyChain) {
    f.natChains.push(localPolicyChain);
    writeServiceToEndpointRules(f, s, localPolicyChain, localEndpoints, o);
  }
  for (const ep of allReachable) {
    f.natChains.push(ep.chainName);
    const c = o.largeClusterMode ? [] : ['-m comment --comment', name];
    f.nat.push(rule(ep.chainName, ...c, '-s', ep.ip, '-j', KUBE_MARK_MASQ));
    const aff = s.sessionAffinityClientIP ? ['-m recent --name', ep.chainName, '--set'] : [];
    f.nat.push(rule(ep.chainName, ...c, ...aff, ...pm, '-j DNAT --to-destination', ep.str));
  }
  return f;
}

function writeServiceToEndpointRules(f: Fragment, s: ServicePortInfo, chain: string, eps: EndpointInfo[], o: RenderOptions): void {
  const comment = (ep: EndpointInfo) => (o.largeClusterMode ? [] : ['-m comment --comment', q(`${s.nameString} -> ${ep.str}`)]);
  if (s.sessionAffinityClientIP) {
    for (const ep of eps) {
      f.nat.push(rule(chain, ...comment(ep), '-m recent --name', ep.chainName, '--rcheck --seconds', String(s.stickyMaxAgeSeconds), '--reap', '-j', ep.chainName));
    }
  }
  const n = eps.length;
  eps.forEach((ep, i) => {
    const stat = i < n - 1 ? ['-m statistic --mode random --probability', probability(n - i)] : [];
    f.nat.push(rule(chain, ...comment(ep), ...stat, '-j', ep.chainName));
  });
}

/** The rule and chain counts of one fragment (for metrics and the bench). */
export function fragmentSize(f: Fragment): { rules: number; chains: number } {
  return { rules: f.filter.length + f.nat.length, chains: f.natChains.length };
}
