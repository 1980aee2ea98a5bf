import type { Pod } from 'kubernetes-types/core/v1';
import { KUBE_DNS_IP } from '../index.ts';
import { CLUSTER_DOMAIN } from './kubernetes.ts';
import type { ResolvConf } from './types.ts';

/** The nodes' own /etc/resolv.conf (the container runtime network's gateway resolves for them). */
export const NODE_RESOLV_CONF: ResolvConf = { nameservers: ['172.18.0.1'], search: [], ndots: 1, options: [] };

function uniq(list: string[]): string[] {
  return [...new Set(list.filter((s) => s !== ''))];
}

/**
 * The DNS configuration the kubelet gives a pod (pkg/kubelet/network/dns GetPodDNS): ClusterFirst pods
 * (not on the host network) get the cluster DNS Service, the `<ns>.svc.<domain> svc.<domain> <domain>`
 * search list and `ndots:5`; Default and host-network ClusterFirst pods get the node's file; None starts
 * empty; `dnsConfig` is appended (nameservers and searches without duplicates, options merged by name).
 */
export function podDNSConfig(pod: Pod, clusterDNS = KUBE_DNS_IP, domain = CLUSTER_DOMAIN, host: ResolvConf = NODE_RESOLV_CONF): ResolvConf {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const ns = pod.metadata?.namespace ?? 'default';
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  if (policy === 'None') {
    // Everything comes from dnsConfig.
  } else if (cluster) {
    servers = [clusterDNS];
    searches = [`${ns}.svc.${domain}`, `svc.${domain}`, domain, ...host.search];
    options = ['ndots:5'];
  } else {
    servers = [...host.nameservers];
    searches = [...host.search];
    options = [...host.options];
  }
  const dc = pod.spec?.dnsConfig;
  if (dc) {
    servers = uniq([...servers, ...(dc.nameservers ?? [])]);
    searches = uniq([...searches, ...(dc.searches ?? [])]);
    const merged = new Map<string, string>();
    for (const o of options) {
      const i = o.indexOf(':');
      merged.set(i < 0 ? o : o.slice(0, i), i < 0 ? '' : o.slice(i + 1));
    }
    for (const o of dc.options ?? []) merged.set(o.name ?? '', o.value ?? '');
    options = [...merged].filter(([k]) => k !== '').map(([k, v]) => (v ? `${k}:${v}` : k)).sort();
  }
  return { nameservers: servers, search: searches, ndots: ndotsOf(options), options };
}

function ndotsOf(options: string[]): number {
  const o = options.find((x) => x.startsWith('ndots:'));
  const n = o ? parseInt(o.slice(6), 10) : 1;
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 15) : 1;
}

/** The file text, in the order the container runtime writes it (search, nameserver lines, options). */
export function formatResolvConf(c: ResolvConf): string {
  let out = '';
  if (c.search.length) out += `search ${c.search.join(' ')}\n`;
  for (const s of c.nameservers) out += `nameserver ${s}\n`;
  if (c.options.length) out += `options ${c.options.join(' ')}\n`;
  return out;
}

/** /etc/resolv.conf for a pod's containers. */
export function podResolvConf(pod: Pod): string {
  return formatResolvConf(podDNSConfig(pod));
}

/** Read a resolv.conf the way libc does: nameserver lines, the last search/domain line, options. */
export function parseResolvConf(text: string): ResolvConf {
  const c: ResolvConf = { nameservers: [], search: [], ndots: 1, options: [] };
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'nameserver' && f[1]) c.nameservers.push(f[1]);
    else if (f[0] === 'search') c.search = f.slice(1);
    else if (f[0] === 'domain' && f[1]) c.search = [f[1]];
    else if (f[0] === 'options') c.options.push(...f.slice(1));
  }
  c.ndots = ndotsOf(c.options);
  return c;
}
