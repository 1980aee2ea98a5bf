import type { KubeObject } from '../../api/types.ts';
import type { SidecarSpec } from '../../api/kinds/istio/types.ts';
import { ISTIO_VERSION } from '../../images/apps/istio/index.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import type { Cluster, ClusterLoadAssignment, FilterChain, IstiodService, Listener, MeshSettings, ProxyConfig, ProxyNode, RouteConfiguration, VirtualHost } from '../envoy/types.ts';
import { istiodReachable } from '../webhooks.ts';
import { buildLoadAssignment, buildOutboundCluster, inboundCluster, staticClusters } from './clusters.ts';
import { buildGatewayConfig } from './gateway.ts';
import { outboundHttpListener, outboundSniffingListener, outboundTcpListener, staticListeners, virtualInbound, virtualOutbound, type InboundPort } from './listeners.ts';
import { isHttpProtocol, type MeshService } from './model.ts';
import { MeshRegistry, ROOT_NS } from './registry.ts';
import { buildVirtualHost, catchAllVirtualHost } from './routes.ts';
import { mtlsModeFor, namespaceMtlsMode, rbacFilters } from './security.ts';
import { outboundTcpProxy } from './tcproutes.ts';
import { sniDnatClusters } from './snidnat.ts';
import { autoPassthroughChains, outboundTlsListener, sidecarTlsChains, wildcardTlsListener } from './tlsroutes.ts';

/** What istiod builds once per service and shares between every proxy that sees the service. */
interface HostBuild {
  clusters: Cluster[];
  endpoints: ClusterLoadAssignment[];
  /** Outbound TCP listeners (ADDRESS_PORT) for the service's TCP ports. */
  tcpListeners: Listener[];
  /** A service without VIP: its TLS/HTTPS ports' SNI chains, for the shared 0.0.0.0_PORT listener. */
  wildcardTls: Map<number, FilterChain[]>;
  /** Virtual hosts by port, for proxies in the service's namespace and elsewhere (short name or not). */
  vhosts: Map<number, { local: VirtualHost; remote: VirtualHost }>;
  /** Ports with protocol sniffing: their virtual hosts go in a route configuration of their own, "HOST:PORT". */
  sniffed: Set<number>;
}

/** A proxy's view of the mesh (Sidecar egress scoping), with everything built from it. */
interface ScopeBuild {
  services: MeshService[];
  allowAny: boolean;
  clusters: Cluster[];
  endpoints: ClusterLoadAssignment[];
  listeners: Listener[];
  /** The static clusters and listeners followed by the scope's: what every proxy of the scope shares. */
  sharedClusters?: Cluster[];
  sharedListeners?: Listener[];
  httpPorts: number[];
  /** Route configurations by proxy namespace. */
  routes: Map<string, RouteConfiguration[]>;
}

/**
 * istiod's xDS model: for every proxy, the listeners, routes, clusters and endpoints Istio would push.
 * Builds are incremental and shared: one HostBuild per service (rebuilt only when the service, its endpoints,
 * its VirtualServices or its DestinationRule change), one ScopeBuild per Sidecar scope, and per-proxy only
 * the inbound side. Published as the `'istiod'` runtime service.
 */
export class Istiod implements IstiodService {
  readonly registry: MeshRegistry;
  private unwatch?: () => void;
  /** By hostname, then by the DestinationRule applied (clients in different namespaces may apply different rules). */
  private hostBuilds = new Map<string, Map<string, HostBuild>>();
  private scopes = new Map<string, ScopeBuild>();
  private proxyCache = new Map<string, { version: number; config: ProxyConfig }>();
  /** Per proxy: its inbound listener and clusters, valid while the pod and the inbound inputs are unchanged. */
  private inboundCache = new Map<string, { key: string; listener: Listener; clusters: Cluster[] }>();
  private servicesByNs = new Map<string, MeshService[]>();
  private readonly statics = { clusters: staticClusters(), listeners: staticListeners() };
  private builtVersion = -1;
  private pushTime = '';
  private meshSettings: MeshSettings = { outboundTrafficPolicy: 'ALLOW_ANY', trustDomain: 'cluster.local', enableAutoMtls: true, rootNamespace: ROOT_NS };

  constructor(private readonly rt: ClusterRuntime) {
    this.registry = new MeshRegistry(rt.store);
  }

  start(): void {
    this.registry.resync();
    this.hostBuilds.clear();
    this.scopes.clear();
    this.proxyCache.clear();
    this.inboundCache.clear();
    this.pushTime = this.rt.clock.timestamp();
    this.unwatch = this.rt.store.watch((ev) => {
      if (ev.resource === 'configmaps' && ev.object.metadata.namespace === ROOT_NS && ev.object.metadata.name === 'istio') {
        this.registry.servicesChanged = true;
        this.registry.version++;
      } else if (!this.registry.onEvent(ev)) return;
      this.pushTime = this.rt.clock.timestamp();
    });
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** True while istiod has a ready endpoint (proxies are connected and receive pushes). */
  running(): boolean {
    return istiodReachable(this.rt.api);
  }

  mesh(): MeshSettings {
    return this.meshSettings;
  }

  pushVersion(): number {
    return this.registry.version;
  }

  proxies(): string[] {
    return [...this.registry.proxies].map((k) => {
      const [ns, name] = k.split('/');
      return `${name}.${ns}`;
    }).sort();
  }

  /** Bring the shared builds up to date with the registry. */
  private refresh(): void {
    const r = this.registry;
    if (this.builtVersion === r.version) return;
    if (r.configChanged) r.reindexConfig();
    const policy = this.readMeshConfig();
    if (policy !== this.meshSettings.outboundTrafficPolicy) {
      this.meshSettings = { ...this.meshSettings, outboundTrafficPolicy: policy };
      r.servicesChanged = true;
    }
    let changed = r.servicesChanged;
    for (const h of r.dirtyHosts) {
      if (h.startsWith('*')) {
        // A wildcard DestinationRule host (*.ns.svc.cluster.local, *) covers every service it ends like.
        for (const k of this.hostBuilds.keys()) if (k.endsWith(h.slice(1))) this.hostBuilds.delete(k);
      } else this.hostBuilds.delete(h);
      changed = true;
    }
    r.dirtyHosts.clear();
    if (changed) {
      this.scopes.clear();
      this.servicesByNs.clear();
      for (const svc of r.services.values()) {
        if (svc.entry) continue;
        const list = this.servicesByNs.get(svc.namespace);
        if (list) list.push(svc);
        else this.servicesByNs.set(svc.namespace, [svc]);
      }
    }
    r.servicesChanged = false;
    this.builtVersion = r.version;
  }

  private readMeshConfig(): 'ALLOW_ANY' | 'REGISTRY_ONLY' {
    const cm = this.rt.store.get('configmaps', ROOT_NS, 'istio') as { data?: { mesh?: string } } | undefined;
    return /outboundTrafficPolicy:\s*\n\s*mode:\s*REGISTRY_ONLY/.test(cm?.data?.mesh ?? '') ? 'REGISTRY_ONLY' : 'ALLOW_ANY';
  }

  private lookup = (host: string) => this.registry.services.get(host);

  /** The shared build of a service as proxies in `clientNs` see it (the DestinationRule they apply decides the clusters). */
  private hostBuild(svc: MeshService, clientNs: string): HostBuild {
    const dr = this.registry.drIndex.lookup(svc.hostname, svc.namespace, clientNs);
    const drKey = dr ? dr.from.join(',') : '';
    let perDr = this.hostBuilds.get(svc.hostname);
    if (!perDr) this.hostBuilds.set(svc.hostname, (perDr = new Map()));
    let b = perDr.get(drKey);
    if (b) return b;
    const vss = this.registry.vsByHost.get(svc.hostname) ?? [];
    const eps = this.registry.endpointsOf(svc);
    b = { clusters: [], endpoints: [], tcpListeners: [], wildcardTls: new Map(), vhosts: new Map(), sniffed: new Set() };
    const serverMtls = svc.entry ? 'PERMISSIVE' : namespaceMtlsMode(this.registry.peerAuthentications, ROOT_NS, svc.namespace);
    for (const port of svc.ports) {
      if (port.protocol === 'UDP') continue;
      const subsets = [undefined, ...(dr?.spec.subsets ?? [])];
      for (const subset of subsets) {
        const c = buildOutboundCluster(svc, port, dr?.spec, dr?.path, subset, serverMtls);
        b.clusters.push(c);
        if (c.type === 'EDS') b.endpoints.push(buildLoadAssignment(c.name, port, eps, subset, svc.name));
      }
      if (port.protocol === 'AUTO' && svc.address !== '0.0.0.0') {
        b.vhosts.set(port.port, { local: buildVirtualHost(svc, port.port, vss, svc.namespace, this.lookup), remote: buildVirtualHost(svc, port.port, vss, undefined, this.lookup) });
        b.sniffed.add(port.port);
        b.tcpListeners.push(outboundSniffingListener(svc.address, port.port, `${svc.hostname}:${port.port}`, outboundTcpProxy(svc, port.port, vss, this.lookup).filter));
      } else if (isHttpProtocol(port.protocol)) {
        b.vhosts.set(port.port, { local: buildVirtualHost(svc, port.port, vss, svc.namespace, this.lookup), remote: buildVirtualHost(svc, port.port, vss, undefined, this.lookup) });
      } else if (port.protocol === 'TLS' || port.protocol === 'HTTPS') {
        const chains = sidecarTlsChains(svc, port.port, vss, this.lookup);
        if (svc.address !== '0.0.0.0') b.tcpListeners.push(outboundTlsListener(svc.address, port.port, chains));
        else b.wildcardTls.set(port.port, chains);
      } else if (svc.address !== '0.0.0.0') {
        b.tcpListeners.push(outboundTcpListener(svc.address, port.port, outboundTcpProxy(svc, port.port, vss, this.lookup).filter));
      }
    }
    perDr.set(drKey, b);
    return b;
  }

  /** The services a proxy sees: all of them, or what its Sidecar's egress hosts select. */
  private scopeFor(namespace: string, labels: Record<string, string>): { key: string; sidecar?: KubeObject } {
    const sc = this.registry.sidecarFor(namespace, labels);
    if (sc) return { key: `${sc.metadata.namespace}/${sc.metadata.name}@${namespace}`, sidecar: sc };
    // Proxies share the mesh-wide scope unless their namespace sees other DestinationRules than the rest.
    return { key: this.registry.drIndex.clientSensitive(namespace) ? `*@${namespace}` : '*' };
  }

  private scopeBuild(key: string, namespace: string, sidecar: KubeObject | undefined): ScopeBuild {
    let s = this.scopes.get(key);
    if (s) return s;
    const spec = sidecar?.spec as SidecarSpec | undefined;
    const hosts = spec?.egress?.flatMap((e) => e.hosts ?? []);
    const visible = (svc: MeshService): boolean => {
      if (!hosts) return true;
      return hosts.some((h) => {
        const [ns, name] = h.split('/');
        const nsOk = ns === '*' || (ns === '.' ? svc.namespace === (sidecar?.metadata.namespace ?? namespace) : ns === '~' ? false : svc.namespace === ns);
        if (!nsOk) return false;
        if (name === '*') return true;
        if (name.startsWith('*')) return svc.hostname.endsWith(name.slice(1));
        return svc.hostname === name || `${svc.name}.${svc.namespace}.svc.cluster.local` === name;
      });
    };
    const services = [...this.registry.services.values()].filter(visible).sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
    const allowAny = (spec?.outboundTrafficPolicy?.mode ?? this.meshSettings.outboundTrafficPolicy) === 'ALLOW_ANY';
    s = { services, allowAny, clusters: [], endpoints: [], listeners: [], httpPorts: [], routes: new Map() };
    const httpPorts = new Set<number>();
    const wildcardTls = new Map<number, FilterChain[]>();
    for (const svc of services) {
      const b = this.hostBuild(svc, namespace);
      for (const c of b.clusters) s.clusters.push(c);
      for (const e of b.endpoints) s.endpoints.push(e);
      for (const l of b.tcpListeners) s.listeners.push(l);
      for (const p of b.vhosts.keys()) if (!b.sniffed.has(p)) httpPorts.add(p);
      for (const [p, chains] of b.wildcardTls) wildcardTls.set(p, [...(wildcardTls.get(p) ?? []), ...chains]);
    }
    s.httpPorts = [...httpPorts].sort((a, b) => a - b);
    for (const p of s.httpPorts) s.listeners.push(outboundHttpListener(p));
    // TLS ports of services without VIP share 0.0.0.0_PORT, told apart by SNI (a port already serving HTTP keeps HTTP).
    for (const [p, chains] of wildcardTls) if (!httpPorts.has(p)) s.listeners.push(wildcardTlsListener(p, chains, allowAny));
    s.listeners.sort((a, b) => (a.address.socketAddress.portValue - b.address.socketAddress.portValue) || (a.name < b.name ? -1 : 1));
    this.scopes.set(key, s);
    return s;
  }

  private routesFor(s: ScopeBuild, namespace: string): RouteConfiguration[] {
    let r = s.routes.get(namespace);
    if (r) return r;
    r = s.httpPorts.map((port) => {
      const vhosts: VirtualHost[] = [];
      for (const svc of s.services) {
        const b = this.hostBuild(svc, namespace);
        const v = b.sniffed.has(port) ? undefined : b.vhosts.get(port);
        if (v) vhosts.push(svc.namespace === namespace ? v.local : v.remote);
      }
      vhosts.push(catchAllVirtualHost(s.allowAny));
      return { name: String(port), virtualHosts: vhosts, validateClusters: false, maxDirectResponseBodySizeBytes: 1048576, ignorePortInHostMatching: true };
    });
    for (const svc of s.services) {
      const b = this.hostBuild(svc, namespace);
      for (const port of b.sniffed) {
        const v = b.vhosts.get(port)!;
        r.push({ name: `${svc.hostname}:${port}`, virtualHosts: [svc.namespace === namespace ? v.local : v.remote], validateClusters: false, maxDirectResponseBodySizeBytes: 1048576, ignorePortInHostMatching: true });
      }
    }
    s.routes.set(namespace, r);
    return r;
  }

  configFor(podNamespace: string, podName: string): ProxyConfig | undefined {
    const key = `${podNamespace}/${podName}`;
    if (!this.registry.proxies.has(key)) return undefined;
    this.refresh();
    const cached = this.proxyCache.get(key);
    if (cached && cached.version === this.registry.version) return cached.config;
    const pod = this.rt.store.get('pods', podNamespace, podName);
    if (!pod) return undefined;
    const config = this.build(pod);
    this.proxyCache.set(key, { version: this.registry.version, config });
    return config;
  }

  private nodeOf(pod: KubeObject, type: 'sidecar' | 'router'): ProxyNode {
    const ns = pod.metadata.namespace ?? 'default';
    const ip = (pod.status as { podIP?: string } | undefined)?.podIP ?? '';
    const sa = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? 'default';
    return {
      id: `${type}~${ip}~${pod.metadata.name}.${ns}~${ns}.svc.cluster.local`,
      type,
      podName: pod.metadata.name ?? '',
      namespace: ns,
      ip,
      labels: pod.metadata.labels ?? {},
      serviceAccount: sa,
      spiffeId: `spiffe://${this.meshSettings.trustDomain}/ns/${ns}/sa/${sa}`,
      istioVersion: ISTIO_VERSION,
    };
  }

  private build(pod: KubeObject): ProxyConfig {
    const ns = pod.metadata.namespace ?? 'default';
    const labels = pod.metadata.labels ?? {};
    const router = pod.metadata.annotations?.['sidecar.istio.io/status'] === undefined;
    const version = `${this.pushTime}/${this.registry.version}`;
    if (router) {
      const all = this.scopeBuild(this.registry.drIndex.clientSensitive(ns) ? `*@${ns}` : '*', ns, undefined);
      const subsetsOf = (svc: MeshService) => (this.registry.drIndex.lookup(svc.hostname, svc.namespace, ns)?.spec.subsets ?? []).map((x) => x.name ?? '');
      const gw = buildGatewayConfig(this.registry, pod, this.lookup, (hosts) => autoPassthroughChains(all.services, hosts, subsetsOf));
      const dnat = gw.sniDnat ? sniDnatClusters(all.services.filter((svc) => !svc.entry || svc.entry.location === 'MESH_INTERNAL').map((svc) => this.hostBuild(svc, ns))) : undefined;
      return {
        node: this.nodeOf(pod, 'router'),
        mesh: this.meshSettings,
        listeners: [...gw.listeners, ...this.statics.listeners],
        routes: gw.routes,
        clusters: dnat ? [...this.statics.clusters, ...all.clusters, ...dnat.clusters] : [...this.statics.clusters, ...all.clusters],
        endpoints: dnat ? [...all.endpoints, ...dnat.endpoints] : all.endpoints,
        version,
      };
    }
    const { key, sidecar } = this.scopeFor(ns, labels);
    const s = this.scopeBuild(key, ns, sidecar);
    s.sharedClusters ??= [...this.statics.clusters, ...s.clusters];
    s.sharedListeners ??= [virtualOutbound(s.allowAny), ...s.listeners, ...this.statics.listeners];
    const inbound = this.inboundFor(pod);
    return {
      node: this.nodeOf(pod, 'sidecar'),
      mesh: this.meshSettings,
      listeners: [inbound.listener, ...s.sharedListeners],
      routes: this.routesFor(s, ns),
      clusters: inbound.clusters.length ? inbound.clusters.concat(s.sharedClusters) : s.sharedClusters,
      endpoints: s.endpoints,
      version,
    };
  }

  /** The inbound side of a sidecar: virtualInbound (mTLS mode, authorization) and the inbound clusters. */
  private inboundFor(pod: KubeObject): { listener: Listener; clusters: Cluster[] } {
    const ns = pod.metadata.namespace ?? 'default';
    const id = `${ns}/${pod.metadata.name}`;
    const key = `${pod.metadata.resourceVersion}|${this.registry.inboundVersion}`;
    const hit = this.inboundCache.get(id);
    if (hit && hit.key === key) return hit;
    const labels = pod.metadata.labels ?? {};
    const inbound = this.inboundPorts(pod);
    const defaultMode = mtlsModeFor(this.registry.peerAuthentications, ROOT_NS, ns, labels, 0);
    const rbac = rbacFilters(this.registry.authorizationPolicies, ROOT_NS, ns, labels, this.meshSettings.trustDomain);
    const entry = { key, listener: virtualInbound(inbound.map((p) => p.port), () => rbac, defaultMode), clusters: inbound.map((p) => inboundCluster(p.port.port, p.svc)) };
    this.inboundCache.set(id, entry);
    return entry;
  }

  /** The pod's inbound ports: the target ports of the services selecting it. */
  private inboundPorts(pod: KubeObject): { port: InboundPort; svc: MeshService }[] {
    const ns = pod.metadata.namespace ?? 'default';
    const labels = pod.metadata.labels ?? {};
    const containers = ((pod.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] } | undefined)?.containers ?? []).flatMap((c) => c.ports ?? []);
    const out = new Map<number, { port: InboundPort; svc: MeshService }>();
    for (const svc of this.servicesByNs.get(ns) ?? []) {
      if (!svc.selector || Object.keys(svc.selector).length === 0) continue;
      if (!Object.entries(svc.selector).every(([k, v]) => labels[k] === v)) continue;
      for (const p of svc.ports) {
        const target = typeof p.targetPort === 'number' ? p.targetPort : containers.find((c) => c.name === p.targetPort)?.containerPort;
        if (target === undefined || out.has(target)) continue;
        out.set(target, { port: { port: target, http: isHttpProtocol(p.protocol), mode: mtlsModeFor(this.registry.peerAuthentications, ROOT_NS, ns, labels, target), operation: `${svc.hostname}:${p.port}` }, svc });
      }
    }
    return [...out.values()].sort((a, b) => a.port.port - b.port.port);
  }
}
