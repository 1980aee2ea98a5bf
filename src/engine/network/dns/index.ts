import type { Pod } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ClusterRuntime } from '../../runtime.ts';
import { KubernetesZone } from './kubernetes.ts';
import { corednsConfigMap, corednsDeployment, corednsServiceAccount, kubeDnsService } from './manifests.ts';
import { NODE_RESOLV_CONF, podDNSConfig } from './resolvconf.ts';
import { lookupHost } from './stub.ts';
import type { DnsAnswer, HostLookup, ResolvConf, RRType } from './types.ts';
import { upstreamAnswer } from './upstream.ts';

export const DNS_SERVICE = 'dns';
const DNS_IP = '10.96.0.10';

/** A CoreDNS pod a query can reach. */
export interface DnsServer {
  ip: string;
  pod?: { namespace: string; name: string };
  nodeName?: string;
}

/** Where a query sent to a nameserver address ends up. */
export type DnsRoute =
  | { kind: 'cluster'; service: string; servers: DnsServer[] }
  | { kind: 'upstream' }
  | { kind: 'unreachable'; reason: string };

export interface DnsService {
  readonly zone: KubernetesZone;
  /** The resolver configuration of a pod (null: a node, or a client outside the cluster). */
  configFor(pod: Pod | null): ResolvConf;
  /** Where queries to `nameserver` go: the kube-dns Service's ready CoreDNS pods, the upstream, or nowhere. */
  route(nameserver: string): DnsRoute;
  /** CoreDNS's answer to one question (no path checks). */
  query(qname: string, qtype: RRType): DnsAnswer;
  /**
   * Resolve `name` as a process in `from` would (search list, ndots). `canReach` may veto the path to a
   * CoreDNS pod (a NetworkPolicy dropping port 53): then the lookup times out.
   */
  resolve(from: Pod | null, name: string, type?: RRType, canReach?: (server: DnsServer) => boolean): HostLookup & { via?: DnsServer };
}

function readyServers(rt: ClusterRuntime, ns: string, name: string): DnsServer[] {
  const out: DnsServer[] = [];
  for (const o of rt.store.list('endpointslices', ns)) {
    const s = o as unknown as EndpointSlice;
    if (s.metadata?.labels?.['kubernetes.io/service-name'] !== name) continue;
    for (const ep of s.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      const ref = ep.targetRef;
      out.push({ ip: ep.addresses[0], pod: ref?.name ? { namespace: ref.namespace ?? ns, name: ref.name } : undefined, nodeName: ep.nodeName ?? undefined });
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

function createIfMissing(rt: ClusterRuntime, resource: string, obj: { metadata: { name?: string; namespace?: string } }): void {
  if (rt.store.get(resource, obj.metadata.namespace, obj.metadata.name!)) return;
  rt.api.create(obj as never);
}

/** The kubeadm CoreDNS add-on objects (each created only when missing). */
export function installCoreDNS(rt: ClusterRuntime): void {
  createIfMissing(rt, 'configmaps', corednsConfigMap());
  createIfMissing(rt, 'serviceaccounts', corednsServiceAccount());
  createIfMissing(rt, 'services', kubeDnsService(DNS_IP));
  createIfMissing(rt, 'deployments', corednsDeployment());
}

/**
 * Cluster DNS: the CoreDNS add-on in kube-system (ConfigMap, ServiceAccount, the `coredns` Deployment and the
 * `kube-dns` Service at 10.96.0.10, installed by `bootstrap` once the control plane runs, unless the cluster is created with `dns: false`), and the `dns` service that answers questions the way those pods would.
 */
export function startDNS(rt: ClusterRuntime): DnsService {
  const zone = new KubernetesZone(rt.store, upstreamAnswer);
  zone.serial = Math.floor(rt.clock.nowUnixMs() / 1000);
  rt.store.watch((ev) => {
    if (ev.resource === 'services' || ev.resource === 'endpointslices' || ev.resource === 'namespaces') zone.serial = Math.floor(rt.clock.nowUnixMs() / 1000);
  });

  const svc: DnsService = {
    zone,
    configFor: (pod) => (pod ? podDNSConfig(pod) : NODE_RESOLV_CONF),
    route(nameserver) {
      for (const o of rt.store.list('services')) {
        const s = o.spec as { clusterIP?: string } | undefined;
        if (s?.clusterIP !== nameserver) continue;
        const servers = readyServers(rt, o.metadata.namespace!, o.metadata.name!);
        const isDns = (o.spec as { selector?: Record<string, string> }).selector?.['k8s-app'] === 'kube-dns';
        if (!isDns) return { kind: 'unreachable', reason: `${nameserver} is the Service ${o.metadata.namespace}/${o.metadata.name}, which does not answer DNS` };
        if (!servers.length) return { kind: 'unreachable', reason: `Service ${o.metadata.namespace}/${o.metadata.name} has no ready endpoints` };
        return { kind: 'cluster', service: `${o.metadata.namespace}/${o.metadata.name}`, servers };
      }
      const direct = readyServers(rt, 'kube-system', 'kube-dns').find((s) => s.ip === nameserver);
      if (direct) return { kind: 'cluster', service: 'kube-system/kube-dns', servers: [direct] };
      if (nameserver === NODE_RESOLV_CONF.nameservers[0] || !nameserver.startsWith('10.')) return { kind: 'upstream' };
      return { kind: 'unreachable', reason: `nothing answers DNS at ${nameserver}` };
    },
    query: (qname, qtype) => zone.query(qname, qtype),
    resolve(from, name, type = 'A', canReach) {
      const conf = svc.configFor(from);
      const server = conf.nameservers[0] ?? '127.0.0.1';
      const route = svc.route(server);
      let via: DnsServer | undefined;
      const res = lookupHost(name, conf, (qname, qtype) => {
        if (route.kind === 'unreachable') return undefined;
        if (route.kind === 'upstream') return upstreamAnswer(qname, qtype);
        // kube-proxy spreads queries over the CoreDNS pods; a fixed pick per name keeps runs reproducible.
        via = route.servers[hash(qname) % route.servers.length];
        if (canReach && !canReach(via)) return undefined;
        return zone.query(qname, qtype);
      }, type);
      return { ...res, via };
    },
  };
  rt.services.set(DNS_SERVICE, svc);
  return svc;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h;
}

export type { DnsAnswer, HostLookup, ResolvConf, RRType } from './types.ts';
