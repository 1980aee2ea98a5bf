import type { SidecarSpec, VirtualServiceSpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ObjectStore, StoreEvent } from '../../store/store.ts';
import type { MeshEndpoint } from './clusters.ts';
import { resolveHost, serviceFromK8s, servicesFromEntry, type MeshService } from './model.ts';
import type { VsEntry } from './routes.ts';
import { DestinationRuleIndex } from './drmerge.ts';

export const ROOT_NS = 'istio-system';

/**
 * istiod's view of the cluster, kept current from store events: the service registry (Services and
 * ServiceEntries by FQDN), their endpoints, and the Istio configuration indexed by host. `dirtyHosts` and the
 * flags tell the config builder what to rebuild.
 */
export class MeshRegistry {
  readonly services = new Map<string, MeshService>();
  private readonly endpointsObj = new Map<string, KubeObject>();
  readonly vsByHost = new Map<string, VsEntry[]>();
  readonly gatewayVs: VsEntry[] = [];
  /** DestinationRules by host, with the client-namespace-first lookup (drmerge.ts). */
  drIndex = new DestinationRuleIndex([], ROOT_NS);
  sidecars: KubeObject[] = [];
  peerAuthentications: KubeObject[] = [];
  authorizationPolicies: KubeObject[] = [];
  gateways: KubeObject[] = [];
  /** Pods that run an Envoy (sidecar or gateway), "namespace/name". */
  readonly proxies = new Set<string>();

  readonly dirtyHosts = new Set<string>();
  servicesChanged = true;
  configChanged = true;
  version = 0;
  /** Bumped when what decides a proxy's inbound side changes (Services, PeerAuthentication, AuthorizationPolicy). */
  inboundVersion = 0;

  constructor(private readonly store: ObjectStore) {}

  /** Load everything (at start). */
  resync(): void {
    this.services.clear();
    this.endpointsObj.clear();
    this.proxies.clear();
    for (const s of this.store.list('services')) this.putService(s);
    for (const e of this.store.list('endpoints')) this.endpointsObj.set(`${e.metadata.namespace}/${e.metadata.name}`, e);
    for (const p of this.store.list('pods')) if (runsProxy(p)) this.proxies.add(`${p.metadata.namespace}/${p.metadata.name}`);
    this.reindexConfig();
    this.servicesChanged = true;
    this.version++;
  }

  private putService(s: KubeObject): void {
    const m = serviceFromK8s(s);
    if (m) this.services.set(m.hostname, m);
  }

  /** Rebuild the (small) Istio config indexes from the store. */
  reindexConfig(): void {
    this.vsByHost.clear();
    this.gatewayVs.length = 0;
    const byAge = (a: KubeObject, b: KubeObject) => ((a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : (a.metadata.creationTimestamp ?? '') > (b.metadata.creationTimestamp ?? '') ? 1 : `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1);
    for (const vs of [...this.store.list('virtualservices')].sort(byAge)) {
      const spec = (vs.spec ?? {}) as VirtualServiceSpec;
      const entry: VsEntry = { namespace: vs.metadata.namespace ?? 'default', name: vs.metadata.name ?? '', spec, created: vs.metadata.creationTimestamp ?? '' };
      const gws = spec.gateways ?? [];
      if (gws.length === 0 || gws.includes('mesh')) {
        for (const h of spec.hosts ?? []) {
          const fqdn = resolveHost(h, entry.namespace);
          const list = this.vsByHost.get(fqdn) ?? [];
          list.push(entry);
          this.vsByHost.set(fqdn, list);
        }
      }
      if (gws.some((g) => g !== 'mesh')) this.gatewayVs.push(entry);
    }
    this.drIndex = new DestinationRuleIndex([...this.store.list('destinationrules')].sort(byAge), ROOT_NS);
    for (const se of this.store.list('serviceentries')) for (const m of servicesFromEntry(se)) if (!this.services.has(m.hostname) || this.services.get(m.hostname)!.entry) this.services.set(m.hostname, m);
    this.sidecars = [...this.store.list('sidecars')].sort(byAge);
    this.peerAuthentications = this.store.list('peerauthentications') as KubeObject[];
    this.authorizationPolicies = this.store.list('authorizationpolicies') as KubeObject[];
    this.gateways = this.store.list('gateways') as KubeObject[];
    this.configChanged = false;
  }

  private hostsOfIstioObject(o: KubeObject | undefined): string[] {
    if (!o) return [];
    const ns = o.metadata.namespace ?? 'default';
    const spec = (o.spec ?? {}) as { hosts?: string[]; host?: string };
    return [...(spec.hosts ?? []), ...(spec.host ? [spec.host] : [])].map((h) => resolveHost(h, ns));
  }

  /** Map one store event to what it invalidates. Returns true when it may change some proxy's config. */
  onEvent(ev: StoreEvent): boolean {
    const o = ev.object;
    switch (ev.resource) {
      case 'services': {
        const host = `${o.metadata.name}.${o.metadata.namespace}.svc.cluster.local`;
        if (ev.type === 'DELETED') this.services.delete(host);
        else this.putService(o);
        if (ev.type !== 'MODIFIED') this.servicesChanged = true;
        this.dirtyHosts.add(host);
        this.inboundVersion++;
        break;
      }
      case 'endpoints': {
        const key = `${o.metadata.namespace}/${o.metadata.name}`;
        if (ev.type === 'DELETED') this.endpointsObj.delete(key);
        else this.endpointsObj.set(key, o);
        this.dirtyHosts.add(`${o.metadata.name}.${o.metadata.namespace}.svc.cluster.local`);
        break;
      }
      case 'pods': {
        const key = `${o.metadata.namespace}/${o.metadata.name}`;
        const had = this.proxies.has(key);
        const has = ev.type !== 'DELETED' && runsProxy(o);
        if (has) this.proxies.add(key);
        else this.proxies.delete(key);
        const labelsChanged = ev.type === 'MODIFIED' && JSON.stringify(ev.oldObject?.metadata.labels ?? {}) !== JSON.stringify(o.metadata.labels ?? {});
        if (!labelsChanged && had === has) return false;
        // Endpoint labels (subsets) and sidecar state come from pods: rebuild the hosts of this namespace.
        for (const s of this.services.values()) if (s.namespace === o.metadata.namespace && !s.entry) this.dirtyHosts.add(s.hostname);
        break;
      }
      case 'virtualservices':
      case 'destinationrules':
        for (const h of [...this.hostsOfIstioObject(o), ...this.hostsOfIstioObject(ev.oldObject)]) this.dirtyHosts.add(h);
        this.configChanged = true;
        break;
      case 'serviceentries':
        for (const h of [...this.hostsOfIstioObject(o), ...this.hostsOfIstioObject(ev.oldObject)]) {
          this.dirtyHosts.add(h);
          if (ev.type === 'DELETED' && this.services.get(h)?.entry) this.services.delete(h);
        }
        this.servicesChanged = true;
        this.configChanged = true;
        break;
      case 'peerauthentications':
        // Namespace- and mesh-wide modes also decide auto mTLS towards the namespace's services (their clusters).
        for (const x of [o, ev.oldObject]) {
          if (!x || Object.keys((x.spec as { selector?: { matchLabels?: object } } | undefined)?.selector?.matchLabels ?? {}).length) continue;
          for (const s of this.services.values()) if (!s.entry && (x.metadata.namespace === ROOT_NS || s.namespace === x.metadata.namespace)) this.dirtyHosts.add(s.hostname);
        }
        this.configChanged = true;
        this.inboundVersion++;
        break;
      case 'authorizationpolicies':
        this.configChanged = true;
        this.inboundVersion++;
        break;
      case 'sidecars':
      case 'gateways':
        this.configChanged = true;
        this.servicesChanged = true;
        break;
      default:
        return false;
    }
    this.version++;
    return true;
  }

  /** The ready endpoints of a service (from its Endpoints object and the pods behind it). */
  endpointsOf(svc: MeshService): MeshEndpoint[] {
    if (svc.entry) {
      if (svc.entry.resolution !== 'STATIC') return [];
      return svc.entry.endpoints.map((e) => ({ ip: e.address, ports: new Map(Object.entries(e.ports ?? {})), labels: e.labels ?? {}, podName: svc.name, namespace: svc.namespace, sidecar: false }));
    }
    const ep = this.endpointsObj.get(`${svc.namespace}/${svc.name}`) as { subsets?: { addresses?: { ip: string; targetRef?: { name?: string; namespace?: string } }[]; ports?: { name?: string; port: number }[] }[] } | undefined;
    const out: MeshEndpoint[] = [];
    for (const ss of ep?.subsets ?? []) {
      const ports = new Map((ss.ports ?? []).map((p) => [p.name ?? '', p.port]));
      for (const a of ss.addresses ?? []) {
        const pod = a.targetRef?.name ? this.store.get('pods', a.targetRef.namespace ?? svc.namespace, a.targetRef.name) : undefined;
        out.push({ ip: a.ip, ports, labels: pod?.metadata.labels ?? {}, podName: a.targetRef?.name ?? a.ip, namespace: svc.namespace, sidecar: pod?.metadata.labels?.['security.istio.io/tlsMode'] === 'istio' });
      }
    }
    return out;
  }

  /** The Sidecar resource that applies to a workload: workloadSelector match, else namespace default, else root. */
  sidecarFor(namespace: string, labels: Record<string, string>): KubeObject | undefined {
    const sel = (s: KubeObject) => (s.spec as SidecarSpec | undefined)?.workloadSelector?.labels;
    const inNs = this.sidecars.filter((s) => s.metadata.namespace === namespace);
    const w = inNs.find((s) => {
      const l = sel(s);
      return l && Object.keys(l).length > 0 && Object.entries(l).every(([k, v]) => labels[k] === v);
    });
    return w ?? inNs.find((s) => !sel(s) || Object.keys(sel(s)!).length === 0) ?? this.sidecars.find((s) => s.metadata.namespace === ROOT_NS && !sel(s));
  }
}

/** True for pods with an Envoy: injected sidecars and the Istio gateways. */
export function runsProxy(p: KubeObject): boolean {
  if (p.metadata.annotations?.['sidecar.istio.io/status'] !== undefined) return true;
  const istio = p.metadata.labels?.istio;
  return p.metadata.namespace === ROOT_NS && (istio === 'ingressgateway' || istio === 'egressgateway');
}
