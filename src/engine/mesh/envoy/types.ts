/**
 * Envoy v3 xDS resources as istiod pushes them to a sidecar, in the JSON shape `istioctl proxy-config ... -o json`
 * prints (proto3 JSON: camelCase fields, durations as strings like "10s", enums as names, `@type` on Any).
 *
 * Only the fields Istio sets and Kubelab uses are typed; names and nesting are Envoy's own, so a dump of these
 * objects reads like a real config dump. The data plane routes requests by walking exactly these shapes:
 * listener (by destination ip:port) → filter chain (by transport protocol / destination port) → HTTP connection
 * manager (RDS route name) → route configuration → virtual host (by :authority) → route (first match wins) →
 * cluster (weighted) → endpoints (ClusterLoadAssignment).
 */

// ---------------------------------------------------------------------------------------------- common

/** A proto3 Duration in JSON form: "10s", "0.500s", "0s". */
export type Duration = string;

export interface SocketAddress {
  address: string;
  portValue: number;
  protocol?: 'TCP' | 'UDP';
}

export interface Address {
  socketAddress: SocketAddress;
}

export interface CidrRange {
  addressPrefix: string;
  prefixLen: number;
}

/** envoy.type.v3.FractionalPercent. */
export interface FractionalPercent {
  numerator: number;
  denominator?: 'HUNDRED' | 'TEN_THOUSAND' | 'MILLION';
}

/** envoy.type.matcher.v3.RegexMatcher (Istio uses Google RE2). */
export interface RegexMatcher {
  regex: string;
}

/** envoy.type.matcher.v3.StringMatcher: exactly one of exact/prefix/suffix/safeRegex/contains. */
export interface StringMatcher {
  exact?: string;
  prefix?: string;
  suffix?: string;
  contains?: string;
  safeRegex?: RegexMatcher;
  ignoreCase?: boolean;
}

/** Per-filter metadata; Istio writes `filterMetadata.istio` on clusters, routes and endpoints. */
export interface Metadata {
  filterMetadata: Record<string, Record<string, unknown>>;
}

export interface ConfigSource {
  ads: Record<string, never>;
  initialFetchTimeout?: Duration;
  resourceApiVersion: 'V3';
}

/** A transport socket: TLS (istio mTLS) or raw_buffer. */
export interface TransportSocket {
  name: 'envoy.transport_sockets.tls' | 'envoy.transport_sockets.raw_buffer' | string;
  typedConfig: UpstreamTlsContext | DownstreamTlsContext | { '@type': string };
}

export interface CommonTlsContext {
  /** SDS secret names: "default" (workload cert) and "ROOTCA" (validation). */
  tlsCertificateSdsSecretConfigs: { name: string; sdsConfig?: unknown }[];
  combinedValidationContext?: {
    defaultValidationContext: { matchSubjectAltNames?: StringMatcher[] };
    validationContextSdsSecretConfig: { name: string };
  };
  alpnProtocols?: string[];
}

export interface UpstreamTlsContext {
  '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';
  commonTlsContext: CommonTlsContext;
  sni: string;
}

export interface DownstreamTlsContext {
  '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';
  commonTlsContext: CommonTlsContext;
  requireClientCertificate: boolean;
}

// ---------------------------------------------------------------------------------------------- listeners

export interface FilterChainMatch {
  destinationPort?: number;
  prefixRanges?: CidrRange[];
  /** "tls" | "raw_buffer" (from the tls_inspector listener filter). */
  transportProtocol?: string;
  /** e.g. ["istio-peer-exchange", "istio"] for mesh mTLS, ["http/1.1", "h2c"] for plaintext HTTP. */
  applicationProtocols?: string[];
  serverNames?: string[];
}

export const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
export const TCP_PROXY_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy';
export const RBAC_HTTP_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC';
export const RBAC_NETWORK_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC';
export const FAULT_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault';
export const ROUTER_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
export const UPSTREAM_TLS_TYPE = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';
export const DOWNSTREAM_TLS_TYPE = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';

export interface HttpFilter {
  name: string;
  typedConfig?: { '@type': string; [k: string]: unknown };
}

export interface HttpConnectionManager {
  '@type': typeof HCM_TYPE;
  statPrefix: string;
  /** Outbound listeners fetch routes by name over RDS ("9080", "reviews.default.svc.cluster.local:9080"). */
  rds?: { configSource: ConfigSource; routeConfigName: string };
  /** Inbound filter chains carry their route configuration inline. */
  routeConfig?: RouteConfiguration;
  /** In order; `envoy.filters.http.rbac` entries carry AuthorizationPolicy, `envoy.filters.http.router` is last. */
  httpFilters: HttpFilter[];
  useRemoteAddress?: boolean;
  forwardClientCertDetails?: string;
  normalizePath?: boolean;
}

export interface TcpProxy {
  '@type': typeof TCP_PROXY_TYPE;
  statPrefix: string;
  cluster?: string;
  weightedClusters?: { clusters: { name: string; weight: number }[] };
}

export interface NetworkFilter {
  name: 'envoy.filters.network.http_connection_manager' | 'envoy.filters.network.tcp_proxy' | 'envoy.filters.network.rbac' | string;
  typedConfig: HttpConnectionManager | TcpProxy | RbacFilterConfig | { '@type': string; [k: string]: unknown };
}

export interface FilterChain {
  name?: string;
  filterChainMatch?: FilterChainMatch;
  /** Istio names the VirtualService a sidecar's TLS/TCP route chain came from (filterMetadata.istio.config). */
  metadata?: Metadata;
  filters: NetworkFilter[];
  transportSocket?: TransportSocket;
}

export interface ListenerFilter {
  name: 'envoy.filters.listener.original_dst' | 'envoy.filters.listener.tls_inspector' | 'envoy.filters.listener.http_inspector' | string;
  typedConfig?: { '@type': string };
}

export interface Listener {
  name: string;
  address: Address;
  filterChains: FilterChain[];
  defaultFilterChain?: FilterChain;
  listenerFilters?: ListenerFilter[];
  /** Only the virtual listeners (15001/15006) use the original destination. */
  useOriginalDst?: boolean;
  /** Per-port outbound listeners are not bound: 15001 hands connections to them. */
  bindToPort?: boolean;
  trafficDirection: 'OUTBOUND' | 'INBOUND';
  continueOnListenerFiltersTimeout?: boolean;
}

// ---------------------------------------------------------------------------------------------- routes

export interface HeaderMatcher {
  name: string;
  stringMatch?: StringMatcher;
  presentMatch?: boolean;
  invertMatch?: boolean;
}

export interface QueryParameterMatcher {
  name: string;
  stringMatch?: StringMatcher;
  presentMatch?: boolean;
}

/** One of prefix/path/safeRegex (Istio emits `prefix: "/"` for a match-all route). */
export interface RouteMatch {
  prefix?: string;
  path?: string;
  safeRegex?: RegexMatcher;
  pathSeparatedPrefix?: string;
  caseSensitive?: boolean;
  headers?: HeaderMatcher[];
  queryParameters?: QueryParameterMatcher[];
}

export interface RetryPolicy {
  /** Comma-separated Envoy retry conditions ("connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes"). */
  retryOn: string;
  numRetries: number;
  perTryTimeout?: Duration;
  retryHostPredicate?: { name: string; typedConfig?: { '@type': string } }[];
  hostSelectionRetryMaxAttempts?: string;
  retriableStatusCodes?: number[];
}

export interface WeightedCluster {
  name: string;
  weight: number;
}

export interface RequestMirrorPolicy {
  cluster: string;
  runtimeFraction?: { defaultValue: FractionalPercent };
  traceSampled?: boolean;
}

export interface HashPolicy {
  header?: { headerName: string };
  cookie?: { name: string; ttl?: Duration; path?: string };
  connectionProperties?: { sourceIp: boolean };
  queryParameter?: { name: string };
}

export interface RouteAction {
  cluster?: string;
  weightedClusters?: { clusters: WeightedCluster[]; totalWeight?: number };
  /** "0s" disables the route timeout (Istio's default unless the VirtualService sets one). */
  timeout: Duration;
  retryPolicy?: RetryPolicy;
  requestMirrorPolicies?: RequestMirrorPolicy[];
  prefixRewrite?: string;
  regexRewrite?: { pattern: RegexMatcher; substitution: string };
  hostRewriteLiteral?: string;
  hashPolicy?: HashPolicy[];
  maxStreamDuration?: { maxStreamDuration?: Duration; grpcTimeoutHeaderMax: Duration };
}

export interface RedirectAction {
  hostRedirect?: string;
  pathRedirect?: string;
  prefixRewrite?: string;
  portRedirect?: number;
  schemeRedirect?: string;
  /** Envoy's enum name; Istio maps 301→MOVED_PERMANENTLY (default), 302→FOUND, 303→SEE_OTHER, 307, 308. */
  responseCode?: 'MOVED_PERMANENTLY' | 'FOUND' | 'SEE_OTHER' | 'TEMPORARY_REDIRECT' | 'PERMANENT_REDIRECT';
}

export interface DirectResponseAction {
  status: number;
  body?: { inlineString: string };
}

/** envoy.extensions.filters.http.fault.v3.HTTPFault, attached per route under `envoy.filters.http.fault`. */
export interface HttpFault {
  '@type': typeof FAULT_TYPE;
  delay?: { fixedDelay: Duration; percentage: FractionalPercent };
  abort?: { httpStatus?: number; grpcStatus?: number; percentage: FractionalPercent };
}

export interface Route {
  /** Istio names routes after the VirtualService http route's `name`, or "default" for the catch-all. */
  name?: string;
  match: RouteMatch;
  route?: RouteAction;
  redirect?: RedirectAction;
  directResponse?: DirectResponseAction;
  /** "reviews.default.svc.cluster.local:9080/*" — the operation name. */
  decorator?: { operation: string };
  /** `filterMetadata.istio.config`: "/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews". */
  metadata?: Metadata;
  typedPerFilterConfig?: { 'envoy.filters.http.fault'?: HttpFault; [k: string]: unknown };
  requestHeadersToAdd?: { header: { key: string; value: string }; appendAction?: string }[];
  requestHeadersToRemove?: string[];
  responseHeadersToAdd?: { header: { key: string; value: string }; appendAction?: string }[];
  responseHeadersToRemove?: string[];
}

export interface VirtualHost {
  /** "reviews.default.svc.cluster.local:9080", "allow_any", "block_all", "inbound|http|9080". */
  name: string;
  /** Host names the virtual host answers to: FQDN, short names, ClusterIP, each with and without ":port". */
  domains: string[];
  routes: Route[];
  includeRequestAttemptCount?: boolean;
  /** ALL: plaintext requests get a 301 to https (a Gateway server's `tls.httpsRedirect`). */
  requireTls?: 'ALL' | 'EXTERNAL_ONLY';
}

export interface RouteConfiguration {
  /** The port number ("9080") for outbound, "inbound|9080||" for inline inbound routes. */
  name: string;
  virtualHosts: VirtualHost[];
  validateClusters: boolean;
  maxDirectResponseBodySizeBytes?: number;
  ignorePortInHostMatching?: boolean;
}

// ---------------------------------------------------------------------------------------------- clusters

export interface CircuitBreakerThresholds {
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
  maxRetries: number;
  trackRemaining?: boolean;
}

export interface OutlierDetection {
  consecutive5xx?: number;
  consecutiveGatewayFailure?: number;
  interval?: Duration;
  baseEjectionTime?: Duration;
  maxEjectionPercent?: number;
  /** Istio sets the 5xx enforcement to 100 when consecutive5xxErrors is set, 0 otherwise. */
  enforcingConsecutive5xx?: number;
  enforcingConsecutiveGatewayFailure?: number;
  enforcingSuccessRate?: number;
  splitExternalLocalOriginErrors?: boolean;
  consecutiveLocalOriginFailure?: number;
  minHealthPercent?: number;
}

export type ClusterType = 'EDS' | 'STATIC' | 'STRICT_DNS' | 'LOGICAL_DNS' | 'ORIGINAL_DST';
export type LbPolicy = 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'RANDOM' | 'RING_HASH' | 'MAGLEV' | 'CLUSTER_PROVIDED';

export interface Cluster {
  /** "outbound|9080|v1|reviews.default.svc.cluster.local", "inbound|9080||", "BlackHoleCluster"… */
  name: string;
  type: ClusterType;
  edsClusterConfig?: { edsConfig: ConfigSource; serviceName: string };
  connectTimeout: Duration;
  /** Absent means ROUND_ROBIN in Envoy; Istio writes LEAST_REQUEST (its default) explicitly. */
  lbPolicy?: LbPolicy;
  /** Consistent-hash settings when lbPolicy is RING_HASH / MAGLEV. */
  ringHashLbConfig?: { minimumRingSize?: string };
  circuitBreakers?: { thresholds: CircuitBreakerThresholds[] };
  outlierDetection?: OutlierDetection;
  commonLbConfig?: { healthyPanicThreshold?: { value?: number }; localityWeightedLbConfig?: Record<string, never> };
  /** Cluster-level TLS (DestinationRule tls mode ISTIO_MUTUAL / SIMPLE / MUTUAL). */
  transportSocket?: TransportSocket;
  /**
   * Auto-mTLS: endpoints labelled `tlsMode: istio` get the Istio mTLS socket, others plaintext. Istio emits this
   * when no DestinationRule sets tls; the match key is `envoy.transport_socket_match` endpoint metadata.
   */
  transportSocketMatches?: { name: string; match: Record<string, string>; transportSocket: TransportSocket }[];
  /** `filterMetadata.istio`: { services: [{host, name, namespace}], default_original_port, subset?, config? }. */
  metadata?: Metadata;
  /** Static clusters (inbound, BlackHole, Passthrough is ORIGINAL_DST) carry their endpoints inline. */
  loadAssignment?: ClusterLoadAssignment;
  altStatName?: string;
  dnsLookupFamily?: 'V4_ONLY' | 'V4_PREFERRED' | 'ALL';
  dnsRefreshRate?: Duration;
  respectDnsTtl?: boolean;
  cleanupInterval?: Duration;
  typedExtensionProtocolOptions?: Record<string, unknown>;
  upstreamBindConfig?: { sourceAddress: SocketAddress };
}

// ---------------------------------------------------------------------------------------------- endpoints

export interface LbEndpoint {
  endpoint: { address: Address; healthCheckConfig?: Record<string, unknown> };
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'DRAINING' | 'UNKNOWN';
  /**
   * `filterMetadata.istio.workload`: "NAME;NAMESPACE;APP;VERSION;CLUSTER" and
   * `filterMetadata['envoy.transport_socket_match'].tlsMode`: "istio" for sidecar-injected endpoints.
   */
  metadata?: Metadata;
  loadBalancingWeight: number;
}

export interface LocalityLbEndpoints {
  locality?: { region?: string; zone?: string; subZone?: string };
  lbEndpoints: LbEndpoint[];
  loadBalancingWeight?: number;
}

export interface ClusterLoadAssignment {
  clusterName: string;
  endpoints: LocalityLbEndpoints[];
}

// ---------------------------------------------------------------------------------------------- RBAC (authz)

/** One envoy.config.rbac.v3.Permission: a tree of and/or/not over request properties. */
export interface RbacPermission {
  any?: boolean;
  andRules?: { rules: RbacPermission[] };
  orRules?: { rules: RbacPermission[] };
  notRule?: RbacPermission;
  header?: HeaderMatcher;
  urlPath?: { path: StringMatcher };
  destinationPort?: number;
  destinationIp?: CidrRange;
}

/** One envoy.config.rbac.v3.Principal. */
export interface RbacPrincipal {
  any?: boolean;
  andIds?: { ids: RbacPrincipal[] };
  orIds?: { ids: RbacPrincipal[] };
  notId?: RbacPrincipal;
  /** Peer identity from the mTLS certificate: spiffe://cluster.local/ns/NS/sa/SA. */
  authenticated?: { principalName: StringMatcher };
  directRemoteIp?: CidrRange;
  remoteIp?: CidrRange;
  header?: HeaderMatcher;
}

export interface RbacPolicy {
  permissions: RbacPermission[];
  principals: RbacPrincipal[];
}

export interface RbacRules {
  action: 'ALLOW' | 'DENY' | 'LOG';
  /** Keyed "ns[NS]-policy[NAME]-rule[I]", as Istio names them. */
  policies: Record<string, RbacPolicy>;
}

export interface RbacFilterConfig {
  '@type': typeof RBAC_HTTP_TYPE | typeof RBAC_NETWORK_TYPE;
  /** Absent rules with `action` ALLOW would deny everything; Istio emits an empty ALLOW policy set to deny-all. */
  rules?: RbacRules;
  statPrefix?: string;
  shadowRules?: RbacRules;
}

// ---------------------------------------------------------------------------------------------- per proxy

/** The proxy's identity as istiod sees it (the xDS Node). */
export interface ProxyNode {
  /** "sidecar~10.244.1.5~productpage-v1-6b746f74dc-9stvs.default~default.svc.cluster.local". */
  id: string;
  type: 'sidecar' | 'router';
  podName: string;
  namespace: string;
  ip: string;
  /** Pod labels (app, version…), used for subsets, workloadSelector and telemetry. */
  labels: Record<string, string>;
  serviceAccount: string;
  /** spiffe://cluster.local/ns/NS/sa/SA — this workload's mTLS identity. */
  spiffeId: string;
  /** The Istio version the proxy runs ("1.24.2"). */
  istioVersion: string;
}

/** Mesh-wide settings istiod applies (MeshConfig). */
export interface MeshSettings {
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  trustDomain: string;
  enableAutoMtls: boolean;
  rootNamespace: string;
}

/**
 * Everything istiod pushes to one proxy: the four xDS resource types. Arrays are ordered as Envoy's config dump
 * orders them (listeners and clusters by name within Istio's build order; routes by name). Parts shared between
 * proxies (a service's clusters, a port's route configuration) are the same frozen objects: never mutate them.
 */
export interface ProxyConfig {
  node: ProxyNode;
  mesh: MeshSettings;
  listeners: readonly Listener[];
  routes: readonly RouteConfiguration[];
  clusters: readonly Cluster[];
  /** EDS: one ClusterLoadAssignment per EDS cluster. */
  endpoints: readonly ClusterLoadAssignment[];
  /** istiod's push version (the nonce reported by `istioctl proxy-status`), "2025-01-01T00:00:00Z/12". */
  version: string;
}

/** The service istiod publishes on the runtime as `rt.services.get('istiod')`. */
export interface IstiodService {
  /** The config for a sidecar- or gateway-injected pod; undefined when the pod has no proxy or istiod is down. */
  configFor(podNamespace: string, podName: string): ProxyConfig | undefined;
  /** Names ("NAME.NAMESPACE") of every pod that istiod currently serves (connected proxies). */
  proxies(): string[];
  /** Mesh-wide settings. */
  mesh(): MeshSettings;
  /** Incremented whenever anything that affects some proxy's config changes. */
  pushVersion(): number;
}
