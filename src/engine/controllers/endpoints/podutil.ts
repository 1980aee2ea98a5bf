import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The Ready condition's lastTransitionTime (the endpoints trigger time of a pod), if any. */
export function readyTransitionTime(pod: Pod): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
}

/**
 * endpointsliceutil.ShouldPodBeInEndpoints: terminal pods (Succeeded/Failed) and pods without an IP are
 * never endpoints; terminating pods only when `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** The pod's IPv4 address. */
export function podIPv4(pod: Pod): string | undefined {
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)].filter((x): x is string => !!x);
  return ips.find((ip) => !ip.includes(':'));
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's container
 * ports (and restartable init containers) with the same protocol. Undefined when there is no such port.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** endpointutil.ShouldSetHostname: the pod's hostname, when its subdomain names this Service. */
export function hostnameFor(pod: Pod, svc: Service): string | undefined {
  const h = pod.spec?.hostname;
  return h && pod.spec?.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace ? h : undefined;
}

/** Whether a Service's selector picks these labels. A missing selector picks nothing; `{}` picks everything. */
export function selects(svc: Service, labels: Record<string, string> | undefined): boolean {
  const sel = svc.spec?.selector;
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (l[k] !== v) return false;
  return true;
}

/** helper.IsServiceIPSet: a ClusterIP that is neither empty nor None. */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}
