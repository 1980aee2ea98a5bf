/**
 * What network tools inside a container (wget, curl, nc, ping, nslookup, dig) may ask of the cluster network.
 * The network component implements it (network/traffic); tools format the outcome the way the real tool does.
 */

export type DnsType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'TXT' | 'SOA' | 'NS';

export interface DnsRecord {
  name: string;
  ttl: number;
  type: DnsType;
  data: string;
}

export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  aa: boolean;
  answer: DnsRecord[];
  authority: DnsRecord[];
  extra: DnsRecord[];
}

/** The answer to one question sent to one server; `reply` is undefined when nothing answered in time. */
export interface DnsExchange {
  server: string;
  reply?: DnsReply;
  /** Round-trip time in ms (simulated). */
  ms: number;
}

export type ConnectOutcome =
  | { kind: 'http'; status: number; body: string; ip: string }
  | { kind: 'open'; ip: string; reply?: string }
  | { kind: 'echo'; ip: string; ttl: number }
  | { kind: 'nxdomain'; name: string }
  | { kind: 'dns-timeout'; name: string }
  | { kind: 'refused'; ip: string }
  | { kind: 'reset'; ip: string }
  /** The server closed the connection without a byte of answer (curl: (52) Empty reply from server). */
  | { kind: 'closed'; ip: string }
  /** The TLS handshake failed: the server aborted it, wanted a client certificate, or does not speak TLS. */
  | { kind: 'tls-failed'; ip: string; reason: 'handshake' | 'cert-required' | 'wrong-version' }
  | { kind: 'timeout'; ip: string; afterMs: number }
  | { kind: 'unreachable'; ip: string };

export interface ConnectRequest {
  host: string;
  port: number;
  path?: string;
  /** http: a GET; tcp: open a connection and close it (nc -z); icmp: an echo request (ping). */
  app: 'http' | 'tcp' | 'icmp';
  /** The client's own give-up time (wget -T, curl -m, nc -w); undefined: the kernel's SYN retries (~127 s). */
  timeoutMs?: number;
  /** The program asking (for the trace). */
  tool: string;
  /** tcp: bytes sent once connected (nc's stdin); the outcome's `reply` is what came back. */
  data?: string;
  /** https: the client presents a certificate (curl --cert). */
  clientCert?: boolean;
  /** HTTP request headers, lower-case names (`host` overrides the Host header, which is otherwise the URL's host). */
  headers?: Record<string, string>;
  /** The URL's scheme for http requests (https reaches TLS servers such as the API server's secure port). */
  scheme?: 'http' | 'https';
  /** Connect to this address instead of resolving `host` (curl --resolve); `host` still goes in the Host header. */
  resolveTo?: string;
  /** unix ms (virtual) the request is made at. */
  at: number;
}

export interface ConnectResult {
  outcome: ConnectOutcome;
  /** Time the client spent (ms, simulated). */
  ms: number;
  /** Id of the recorded trace (`lab trace --last` shows it). */
  traceId?: number;
}

export interface ContainerNet {
  /** Send one DNS question to `server` (an IP), as dig/nslookup do. */
  dns(server: string, qname: string, qtype: DnsType): DnsExchange;
  /** Connect to `host:port` the way the pod's processes would (resolv.conf, kube-proxy, CNI, policy). */
  connect(req: ConnectRequest): ConnectResult;
}
