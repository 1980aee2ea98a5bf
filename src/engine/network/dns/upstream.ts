import { emptyAnswer, fqdn, type DnsAnswer, type RRType } from './types.ts';

/**
 * The world outside the cluster, as the nodes' resolver (`forward . /etc/resolv.conf`) sees it. The lab has
 * no Internet: a few well-known names answer with fixed addresses, everything else is NXDOMAIN from the
 * root, as a real recursive resolver reports a name that does not exist.
 */
const KNOWN: Record<string, string[]> = {
  'example.com.': ['93.184.215.14'],
  'www.example.com.': ['93.184.215.14'],
  'example.org.': ['93.184.215.14'],
  'example.net.': ['93.184.215.14'],
  'kubernetes.io.': ['15.197.167.90', '3.33.186.135'],
  'google.com.': ['142.250.74.46'],
  'www.google.com.': ['142.250.74.36'],
  'github.com.': ['140.82.121.4'],
  'registry.k8s.io.': ['34.96.108.209'],
};

const ROOT_SOA = { name: '.', ttl: 86400, type: 'SOA' as const, data: 'a.root-servers.net. nstld.verisign-grs.com. 2025010100 1800 900 604800 86400' };

/** Names the simulated Internet knows (for tests and help texts). */
export function knownExternalNames(): string[] {
  return Object.keys(KNOWN).map((n) => n.slice(0, -1));
}

export function upstreamAnswer(qnameIn: string, qtype: RRType): DnsAnswer {
  const qname = fqdn(qnameIn.toLowerCase());
  const ips = KNOWN[qname];
  if (!ips) return { ...emptyAnswer('NXDOMAIN', false), authority: [ROOT_SOA] };
  if (qtype !== 'A') return { ...emptyAnswer('NOERROR', false), authority: [ROOT_SOA] };
  return { ...emptyAnswer('NOERROR', false), answer: ips.map((ip) => ({ name: qname, ttl: 300, type: 'A' as const, data: ip })) };
}

/** True when `ip` belongs to the simulated Internet (answers HTTP with a fixed page). */
export function isExternalAddress(ip: string): boolean {
  return Object.values(KNOWN).some((l) => l.includes(ip));
}
