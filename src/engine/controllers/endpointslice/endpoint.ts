import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Mut } from '../../api/types.ts';
import { findPort, hostnameFor, isPodReady, podIPv4 } from '../endpoints/podutil.ts';

export type SliceEndpoint = Mut<Endpoint>;
export type SlicePort = Mut<EndpointPort>;

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** podToEndpoint: one endpoint per pod, with ready/serving/terminating conditions. */
export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service): SliceEndpoint | undefined {
  const ip = podIPv4(pod);
  if (!ip) return undefined;
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  // For compatibility, "ready" is never true for a terminating pod unless publishNotReadyAddresses is set.
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: [ip],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  const hostname = hostnameFor(pod, svc);
  if (hostname) ep.hostname = hostname;
  return ep;
}

/** getEndpointPorts: the service ports this pod serves, with named target ports resolved. */
export function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** A stable identity for an endpoint within a Service (the pod it stands for). */
export function endpointKey(ep: SliceEndpoint): string {
  return ep.targetRef?.uid ? `uid:${ep.targetRef.uid}` : `ip:${ep.addresses.join(',')}`;
}

/** Ports identify which slice an endpoint belongs in (endpointMeta's hash). */
export function portsKey(ports: SlicePort[] | undefined | null): string {
  return JSON.stringify(
    (ports ?? []).map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? '', p.appProtocol ?? '']).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );
}
