import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { StoreEvent } from '../../store/store.ts';
import { renderServicePort, type Fragment, type RenderOptions } from './iptables.ts';
import { servicePorts, usesLocalEndpoints, type ServicePortInfo } from './model.ts';

/** kube-proxy switches to largeClusterMode above this many endpoints (largeClusterEndpointsThreshold). */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

interface Entry {
  svc?: Service;
  slices: Map<string, EndpointSlice>;
  ports: ServicePortInfo[];
  version: number;
  /** Rendered fragments: '' for node-independent ones, else per node name. */
  rendered: Map<string, { version: number; large: boolean; frags: Fragment[] }>;
}

export type ChangeListener = (key: string) => void;

/**
 * The service and endpoint caches every kube-proxy keeps (ServiceChangeTracker, EndpointsChangeTracker),
 * shared by the simulated nodes: each Service/EndpointSlice event updates only its own service ("ns/name"),
 * and rule fragments are re-rendered per service on demand (upstream's partial syncs).
 */
export class ServiceCache {
  private entries = new Map<string, Entry>();
  private sortedKeys: string[] | undefined;
  /** Bumped on every change; node proxies compare it to know whether to re-assemble their tables. */
  generation = 0;
  totalEndpoints = 0;
  private listeners: ChangeListener[] = [];
  /** Service ports by "ip:port/proto" (ClusterIP, external and LB IPs) and by "nodePort/proto". */
  private byVIP = new Map<string, Set<string>>();
  private byNodePort = new Map<string, Set<string>>();

  onChange(l: ChangeListener): void {
    this.listeners.push(l);
  }

  onStoreEvent(ev: StoreEvent): void {
    if (ev.resource === 'services') {
      const key = `${ev.object.metadata?.namespace}/${ev.object.metadata?.name}`;
      const e = this.entry(key);
      e.svc = ev.type === 'DELETED' ? undefined : (ev.object as unknown as Service);
      this.refresh(key, e);
    } else if (ev.resource === 'endpointslices') {
      const s = ev.object as unknown as EndpointSlice;
      const svcName = s.metadata?.labels?.['kubernetes.io/service-name'];
      if (!svcName) return;
      const key = `${s.metadata?.namespace}/${svcName}`;
      const e = this.entry(key);
      if (ev.type === 'DELETED') e.slices.delete(s.metadata!.name!);
      else e.slices.set(s.metadata!.name!, s);
      this.refresh(key, e);
    }
  }

  private entry(key: string): Entry {
    let e = this.entries.get(key);
    if (!e) {
      e = { slices: new Map(), ports: [], version: 0, rendered: new Map() };
      this.entries.set(key, e);
      this.sortedKeys = undefined;
    }
    return e;
  }

  private refresh(key: string, e: Entry): void {
    this.unindex(key, e.ports);
    for (const p of e.ports) this.totalEndpoints -= p.endpoints.length;
    e.ports = e.svc ? servicePorts(e.svc, [...e.slices.values()], e.ports) : [];
    for (const p of e.ports) this.totalEndpoints += p.endpoints.length;
    this.index(key, e.ports);
    e.version++;
    e.rendered.clear();
    if (!e.svc && e.slices.size === 0) {
      this.entries.delete(key);
      this.sortedKeys = undefined;
    }
    this.generation++;
    for (const l of this.listeners) l(key);
  }

  private index(key: string, ports: ServicePortInfo[]): void {
    for (const p of ports) {
      for (const ip of [p.clusterIP, ...p.externalIPs, ...p.loadBalancerVIPs]) addTo(this.byVIP, `${ip}:${p.port}/${p.proto}`, key);
      if (p.nodePort) addTo(this.byNodePort, `${p.nodePort}/${p.proto}`, key);
    }
  }

  private unindex(key: string, ports: ServicePortInfo[]): void {
    for (const p of ports) {
      for (const ip of [p.clusterIP, ...p.externalIPs, ...p.loadBalancerVIPs]) this.byVIP.get(`${ip}:${p.port}/${p.proto}`)?.delete(key);
      if (p.nodePort) this.byNodePort.get(`${p.nodePort}/${p.proto}`)?.delete(key);
    }
  }

  /** Services in name order (the order rules are written in). */
  keys(): string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.entries.keys()].sort();
    return this.sortedKeys;
  }

  ports(key: string): ServicePortInfo[] {
    return this.entries.get(key)?.ports ?? [];
  }

  service(key: string): Service | undefined {
    return this.entries.get(key)?.svc;
  }

  /** Services whose VIP (ClusterIP, external IP, LB IP) is ip:port, or whose nodePort is port (when `local`). */
  lookup(ip: string, port: number, proto: string, local: boolean): string[] {
    const out = new Set(this.byVIP.get(`${ip}:${port}/${proto}`) ?? []);
    if (local) for (const k of this.byNodePort.get(`${port}/${proto}`) ?? []) out.add(k);
    return [...out];
  }

  /** The rule fragments of one service for one node, rendered once per change (shared when node-independent). */
  fragments(key: string, o: RenderOptions): Fragment[] {
    const e = this.entries.get(key);
    if (!e) return [];
    const perNode = e.ports.some((p) => usesLocalEndpoints(p));
    const slot = perNode ? o.nodeName : '';
    const large = this.totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
    const hit = e.rendered.get(slot);
    if (hit && hit.version === e.version && hit.large === large) return hit.frags;
    const frags = e.ports.map((p) => renderServicePort(p, { ...o, largeClusterMode: large }));
    e.rendered.set(slot, { version: e.version, large, frags });
    return frags;
  }
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}
