import type { Service } from 'kubernetes-types/core/v1';
import { invalid } from '../api/errors.ts';
import type { AdmissionAttributes, AdmissionPlugin } from '../api/server.ts';
import { StatusError, type FieldError, type KubeObject, type ResourceType } from '../api/types.ts';
import type { Rng } from '../util/rng.ts';
import { AllocationError, type NodePortAllocator, type ServiceIPAllocator } from './allocators.ts';
import { looksLikeIPv6, parseIPv4 } from './ipv4.ts';
import {
  dropTypeDependentFields,
  isHeadless,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  patchAllocatedValues,
  shouldAllocateNodePorts,
  type Svc,
} from './service-fields.ts';

export interface ServiceAllocators {
  ips: ServiceIPAllocator;
  ports: NodePortAllocator;
  rng: Rng;
}

function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`);
}

/**
 * Service IP and NodePort allocation, as the Service REST storage does in beginCreate/beginUpdate
 * (pkg/registry/core/service/storage/alloc.go). It only decides values; what the store holds is what is
 * allocated (see ledger.ts), so a failed or dry-run request keeps nothing.
 */
export function serviceAllocationPlugin(al: ServiceAllocators): AdmissionPlugin {
  return {
    name: 'ServiceIPAndPortAllocation',
    mutate(a: AdmissionAttributes) {
      if (a.resource.plural !== 'services' || a.subresource !== '') return;
      const svc = a.object as KubeObject & Svc;
      const key = `${a.namespace}/${a.name}`;
      if (a.operation === 'CREATE') allocateCreate(al, a.resource, svc, key);
      else if (a.operation === 'UPDATE' && a.oldObject) allocateUpdate(al, a.resource, svc, a.oldObject as KubeObject & Service, key);
    },
  };
}

function allocateCreate(al: ServiceAllocators, rt: ResourceType, svc: KubeObject & Svc, key: string): void {
  initIPFamilyFields(rt, svc, undefined);
  allocClusterIPs(al, rt, svc, key);
  const taken = new Set<number>();
  if (needsNodePort(svc)) initNodePorts(al, rt, svc, key, taken);
  if (needsHealthCheck(svc)) allocHealthCheckNodePort(al, svc, key, taken);
}

function allocateUpdate(al: ServiceAllocators, rt: ResourceType, svc: KubeObject & Svc, old: KubeObject & Service, key: string): void {
  patchAllocatedValues(svc, old);
  dropTypeDependentFields(svc, old);
  initIPFamilyFields(rt, svc, old);
  // Case A: ExternalName to a type with a ClusterIP allocates; other changes keep what is held.
  if (!needsClusterIP(old) && needsClusterIP(svc)) allocClusterIPs(al, rt, svc, key);
  const taken = new Set<number>();
  if (needsNodePort(svc)) updateNodePorts(al, rt, svc, old, key, taken);
  if (needsHealthCheck(svc) && !needsHealthCheck(old)) allocHealthCheckNodePort(al, svc, key, taken);
}

/** initIPFamilyFields for a single-stack IPv4 cluster. */
function initIPFamilyFields(rt: ResourceType, svc: Svc, old: Service | undefined): void {
  if (!needsClusterIP(svc)) return;
  const spec = (svc.spec ??= {});
  // NormalizeClusterIPs: clusterIP and clusterIPs[0] describe the same value.
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  else if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (!spec.ipFamilyPolicy) {
    if (old?.spec?.ipFamilyPolicy) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (spec.clusterIP === 'None' && !Object.keys(spec.selector ?? {}).length) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const errs: FieldError[] = [];
  (spec.clusterIPs ?? []).forEach((ip, i) => {
    if (ip === 'None' || ip === '') return;
    if (looksLikeIPv6(ip)) {
      errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, value: spec.clusterIPs, detail: 'IPv6 is not configured on this cluster' });
    } else if (parseIPv4(ip) === undefined) {
      errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, value: ip, detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' });
    }
  });
  if (errs.length) throw invalid(rt, svc.metadata?.name ?? '', errs);
  if (isHeadless(svc) && !Object.keys(spec.selector ?? {}).length) {
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
    if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') spec.ipFamilies.push(spec.ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    return;
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack') {
    errs.push({ type: 'Invalid', field: 'spec.ipFamilyPolicy', value: spec.ipFamilyPolicy, detail: 'this cluster is not configured for dual-stack services' });
  }
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4') errs.push({ type: 'Invalid', field: `spec.ipFamilies[${i}]`, value: f, detail: 'not configured on this cluster' });
  });
  if (errs.length) throw invalid(rt, svc.metadata?.name ?? '', errs);
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
}

function allocClusterIPs(al: ServiceAllocators, rt: ResourceType, svc: Svc, key: string): void {
  if (!needsClusterIP(svc) || isHeadless(svc)) return;
  const spec = svc.spec!;
  const requested = spec.clusterIPs?.[0] ?? '';
  if (!requested) {
    try {
      const ip = al.ips.next(al.rng);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } catch (e) {
      throw internalError(`failed to allocate a serviceIP: ${(e as Error).message}`);
    }
    return;
  }
  try {
    al.ips.check(requested, key);
  } catch (e) {
    if (!(e instanceof AllocationError)) throw e;
    throw invalid(rt, svc.metadata?.name ?? '', [
      { type: 'Invalid', field: 'spec.clusterIPs', value: spec.clusterIPs, detail: `failed to allocate IP ${requested}: ${e.message}` },
    ]);
  }
}

/** The first nodePort requested for the same service port number at or after index `from` (findRequestedNodePort). */
function requestedNodePort(svc: Svc, port: number): number {
  for (const p of svc.spec?.ports ?? []) if (p.port === port && p.nodePort) return p.nodePort;
  return 0;
}

function take(al: ServiceAllocators, rt: ResourceType, svc: Svc, key: string, taken: Set<number>, port: number, index: number): void {
  try {
    al.ports.check(port, key, taken);
  } catch (e) {
    if (!(e instanceof AllocationError)) throw e;
    throw invalid(rt, svc.metadata?.name ?? '', [{ type: 'Invalid', field: `spec.ports[${index}].nodePort`, value: port, detail: e.message }]);
  }
  taken.add(port);
}

function next(al: ServiceAllocators, taken: Set<number>): number {
  try {
    const p = al.ports.next(al.rng, taken);
    taken.add(p);
    return p;
  } catch (e) {
    throw internalError(`failed to allocate a nodePort: ${(e as Error).message}`);
  }
}

/** initNodePorts: service ports with the same port number share one node port. */
function initNodePorts(al: ServiceAllocators, rt: ResourceType, svc: Svc, key: string, taken: Set<number>): void {
  const byPort = new Map<number, number>();
  (svc.spec?.ports ?? []).forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
    const have = byPort.get(p.port) ?? 0;
    if (!have) {
      const np = requestedNodePort(svc, p.port);
      if (np) {
        take(al, rt, svc, key, taken, np, i);
        p.nodePort = np;
      } else {
        p.nodePort = next(al, taken);
      }
      byPort.set(p.port, p.nodePort);
    } else if (p.nodePort !== have) {
      if (!p.nodePort) p.nodePort = have;
      else take(al, rt, svc, key, taken, p.nodePort, i);
    }
  });
}

/** updateNodePorts: new values are checked, kept ones stay, missing ones are allocated. */
function updateNodePorts(al: ServiceAllocators, rt: ResourceType, svc: Svc, old: Service, key: string, taken: Set<number>): void {
  const oldPorts = new Set((old.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n));
  const seen = new Set<string>();
  (svc.spec?.ports ?? []).forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
    if (p.nodePort) {
      if (!oldPorts.has(p.nodePort) && !taken.has(p.nodePort)) take(al, rt, svc, key, taken, p.nodePort, i);
    } else {
      p.nodePort = next(al, taken);
    }
    const id = `${p.protocol ?? 'TCP'}/${p.nodePort}`;
    if (seen.has(id)) throw internalError(`duplicate nodePort: {${p.protocol ?? 'TCP'} ${p.nodePort}}`);
    seen.add(id);
  });
}

function allocHealthCheckNodePort(al: ServiceAllocators, svc: Svc, key: string, taken: Set<number>): void {
  const spec = svc.spec!;
  if (spec.healthCheckNodePort) {
    try {
      al.ports.check(spec.healthCheckNodePort, key, taken);
      taken.add(spec.healthCheckNodePort);
    } catch (e) {
      throw internalError(`failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: ${(e as Error).message}`);
    }
    return;
  }
  try {
    const p = al.ports.next(al.rng, taken);
    taken.add(p);
    spec.healthCheckNodePort = p;
  } catch (e) {
    throw internalError(`failed to allocate a HealthCheck NodePort 0: ${(e as Error).message}`);
  }
}
