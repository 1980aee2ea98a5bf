import type { Node, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../api/types.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { parseIPv4 } from '../ipv4.ts';

/** A Service port an address:port reached, and how (ClusterIP, a node's NodePort, a LoadBalancer IP, externalIPs). */
export interface ServiceHit {
  svc: Service;
  port: ServicePort;
  via: 'clusterIP' | 'nodePort' | 'loadBalancer' | 'externalIP';
}

export interface ReadyEndpoint {
  ip: string;
  port: number;
  pod?: { namespace: string; name: string };
  nodeName?: string;
}

/** Read-only questions about where addresses live, answered from the store. */
export class World {
  constructor(private readonly rt: ClusterRuntime) {}

  nodes(): Node[] {
    return this.rt.store.list('nodes') as unknown as Node[];
  }

  nodeIP(n: Node): string | undefined {
    return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  }

  nodeByIP(ip: string): Node | undefined {
    return this.nodes().find((n) => this.nodeIP(n) === ip);
  }

  nodeByName(name: string): Node | undefined {
    return this.rt.store.get('nodes', undefined, name) as unknown as Node | undefined;
  }

  /** The node whose podCIDR holds `ip`. */
  nodeForPodIP(ip: string): Node | undefined {
    const n = parseIPv4(ip);
    if (n === undefined) return undefined;
    for (const node of this.nodes()) {
      const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(node.spec?.podCIDR ?? '');
      if (!m) continue;
      const base = parseIPv4(m[1])!;
      const size = 2 ** (32 - +m[2]);
      if (n >= base && n < base + size) return node;
    }
    return undefined;
  }

  /** The pods bound to node `name` (a scan of the pods: traffic is not a hot path). */
  podsOnNode(name: string): Pod[] {
    return (this.rt.store.list('pods') as unknown as Pod[]).filter((p) => p.spec?.nodeName === name);
  }

  /** The running pod with this IP (not host-network pods). */
  podByIP(ip: string): Pod | undefined {
    const np = this.rt.service<{ podByIP?(ip: string): KubeObject | undefined }>('network-policy');
    if (np?.podByIP) return np.podByIP(ip) as unknown as Pod | undefined;
    for (const p of this.rt.store.list('pods') as unknown as Pod[]) {
      if (p.status?.podIP === ip && !p.spec?.hostNetwork && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') return p;
    }
    return undefined;
  }

  /** The Service port `ip:port` reaches, if any (ClusterIP first, then LoadBalancer/external IPs, then NodePorts). */
  serviceAt(ip: string, port: number, protocol: string): ServiceHit | undefined {
    const node = this.nodeByIP(ip);
    for (const o of this.rt.store.list('services')) {
      const svc = o as unknown as Service;
      const spec = svc.spec;
      if (!spec || spec.type === 'ExternalName') continue;
      const ports = spec.ports ?? [];
      const match = (pred: (p: ServicePort) => boolean) => ports.find((p) => (p.protocol ?? 'TCP') === protocol && pred(p));
      if (spec.clusterIP && spec.clusterIP !== 'None' && (spec.clusterIPs ?? [spec.clusterIP]).includes(ip)) {
        const p = match((sp) => sp.port === port);
        if (p) return { svc, port: p, via: 'clusterIP' };
      }
      if ((svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip)) {
        const p = match((sp) => sp.port === port);
        if (p) return { svc, port: p, via: 'loadBalancer' };
      }
      if ((spec.externalIPs ?? []).includes(ip)) {
        const p = match((sp) => sp.port === port);
        if (p) return { svc, port: p, via: 'externalIP' };
      }
      if (node && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
        const p = match((sp) => sp.nodePort === port);
        if (p) return { svc, port: p, via: 'nodePort' };
      }
    }
    return undefined;
  }

  /** True when `ip` is some Service's ClusterIP (whatever the port). */
  isClusterIP(ip: string): Service | undefined {
    for (const o of this.rt.store.list('services')) {
      const s = o as unknown as Service;
      if (s.spec?.clusterIP && s.spec.clusterIP !== 'None' && (s.spec.clusterIPs ?? [s.spec.clusterIP]).includes(ip)) return s;
    }
    return undefined;
  }

  /** A LoadBalancer ingress IP's Service. */
  loadBalancerService(ip: string): Service | undefined {
    for (const o of this.rt.store.list('services')) {
      const s = o as unknown as Service;
      if ((s.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === ip)) return s;
    }
    return undefined;
  }

  /** Ready endpoints of a Service port, from its EndpointSlices (the port matched by name). */
  readyEndpoints(svc: Service, port: ServicePort): ReadyEndpoint[] {
    const ns = svc.metadata?.namespace ?? 'default';
    const out: ReadyEndpoint[] = [];
    for (const o of this.rt.store.list('endpointslices', ns)) {
      const s = o as unknown as EndpointSlice;
      if (s.metadata?.labels?.['kubernetes.io/service-name'] !== svc.metadata?.name) continue;
      const sp = (s.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
      if (!sp?.port) continue;
      for (const ep of s.endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        const ref = ep.targetRef;
        out.push({ ip: ep.addresses[0], port: sp.port, pod: ref?.name ? { namespace: ref.namespace ?? ns, name: ref.name } : undefined, nodeName: ep.nodeName ?? undefined });
      }
    }
    return out.sort((a, b) => (parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0));
  }
}
