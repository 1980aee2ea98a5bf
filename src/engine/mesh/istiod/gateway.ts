import type { GatewaySpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import { DOWNSTREAM_TLS_TYPE, type FilterChain, type Listener, type Route, type RouteConfiguration, type TransportSocket, type VirtualHost } from '../envoy/types.ts';
import { gatewayHttpListener, gatewayHcm } from './listeners.ts';
import type { MeshRegistry } from './registry.ts';
import { translateHttpRoute, type ServiceLookup, type VsEntry } from './routes.ts';
import { gatewayTcpProxy } from './tcproutes.ts';
import { passthroughChains, TLS_INSPECTOR } from './tlsroutes.ts';
import { istioMutualDownstream } from './tls.ts';

type Server = NonNullable<GatewaySpec['servers']>[number];

/** The container port a gateway Service port forwards to (80 → 8080 on istio-ingressgateway). */
function targetPortOf(registry: MeshRegistry, pod: KubeObject, port: number): number {
  for (const svc of registry.services.values()) {
    if (svc.namespace !== pod.metadata.namespace || !svc.selector) continue;
    if (!Object.entries(svc.selector).every(([k, v]) => pod.metadata.labels?.[k] === v)) continue;
    const p = svc.ports.find((x) => x.port === port);
    if (p && typeof p.targetPort === 'number') return p.targetPort;
  }
  return port;
}

const ads = { ads: {} as Record<string, never>, resourceApiVersion: 'V3' as const };

/**
 * The DownstreamTlsContext of a Gateway server (pilot/pkg/networking/core/gateway.go buildGatewayListenerTLSContext):
 * SIMPLE serves the certificate of the `credentialName` Secret over SDS ("kubernetes://NAME"); MUTUAL also
 * validates client certificates against "kubernetes://NAME-cacert"; ISTIO_MUTUAL uses the mesh certificates.
 */
export function gatewayTlsContext(tls: NonNullable<Server['tls']>): TransportSocket | undefined {
  const mode = tls.mode ?? 'SIMPLE';
  if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') return undefined;
  if (mode === 'ISTIO_MUTUAL') return istioMutualDownstream();
  const name = `kubernetes://${tls.credentialName ?? ''}`;
  return {
    name: 'envoy.transport_sockets.tls',
    typedConfig: {
      '@type': DOWNSTREAM_TLS_TYPE,
      commonTlsContext: {
        tlsCertificateSdsSecretConfigs: [{ name, sdsConfig: ads }],
        ...(mode === 'MUTUAL' ? { combinedValidationContext: { defaultValidationContext: {}, validationContextSdsSecretConfig: { name: `${name}-cacert` } } } : {}),
        alpnProtocols: ['h2', 'http/1.1'],
      },
      requireClientCertificate: mode === 'MUTUAL',
    },
  };
}

/** gatewayRDSRouteName: "http.TARGETPORT" for HTTP servers, "https.PORT.PORTNAME.GATEWAY.NAMESPACE" for terminated HTTPS. */
export function httpsRouteName(s: Server, gw: KubeObject): string {
  return `https.${s.port?.number ?? 443}.${s.port?.name ?? ''}.${gw.metadata.name}.${gw.metadata.namespace}`;
}

function isBound(vs: VsEntry, gateways: ReadonlySet<string>): boolean {
  return (vs.spec.gateways ?? []).some((g) => gateways.has(g.includes('/') ? g : `${vs.namespace}/${g}`));
}

/** Virtual hosts for the VirtualServices bound to `gateways`, one per VirtualService host ("HOST:SERVICEPORT"). */
function virtualHosts(registry: MeshRegistry, gateways: ReadonlySet<string>, targetPort: number, servicePort: number, redirectHosts: ReadonlySet<string>, lookup: ServiceLookup): VirtualHost[] {
  const vhosts = new Map<string, VirtualHost>();
  for (const vs of registry.gatewayVs) {
    if (!isBound(vs, gateways)) continue;
    for (const host of vs.spec.hosts ?? []) {
      const name = `${host}:${servicePort}`;
      const v = vhosts.get(name) ?? { name, domains: [host === '*' ? '*' : host, ...(host === '*' ? [] : [`${host}:*`])], routes: [] as Route[], includeRequestAttemptCount: true };
      if (redirectHosts.has('*') || redirectHosts.has(host)) v.requireTls = 'ALL';
      for (const h of vs.spec.http ?? []) v.routes.push(...translateHttpRoute(vs, h, targetPort, name, lookup));
      vhosts.set(name, v);
    }
  }
  const list = [...vhosts.values()];
  if (list.length === 0) list.push({ name: `blackhole:${servicePort}`, domains: ['*'], routes: [{ name: 'default', match: { prefix: '/' }, directResponse: { status: 404 } }] });
  return list;
}

/**
 * A gateway (router) proxy's listeners and routes (pilot/pkg/networking/core/gateway.go): per target port of the
 * Gateway servers whose selector matches the pod, HTTP servers share one plaintext filter chain and route
 * configuration "http.PORT" (hosts of `httpsRedirect` servers answer 301 to https); HTTPS/TLS servers get one
 * filter chain each, matched by SNI (the server's hosts), with the server's TLS context and, when Envoy
 * terminates TLS, a route configuration "https.PORT.NAME.GATEWAY.NS". VirtualServices attach by `gateways`.
 */
export function buildGatewayConfig(
  registry: MeshRegistry,
  pod: KubeObject,
  lookup: ServiceLookup,
  autoPassthrough: (serverHosts: readonly string[]) => FilterChain[],
): { listeners: Listener[]; routes: RouteConfiguration[]; sniDnat: boolean } {
  const labels = pod.metadata.labels ?? {};
  const byPort = new Map<number, { servicePort: number; gateways: Set<string>; redirect: Set<string>; tls: { s: Server; gw: KubeObject }[]; tcp: { s: Server; gw: KubeObject }[] }>();
  for (const gw of registry.gateways) {
    const spec = (gw.spec ?? {}) as GatewaySpec;
    if (!Object.entries(spec.selector ?? {}).every(([k, v]) => labels[k] === v)) continue;
    for (const s of spec.servers ?? []) {
      const proto = (s.port?.protocol ?? '').toUpperCase();
      const http = proto === 'HTTP' || proto === 'HTTP2' || proto === 'GRPC';
      const tcp = proto === 'TCP' || proto === 'MONGO' || proto === 'MYSQL' || proto === 'REDIS';
      if (!http && !tcp && proto !== 'HTTPS' && proto !== 'TLS') continue;
      const port = targetPortOf(registry, pod, s.port?.number ?? 80);
      const e = byPort.get(port) ?? { servicePort: s.port?.number ?? 80, gateways: new Set<string>(), redirect: new Set<string>(), tls: [], tcp: [] };
      if (http) {
        e.gateways.add(`${gw.metadata.namespace}/${gw.metadata.name}`);
        if (s.tls?.httpsRedirect) for (const h of s.hosts ?? []) e.redirect.add(h.includes('/') ? h.slice(h.indexOf('/') + 1) : h);
      } else if (tcp) e.tcp.push({ s, gw });
      else e.tls.push({ s, gw });
      byPort.set(port, e);
    }
  }
  const listeners: Listener[] = [];
  const routes: RouteConfiguration[] = [];
  let sniDnat = false;
  for (const [port, e] of [...byPort].sort((a, b) => a[0] - b[0])) {
    if (e.tcp.length && !e.tls.length && !e.gateways.size) {
      // A TCP server: every connection goes to the tcp route of a VirtualService bound to the gateway.
      const { s, gw } = e.tcp[0];
      const filter = gatewayTcpProxy(registry.gatewayVs.filter((vs) => isBound(vs, new Set([`${gw.metadata.namespace}/${gw.metadata.name}`]))), `${gw.metadata.namespace}/${gw.metadata.name}`, s.port?.number ?? port, lookup);
      listeners.push({ name: `0.0.0.0_${port}`, address: { socketAddress: { address: '0.0.0.0', portValue: port } }, filterChains: [{ filterChainMatch: {}, filters: [filter] }], trafficDirection: 'OUTBOUND' });
      continue;
    }
    if (!e.tls.length) {
      listeners.push(gatewayHttpListener(port));
      routes.push({ name: `http.${port}`, virtualHosts: virtualHosts(registry, e.gateways, port, e.servicePort, e.redirect, lookup), validateClusters: false, maxDirectResponseBodySizeBytes: 1048576, ignorePortInHostMatching: true });
      continue;
    }
    const chains: FilterChain[] = [];
    const taken = new Set<string>();
    for (const { s, gw } of e.tls) {
      const hosts = (s.hosts ?? []).map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h));
      const match = hosts.includes('*') ? {} : { serverNames: hosts };
      if (s.tls?.mode === 'AUTO_PASSTHROUGH') {
        // SNI-DNAT: a chain per service port (and subset) of the mesh, by the outbound_.PORT_.SUBSET_.HOST name.
        chains.push(...autoPassthrough(s.hosts ?? []));
        sniDnat = true;
        continue;
      }
      const ts = gatewayTlsContext(s.tls ?? {});
      if (!ts) {
        // PASSTHROUGH: the TLS stream goes untouched to the destinations of the bound VirtualServices' tls routes (by SNI).
        const name = `${gw.metadata.namespace}/${gw.metadata.name}`;
        chains.push(...passthroughChains(registry.gatewayVs.filter((vs) => isBound(vs, new Set([name]))), name, s, taken, lookup));
        continue;
      }
      const rds = httpsRouteName(s, gw);
      chains.push({ filterChainMatch: match, filters: [gatewayHcm(`outbound_0.0.0.0_${port}`, rds)], transportSocket: ts });
      if (!routes.some((r) => r.name === rds)) {
        const own = new Set([`${gw.metadata.namespace}/${gw.metadata.name}`]);
        routes.push({ name: rds, virtualHosts: virtualHosts(registry, own, port, s.port?.number ?? 443, new Set(), lookup), validateClusters: false, maxDirectResponseBodySizeBytes: 1048576, ignorePortInHostMatching: true });
      }
    }
    // A listener whose servers produced no filter chain (no VirtualService tls route) is not pushed.
    if (chains.length) listeners.push({ name: `0.0.0.0_${port}`, address: { socketAddress: { address: '0.0.0.0', portValue: port } }, filterChains: chains, listenerFilters: [TLS_INSPECTOR], trafficDirection: 'OUTBOUND' });
  }
  return { listeners, routes, sniDnat };
}
