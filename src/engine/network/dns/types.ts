/** DNS messages as the lab's resolvers and tools see them (a structured stand-in for the wire format). */

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'TXT' | 'SOA' | 'NS';
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

/** One resource record. `data` is the RDATA as dig prints it (`10.96.0.1`, `0 100 80 web.default.svc.cluster.local.`). */
export interface RR {
  /** Owner name, fully qualified with the trailing dot. */
  name: string;
  ttl: number;
  type: RRType;
  data: string;
}

export interface DnsAnswer {
  rcode: Rcode;
  /** Authoritative answer (the kubernetes plugin's zones), false for forwarded answers. */
  aa: boolean;
  answer: RR[];
  authority: RR[];
  extra: RR[];
}

/** One query a stub resolver sent while expanding a name through the search list. */
export interface DnsTry {
  name: string;
  type: RRType;
  rcode: Rcode;
  answers: number;
}

/** Result of resolving a host name from a pod: the names tried and, when one worked, its addresses. */
export interface HostLookup {
  /** The name as asked. */
  query: string;
  /** The DNS server asked (the first nameserver of resolv.conf). */
  server: string;
  tried: DnsTry[];
  /** The fully qualified name that answered (without the trailing dot). */
  name?: string;
  /** CNAME chain followed, if any (targets without the trailing dot). */
  cnames: string[];
  addresses: string[];
  /** Set when no server answered at all (no ready CoreDNS endpoint, or the query was dropped). */
  timeout?: { reason: string };
}

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
  /** Options as written (`ndots:5`, `edns0`). */
  options: string[];
}

export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

export function emptyAnswer(rcode: Rcode, aa: boolean): DnsAnswer {
  return { rcode, aa, answer: [], authority: [], extra: [] };
}
