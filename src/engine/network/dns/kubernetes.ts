import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ObjectStore } from '../../store/store.ts';
import { parseIPv4 } from '../ipv4.ts';
import { emptyAnswer, fqdn, type DnsAnswer, type RR, type RRType } from './types.ts';

export const CLUSTER_DOMAIN = 'cluster.local';

/** A ready address of a Service, as CoreDNS builds it from the EndpointSlices. */
export interface DnsEndpoint {
  ip: string;
  /** The endpoint's DNS label: its hostname when set, else the IP with dashes. */
  label: string;
  ports: Array<{ name: string; port: number; protocol: string }>;
}

/** The pieces of a question under the cluster zone (plugin/kubernetes parseRequest). */
interface Parsed {
  podOrSvc: 'svc' | 'pod';
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

/** What an upstream (the node's resolver, `forward . /etc/resolv.conf`) answers for names outside the cluster. */
export type Upstream = (qname: string, qtype: RRType) => DnsAnswer;

/**
 * The CoreDNS `kubernetes` plugin as kubeadm configures it (`kubernetes cluster.local in-addr.arpa ip6.arpa
 * { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`), answering from the API objects:
 * A records for ClusterIP Services, ready endpoint IPs for headless ones, per-endpoint names
 * (`<hostname|a-b-c-d>.<svc>.<ns>.svc`), SRV for ports, pod A records (`a-b-c-d.<ns>.pod`), ExternalName
 * CNAMEs, PTR for Service and endpoint IPs, NXDOMAIN with the zone's SOA otherwise.
 */
export class KubernetesZone {
  ttl = 30;
  /** SOA serial: unix seconds of the last change the plugin saw (its informers' Modified()). */
  serial = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly upstream: Upstream,
    readonly zone = CLUSTER_DOMAIN,
  ) {}

  soa(): RR {
    return {
      name: `${this.zone}.`,
      ttl: this.ttl,
      type: 'SOA',
      data: `ns.dns.${this.zone}. hostmaster.${this.zone}. ${this.serial} 7200 1800 86400 ${this.ttl}`,
    };
  }

  /** Answer one question, as the server block `.:53` does: kubernetes for its zones, forward for the rest. */
  query(qnameIn: string, qtype: RRType): DnsAnswer {
    const qname = fqdn(qnameIn.toLowerCase());
    const zone = `${this.zone}.`;
    if (qname === zone || qname.endsWith(`.${zone}`)) return this.serveZone(qname, qtype);
    if (qname.endsWith('.in-addr.arpa.') && qtype === 'PTR') {
      const r = this.reverse(qname);
      if (r) return r;
    }
    return this.upstream(qname, qtype);
  }

  private nxdomain(): DnsAnswer {
    return { ...emptyAnswer('NXDOMAIN', true), authority: [this.soa()] };
  }

  private nodata(): DnsAnswer {
    return { ...emptyAnswer('NOERROR', true), authority: [this.soa()] };
  }

  private serveZone(qname: string, qtype: RRType): DnsAnswer {
    const zone = `${this.zone}.`;
    const rel = qname === zone ? '' : qname.slice(0, -(zone.length + 1));
    if (qtype === 'SOA' && rel === '') return { ...emptyAnswer('NOERROR', true), answer: [this.soa()] };
    if (qtype === 'NS' && rel === '') {
      return { ...emptyAnswer('NOERROR', true), answer: [{ name: zone, ttl: this.ttl, type: 'NS', data: `ns.dns.${zone}` }], extra: this.nsAddresses() };
    }
    if (rel === 'dns-version') {
      return qtype === 'TXT' ? { ...emptyAnswer('NOERROR', true), answer: [{ name: qname, ttl: 28800, type: 'TXT', data: '"1.1.0"' }] } : this.nodata();
    }
    if (rel === 'ns.dns') {
      const a = this.nsAddresses().map((r) => ({ ...r, name: qname }));
      return qtype === 'A' && a.length ? { ...emptyAnswer('NOERROR', true), answer: a } : this.nodata();
    }
    const segs = rel === '' ? [] : rel.split('.');
    const last = segs[segs.length - 1];
    if (last !== 'svc' && last !== 'pod') return rel === '' ? this.nodata() : this.nxdomain();
    // Names above a service (`svc.cluster.local`, `ns.svc.cluster.local`) exist but hold no records.
    if (segs.length === 1) return this.nodata();
    const namespace = segs[segs.length - 2];
    if (segs.length === 2) return this.namespaceExists(namespace) ? this.nodata() : this.nxdomain();
    const p = parse(segs);
    if (!p) return this.nxdomain();
    if (p.podOrSvc === 'pod') return this.podRecord(qname, qtype, p);
    return this.serviceRecords(qname, qtype, p);
  }

  private namespaceExists(ns: string): boolean {
    return !!this.store.get('namespaces', undefined, ns);
  }

  private nsAddresses(): RR[] {
    const svc = this.store.get('services', 'kube-system', 'kube-dns') as unknown as Service | undefined;
    const ip = svc?.spec?.clusterIP;
    return ip && ip !== 'None' ? [{ name: `ns.dns.${this.zone}.`, ttl: this.ttl, type: 'A', data: ip }] : [];
  }

  /** `a-b-c-d.<ns>.pod.<zone>`: with `pods insecure`, the address the name spells, if the namespace exists. */
  private podRecord(qname: string, qtype: RRType, p: Parsed): DnsAnswer {
    if (p.endpoint || p.port) return this.nxdomain();
    const ip = p.service.replace(/-/g, '.');
    if (parseIPv4(ip) === undefined || !this.namespaceExists(p.namespace)) return this.nxdomain();
    if (qtype !== 'A') return this.nodata();
    return { ...emptyAnswer('NOERROR', true), answer: [{ name: qname, ttl: this.ttl, type: 'A', data: ip }] };
  }

  /** Ready endpoints of a Service from its EndpointSlices (ready condition unset counts as ready). */
  endpoints(ns: string, name: string): DnsEndpoint[] {
    const out: DnsEndpoint[] = [];
    const seen = new Set<string>();
    for (const o of this.store.list('endpointslices', ns)) {
      const s = o as unknown as EndpointSlice;
      if (s.metadata?.labels?.['kubernetes.io/service-name'] !== name || s.addressType !== 'IPv4') continue;
      const ports = (s.ports ?? []).map((pp) => ({ name: pp.name ?? '', port: pp.port ?? 0, protocol: pp.protocol ?? 'TCP' }));
      for (const ep of s.endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        for (const ip of ep.addresses) {
          const key = `${ip}|${ep.hostname ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ ip, label: ep.hostname || ip.replace(/\./g, '-'), ports });
        }
      }
    }
    return out.sort((a, b) => (parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0));
  }

  private serviceRecords(qname: string, qtype: RRType, p: Parsed): DnsAnswer {
    const svc = this.store.get('services', p.namespace, p.service) as unknown as Service | undefined;
    if (!svc) return this.nxdomain();
    const ok = (answer: RR[], extra: RR[] = []): DnsAnswer => ({ ...emptyAnswer('NOERROR', true), answer, extra });
    const svcName = `${p.service}.${p.namespace}.svc.${this.zone}.`;
    if (svc.spec?.type === 'ExternalName') {
      if (p.endpoint || p.port) return this.nxdomain();
      const target = fqdn((svc.spec.externalName ?? '').toLowerCase());
      const cname: RR = { name: qname, ttl: this.ttl, type: 'CNAME', data: target };
      if (qtype === 'CNAME' || qtype === 'SRV') return ok([cname]);
      if (qtype !== 'A' && qtype !== 'AAAA') return this.nodata();
      // The plugin chases the target through the server (upstream for names outside the zone).
      const chased = this.query(target, qtype);
      return { ...chased, aa: true, answer: [cname, ...chased.answer], authority: chased.answer.length ? [] : chased.authority };
    }
    const headless = svc.spec?.clusterIP === 'None';
    const portMatches = (name: string, proto: string) =>
      (!p.port || p.port === name.toLowerCase()) && (!p.protocol || p.protocol === proto.toLowerCase());
    if (!headless) {
      if (p.endpoint) return this.nxdomain();
      const ip = svc.spec?.clusterIP;
      if (!ip) return this.nxdomain();
      const a: RR = { name: svcName, ttl: this.ttl, type: 'A', data: ip };
      if (qtype === 'SRV') {
        const ports = (svc.spec?.ports ?? []).filter((sp) => portMatches(sp.name ?? '', sp.protocol ?? 'TCP'));
        if (!ports.length) return p.port ? this.nxdomain() : this.nodata();
        const weight = Math.floor(100 / ports.length);
        const srv = dedupe(ports.map((sp) => ({ name: qname, ttl: this.ttl, type: 'SRV' as const, data: `0 ${weight} ${sp.port} ${svcName}` })));
        return ok(srv, [a]);
      }
      if (p.port) {
        const any = (svc.spec?.ports ?? []).some((sp) => portMatches(sp.name ?? '', sp.protocol ?? 'TCP'));
        if (!any) return this.nxdomain();
      }
      if (qtype === 'A') return ok([{ ...a, name: qname }]);
      return this.nodata();
    }
    // Headless: the ready endpoints themselves.
    let eps = this.endpoints(p.namespace, p.service);
    if (p.endpoint) eps = eps.filter((e) => e.label === p.endpoint);
    if (p.port) eps = eps.filter((e) => e.ports.some((pp) => portMatches(pp.name, pp.protocol)));
    if (eps.length === 0) return p.endpoint || p.port ? this.nxdomain() : this.nodata();
    if (qtype === 'SRV') {
      const recs: Array<{ port: number; target: string; ip: string }> = [];
      for (const e of eps) {
        const target = `${e.label}.${svcName}`;
        const ports = e.ports.filter((pp) => portMatches(pp.name, pp.protocol));
        for (const pp of ports) recs.push({ port: pp.port, target, ip: e.ip });
      }
      if (!recs.length) return this.nodata();
      const weight = Math.floor(100 / recs.length);
      const srv = dedupe(recs.map((r) => ({ name: qname, ttl: this.ttl, type: 'SRV' as const, data: `0 ${weight} ${r.port} ${r.target}` })));
      const extra = dedupe(recs.map((r) => ({ name: r.target, ttl: this.ttl, type: 'A' as const, data: r.ip })));
      return ok(srv, extra);
    }
    if (qtype === 'A') return ok(dedupe(eps.map((e) => ({ name: qname, ttl: this.ttl, type: 'A' as const, data: e.ip }))));
    return this.nodata();
  }

  /** PTR for Service ClusterIPs and headless endpoint IPs; otherwise the question falls through to forward. */
  private reverse(qname: string): DnsAnswer | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(qname);
    if (!m) return undefined;
    const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
    const rr = (target: string): DnsAnswer => ({ ...emptyAnswer('NOERROR', true), answer: [{ name: qname, ttl: this.ttl, type: 'PTR', data: target }] });
    for (const o of this.store.list('services')) {
      const s = o as unknown as Service;
      if (s.spec?.clusterIP === ip) return rr(`${s.metadata!.name}.${s.metadata!.namespace}.svc.${this.zone}.`);
    }
    for (const o of this.store.list('services')) {
      const s = o as unknown as Service;
      if (s.spec?.clusterIP !== 'None') continue;
      const e = this.endpoints(s.metadata!.namespace!, s.metadata!.name!).find((x) => x.ip === ip);
      if (e) return rr(`${e.label}.${s.metadata!.name}.${s.metadata!.namespace}.svc.${this.zone}.`);
    }
    return undefined;
  }
}

function dedupe(rrs: RR[]): RR[] {
  const seen = new Set<string>();
  return rrs.filter((r) => {
    const k = `${r.name}|${r.type}|${r.data}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Split the labels under the zone, right to left: `svc|pod`, namespace, service, then an endpoint (one more
 * label), a port and protocol (two more, `_port._proto`), or all three.
 */
function parse(segs: string[]): Parsed | undefined {
  const n = segs.length;
  const r: Parsed = { podOrSvc: segs[n - 1] as 'svc' | 'pod', namespace: segs[n - 2], service: segs[n - 3], endpoint: '', port: '', protocol: '' };
  const rest = segs.slice(0, n - 3);
  const strip = (s: string) => (s.startsWith('_') ? s.slice(1) : s);
  switch (rest.length) {
    case 0:
      return r;
    case 1:
      r.endpoint = rest[0];
      return r;
    case 2:
      r.port = strip(rest[0]);
      r.protocol = strip(rest[1]);
      return r;
    case 3:
      r.port = strip(rest[0]);
      r.protocol = strip(rest[1]);
      r.endpoint = rest[2];
      return r;
    default:
      return undefined;
  }
}
