/**
 * The Istio API (networking.istio.io/v1, security.istio.io/v1) as TypeScript, in the JSON form kubectl
 * writes: only the fields Kubelab reads. Field names follow istio/api's protos (camelCase JSON names).
 */

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface PortSelector {
  number?: number;
}

export interface Destination {
  host?: string;
  subset?: string;
  port?: PortSelector;
}

export interface Percent {
  value?: number;
}

export interface HTTPMatchRequest {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
  ignoreUriCase?: boolean;
}

export interface HTTPRouteDestination {
  destination?: Destination;
  weight?: number;
  headers?: Headers;
}

export interface Headers {
  request?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
  response?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
}

export interface HTTPRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
}

export interface HTTPFaultInjection {
  delay?: { percentage?: Percent; fixedDelay?: string; exponentialDelay?: string; percent?: number };
  abort?: { percentage?: Percent; httpStatus?: number; grpcStatus?: string };
}

export interface HTTPRedirect {
  uri?: string;
  authority?: string;
  port?: number;
  derivePort?: string;
  scheme?: string;
  redirectCode?: number;
}

export interface HTTPRewrite {
  uri?: string;
  authority?: string;
  uriRegexRewrite?: { match?: string; rewrite?: string };
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  redirect?: HTTPRedirect;
  directResponse?: { status?: number; body?: { string?: string } };
  delegate?: { name?: string; namespace?: string };
  rewrite?: HTTPRewrite;
  timeout?: string;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrorPercentage?: Percent;
  headers?: Headers;
}

export interface RouteDestination {
  destination?: Destination;
  weight?: number;
}

export interface TCPRoute {
  match?: { destinationSubnets?: string[]; port?: number; sourceLabels?: Record<string, string>; gateways?: string[] }[];
  route?: RouteDestination[];
}

/** TLSMatchAttributes: SNI hosts (required) plus the L4 attributes of a TCP match. */
export interface TLSMatchAttributes {
  sniHosts?: string[];
  destinationSubnets?: string[];
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
}

/** TLSRoute: unterminated TLS (passthrough) routed by SNI. */
export interface TLSRoute {
  match?: (TLSMatchAttributes | null)[];
  route?: RouteDestination[];
}

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tcp?: TCPRoute[];
  tls?: (TLSRoute | null)[];
  exportTo?: string[];
}

export interface LoadBalancerSettings {
  simple?: 'UNSPECIFIED' | 'RANDOM' | 'PASSTHROUGH' | 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'LEAST_CONN';
  consistentHash?: {
    httpHeaderName?: string;
    httpCookie?: { name?: string; path?: string; ttl?: string };
    useSourceIp?: boolean;
    httpQueryParameterName?: string;
    minimumRingSize?: number;
    ringHash?: { minimumRingSize?: number };
    maglev?: { tableSize?: number };
  };
}

export interface ConnectionPoolSettings {
  tcp?: { maxConnections?: number; connectTimeout?: string };
  http?: { http1MaxPendingRequests?: number; http2MaxRequests?: number; maxRequestsPerConnection?: number; maxRetries?: number };
}

export interface OutlierDetection {
  consecutiveErrors?: number;
  consecutive5xxErrors?: number;
  consecutiveGatewayErrors?: number;
  interval?: string;
  baseEjectionTime?: string;
  maxEjectionPercent?: number;
  minHealthPercent?: number;
}

export interface ClientTLSSettings {
  mode?: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';
  sni?: string;
}

export interface TrafficPolicy {
  loadBalancer?: LoadBalancerSettings;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTLSSettings;
  portLevelSettings?: (Omit<TrafficPolicy, 'portLevelSettings'> & { port?: PortSelector })[];
}

export interface Subset {
  name?: string;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleSpec {
  host?: string;
  trafficPolicy?: TrafficPolicy;
  subsets?: Subset[];
  exportTo?: string[];
  workloadSelector?: { matchLabels?: Record<string, string> };
}

export interface ServerPort {
  number?: number;
  protocol?: string;
  name?: string;
  targetPort?: number;
}

export interface GatewaySpec {
  servers?: { port?: ServerPort; hosts?: string[]; tls?: { mode?: string; httpsRedirect?: boolean; credentialName?: string }; name?: string; bind?: string }[];
  selector?: Record<string, string>;
}

export interface ServiceEntrySpec {
  hosts?: string[];
  addresses?: string[];
  ports?: ServerPort[];
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
  endpoints?: { address?: string; ports?: Record<string, number>; labels?: Record<string, string> }[];
  exportTo?: string[];
  workloadSelector?: { labels?: Record<string, string> };
}

export interface SidecarSpec {
  workloadSelector?: { labels?: Record<string, string> };
  ingress?: { port?: ServerPort; bind?: string; defaultEndpoint?: string }[];
  egress?: { port?: ServerPort; bind?: string; hosts?: string[] }[];
  outboundTrafficPolicy?: { mode?: 'ALLOW_ANY' | 'REGISTRY_ONLY' };
}

export interface PeerAuthenticationSpec {
  selector?: { matchLabels?: Record<string, string> };
  mtls?: { mode?: 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT' };
  portLevelMtls?: Record<string, { mode?: 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT' }>;
}

export interface AuthorizationRule {
  from?: { source?: Record<string, string[] | undefined> }[];
  to?: { operation?: Record<string, string[] | undefined> }[];
  when?: { key?: string; values?: string[]; notValues?: string[] }[];
}

export interface AuthorizationPolicySpec {
  selector?: { matchLabels?: Record<string, string> };
  action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  provider?: { name?: string };
  rules?: AuthorizationRule[];
}
