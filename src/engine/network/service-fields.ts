import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Mut } from '../api/types.ts';

/** Helpers over Service specs shared by allocation and its bookkeeping (pkg/api/service, registry/core/service/storage). */
export type Svc = Mut<Service>;
export type SvcPort = Mut<ServicePort>;

export function svcType(svc: Svc | Service): string {
  return svc.spec?.type || 'ClusterIP';
}

/** Every type but ExternalName has a ClusterIP ("None" counts). */
export function needsClusterIP(svc: Svc | Service): boolean {
  return svcType(svc) !== 'ExternalName';
}

export function needsNodePort(svc: Svc | Service): boolean {
  const t = svcType(svc);
  return t === 'NodePort' || t === 'LoadBalancer';
}

/** NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local gets a healthCheckNodePort. */
export function needsHealthCheck(svc: Svc | Service): boolean {
  return svcType(svc) === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
}

/** shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false. */
export function shouldAllocateNodePorts(svc: Svc): boolean {
  const t = svcType(svc);
  if (t === 'NodePort') return true;
  if (t === 'LoadBalancer') return svc.spec?.allocateLoadBalancerNodePorts !== false;
  return false;
}

export function isHeadless(svc: Svc | Service): boolean {
  return svc.spec?.clusterIP === 'None' || svc.spec?.clusterIPs?.[0] === 'None';
}

/** The addresses a stored Service holds in the ClusterIP range. */
export function heldIPs(svc: Service): string[] {
  if (!needsClusterIP(svc)) return [];
  const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip && ip !== 'None');
}

/** The node ports a stored Service holds (ports' nodePorts and the healthCheckNodePort). */
export function heldPorts(svc: Service): number[] {
  const out = new Set<number>();
  for (const p of svc.spec?.ports ?? []) if (p.nodePort) out.add(p.nodePort);
  if (svc.spec?.healthCheckNodePort) out.add(svc.spec.healthCheckNodePort);
  return [...out];
}

export function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function nodePortsOf(svc: Svc | Service): number[] {
  return (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0);
}

/**
 * patchAllocatedValues: a client that resubmits a Service without the values the server allocated (kubectl
 * replace/apply of the original file) keeps them: clusterIP(s), nodePorts (matched by port name), healthCheckNodePort.
 */
export function patchAllocatedValues(svc: Svc, old: Service): void {
  const spec = (svc.spec ??= {});
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP && old.spec?.clusterIP) spec.clusterIP = old.spec.clusterIP;
    if (!spec.clusterIPs?.length && old.spec?.clusterIPs?.length) spec.clusterIPs = [...old.spec.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const oldUsed = new Set(nodePortsOf(old).filter((n) => n));
    const used = new Set(nodePortsOf(svc).filter((n) => n && oldUsed.has(n)));
    const byName = new Map((old.spec?.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of spec.ports ?? []) {
      if (!p.nodePort) {
        const v = byName.get(p.name ?? '') ?? 0;
        if (v && !used.has(v)) p.nodePort = v;
      }
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !spec.healthCheckNodePort) {
    spec.healthCheckNodePort = old.spec?.healthCheckNodePort;
  }
}

/**
 * dropTypeDependentFields (the Service strategy's PrepareForUpdate): when the type changes away from one
 * that needed a value the server may have set, and the client left that value unchanged, wipe it.
 */
export function dropTypeDependentFields(svc: Svc, old: Service): void {
  const spec = (svc.spec ??= {});
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (spec.clusterIP === old.spec?.clusterIP && sameJSON(spec.clusterIPs, old.spec?.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameJSON(spec.ipFamilies, old.spec?.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.spec?.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc) && sameJSON(nodePortsOf(svc), nodePortsOf(old))) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && spec.healthCheckNodePort === old.spec?.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  // externalTrafficPolicy only applies to NodePort and LoadBalancer services.
  if (needsNodePort(old) && !needsNodePort(svc) && spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (svcType(old) === 'LoadBalancer' && svcType(svc) !== 'LoadBalancer' && spec.loadBalancerClass === old.spec?.loadBalancerClass) {
    delete spec.loadBalancerClass;
  }
  if (svcType(svc) !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === old.spec?.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
}
