import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { endpointChainName, servicePortChainNameBase, servicePortNameString } from './names.ts';

/** One endpoint of a service port as kube-proxy's endpoint cache sees it (BaseEndpointInfo). */
export interface EndpointInfo {
  ip: string;
  port: number;
  /** "ip:port", the endpoint's String(). */
  str: string;
  nodeName?: string;
  podName?: string;
  podNamespace?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** KUBE-SEP-… */
  chainName: string;
}

/** One port of one Service as kube-proxy's service cache sees it (BaseServicePortInfo + servicePortInfo). */
export interface ServicePortInfo {
  /** "ns/name" */
  service: string;
  namespace: string;
  name: string;
  portName: string;
  /** "ns/name:port" */
  nameString: string;
  protocol: string;
  /** lowercase protocol, as written in rules */
  proto: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  type: string;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  healthCheckNodePort: number;
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** The chain base (16 base32 chars) shared by KUBE-SVC/SVL/EXT/FW. */
  base: string;
  /** Its KUBE-SVC/SVL/EXT/FW chain names. */
  chains: PortChains;
  /** All endpoints from the slices, sorted by "ip:port" as the endpoint cache sorts them. */
  endpoints: EndpointInfo[];
}

export interface PortChains {
  base: string;
  svc: string;
  svl: string;
  ext: string;
  fw: string;
}

export function svcChain(s: ServicePortInfo): string {
  return s.chains.svc;
}
export function svlChain(s: ServicePortInfo): string {
  return s.chains.svl;
}
export function extChain(s: ServicePortInfo): string {
  return s.chains.ext;
}
export function fwChain(s: ServicePortInfo): string {
  return s.chains.fw;
}

/** Headless, ExternalName and IP-less services are not proxied (ShouldSkipService). */
export function shouldSkipService(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return true;
  if (svc.spec?.type === 'ExternalName') return true;
  return false;
}

const portChains = new Map<string, PortChains>();

/** A service port's chain names, hashed once per "ns/name:port" + protocol (flat strings: they are sorted and copied a lot). */
function chainsOf(nameString: string, proto: string): PortChains {
  const key = nameString + proto;
  let c = portChains.get(key);
  if (c === undefined) {
    const base = servicePortChainNameBase(nameString, proto);
    c = { base, svc: ['KUBE-SVC-', base].join(''), svl: ['KUBE-SVL-', base].join(''), ext: ['KUBE-EXT-', base].join(''), fw: ['KUBE-FW-', base].join('') };
    if (portChains.size > 200_000) portChains.clear();
    portChains.set(key, c);
  }
  return c;
}

/** The KUBE-SEP chain names a service port already had, by "ip:port" (hashed again only for new endpoints). */
function knownEndpointChains(previous: readonly ServicePortInfo[] | undefined, nameString: string, protocol: string): Map<string, string> | undefined {
  const p = previous?.find((x) => x.nameString === nameString && x.protocol === protocol);
  if (!p || p.endpoints.length === 0) return undefined;
  return new Map(p.endpoints.map((e) => [e.str, e.chainName]));
}

/**
 * The service ports of a Service with their endpoints from its EndpointSlices (matched by port name and
 * protocol, as the EndpointSliceCache does). Endpoints are de-duplicated by "ip:port" and sorted.
 */
export function servicePorts(svc: Service, slices: readonly EndpointSlice[], previous?: readonly ServicePortInfo[]): ServicePortInfo[] {
  if (shouldSkipService(svc)) return [];
  const ns = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  const spec = svc.spec!;
  const type = spec.type ?? 'ClusterIP';
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer';
  const lbVIPs = type === 'LoadBalancer' ? (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip) : [];
  const out: ServicePortInfo[] = [];
  for (const p of spec.ports ?? []) {
    const protocol = p.protocol ?? 'TCP';
    const proto = protocol.toLowerCase();
    const portName = p.name ?? '';
    const nameString = servicePortNameString(ns, name, portName);
    const chains = chainsOf(nameString, proto);
    const known = knownEndpointChains(previous, nameString, protocol);
    const info: ServicePortInfo = {
      service: `${ns}/${name}`,
      namespace: ns,
      name,
      portName,
      nameString,
      protocol,
      proto,
      clusterIP: spec.clusterIP!,
      port: p.port,
      nodePort: externallyAccessible ? p.nodePort ?? 0 : 0,
      type,
      externalIPs: [...(spec.externalIPs ?? [])],
      loadBalancerVIPs: lbVIPs,
      loadBalancerSourceRanges: (spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()).filter((r) => r),
      healthCheckNodePort: type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' ? spec.healthCheckNodePort ?? 0 : 0,
      sessionAffinityClientIP: spec.sessionAffinity === 'ClientIP',
      stickyMaxAgeSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
      externalPolicyLocal: externallyAccessible || (spec.externalIPs?.length ?? 0) > 0 ? spec.externalTrafficPolicy === 'Local' : false,
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      base: chains.base,
      chains,
      endpoints: [],
    };
    const seen = new Set<string>();
    for (const slice of slices) {
      if (slice.addressType && slice.addressType !== 'IPv4') continue;
      const sp = (slice.ports ?? []).find((x) => (x.name ?? '') === portName && (x.protocol ?? 'TCP') === protocol);
      if (!sp || !sp.port) continue;
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses?.[0];
        if (!ip) continue;
        const str = [ip, sp.port].join(':');
        if (seen.has(str)) continue;
        seen.add(str);
        const c = ep.conditions ?? {};
        const ready = c.ready !== false;
        info.endpoints.push({
          ip,
          port: sp.port,
          str,
          nodeName: ep.nodeName,
          podName: ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : undefined,
          podNamespace: ep.targetRef?.kind === 'Pod' ? ep.targetRef.namespace : undefined,
          ready,
          serving: c.serving ?? ready,
          terminating: c.terminating ?? false,
          chainName: known?.get(str) ?? endpointChainName(nameString, proto, str),
        });
      }
    }
    info.endpoints.sort((a, b) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0));
    out.push(info);
  }
  return out;
}

/** What CategorizeEndpoints (pkg/proxy/topology.go) returns, for one node. */
export interface Categorized {
  clusterEndpoints: EndpointInfo[];
  localEndpoints: EndpointInfo[];
  allReachable: EndpointInfo[];
  hasEndpoints: boolean;
}

/**
 * Ready endpoints are used; when none is ready, serving-and-terminating ones are (ProxyTerminatingEndpoints).
 * Local endpoints are those on `nodeName`. Topology hints are not modelled.
 */
export function externallyAccessible(s: ServicePortInfo): boolean {
  return s.nodePort !== 0 || s.loadBalancerVIPs.length > 0 || s.externalIPs.length > 0;
}

/** UsesClusterEndpoints / UsesLocalEndpoints (pkg/proxy/serviceport.go). */
export function usesClusterEndpoints(s: ServicePortInfo): boolean {
  return !s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal);
}
export function usesLocalEndpoints(s: ServicePortInfo): boolean {
  return s.internalPolicyLocal || (s.externalPolicyLocal && externallyAccessible(s));
}

/**
 * CategorizeEndpoints (pkg/proxy/topology.go) for one node: ready endpoints are used; when none is ready,
 * serving-and-terminating ones are. Local endpoints are those on `nodeName`. Topology hints are not modelled.
 */
export function categorizeEndpoints(s: ServicePortInfo, nodeName: string): Categorized {
  let clusterEndpoints: EndpointInfo[] = [];
  let localEndpoints: EndpointInfo[] = [];
  let hasEndpoints = false;
  if (usesClusterEndpoints(s)) {
    clusterEndpoints = s.endpoints.filter((e) => e.ready);
    if (clusterEndpoints.length === 0) clusterEndpoints = s.endpoints.filter((e) => e.serving && e.terminating);
    hasEndpoints = clusterEndpoints.length > 0;
  }
  if (!usesLocalEndpoints(s)) return { clusterEndpoints, localEndpoints, allReachable: clusterEndpoints, hasEndpoints };
  let localReady = false;
  let localServingTerminating = false;
  for (const e of s.endpoints) {
    if (e.ready) {
      hasEndpoints = true;
      if (e.nodeName === nodeName) localReady = true;
    } else if (e.serving && e.terminating) {
      hasEndpoints = true;
      if (e.nodeName === nodeName) localServingTerminating = true;
    }
  }
  if (localReady) localEndpoints = s.endpoints.filter((e) => e.nodeName === nodeName && e.ready);
  else if (localServingTerminating) localEndpoints = s.endpoints.filter((e) => e.nodeName === nodeName && e.serving && e.terminating);
  if (!usesClusterEndpoints(s)) return { clusterEndpoints, localEndpoints, allReachable: localEndpoints, hasEndpoints };
  if (localEndpoints.length === 0) return { clusterEndpoints, localEndpoints, allReachable: clusterEndpoints, hasEndpoints };
  if (clusterEndpoints.length === 0) return { clusterEndpoints, localEndpoints, allReachable: localEndpoints, hasEndpoints };
  const set = new Set([...clusterEndpoints, ...localEndpoints]);
  return { clusterEndpoints, localEndpoints, allReachable: s.endpoints.filter((e) => set.has(e)), hasEndpoints };
}
