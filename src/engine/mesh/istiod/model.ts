import type { KubeObject } from '../../api/types.ts';
import type { ServiceEntrySpec } from '../../api/kinds/istio/types.ts';

export const DOMAIN = 'svc.cluster.local';

/** How istiod treats a port: by name prefix or appProtocol (pkg/config/protocol). */
export type PortProtocol = 'HTTP' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS' | 'HTTPS' | 'UDP' | 'AUTO';

export function isHttpProtocol(p: PortProtocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'AUTO';
}

const prefixes: [string, PortProtocol][] = [
  ['grpc-web', 'HTTP'], ['grpc', 'GRPC'], ['http2', 'HTTP2'], ['http', 'HTTP'], ['https', 'HTTPS'], ['tls', 'TLS'],
  ['tcp', 'TCP'], ['mongo', 'TCP'], ['mysql', 'TCP'], ['redis', 'TCP'], ['udp', 'UDP'],
];

/** protocol.Parse of appProtocol, else of the port name's prefix before "-"; unknown → AUTO (sniffing). */
export function portProtocol(name: string | undefined, appProtocol: string | undefined, proto: string | undefined): PortProtocol {
  if (proto === 'UDP') return 'UDP';
  const parse = (s: string): PortProtocol | undefined => {
    const l = s.toLowerCase();
    for (const [p, v] of prefixes) if (l === p) return v;
    return undefined;
  };
  if (appProtocol) {
    const v = parse(appProtocol);
    if (v) return v;
  }
  if (name) {
    const v = parse(name.split('-')[0]);
    if (v) return v;
  }
  return 'AUTO';
}

export interface ServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  protocol: PortProtocol;
}

/** One service in istiod's registry: a Kubernetes Service or a ServiceEntry host. */
export interface MeshService {
  hostname: string;
  name: string;
  namespace: string;
  /** ClusterIP, the ServiceEntry's first address, or "0.0.0.0" for none. */
  address: string;
  ports: ServicePort[];
  selector?: Record<string, string>;
  /** ServiceEntry: the kind of cluster (resolution) and inline endpoints. */
  entry?: { resolution: string; location: string; endpoints: { address: string; ports?: Record<string, number>; labels?: Record<string, string> }[] };
  /** The object it came from (identity for caching). */
  source: KubeObject;
}

export function serviceFromK8s(svc: KubeObject): MeshService | undefined {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; type?: string; ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }[]; selector?: Record<string, string> };
  if (spec.type === 'ExternalName') return undefined;
  const name = svc.metadata.name ?? '';
  const namespace = svc.metadata.namespace ?? 'default';
  return {
    hostname: `${name}.${namespace}.${DOMAIN}`,
    name,
    namespace,
    address: spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : '0.0.0.0',
    ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, targetPort: p.targetPort ?? p.port, protocol: portProtocol(p.name, p.appProtocol, p.protocol) })),
    selector: spec.selector,
    source: svc,
  };
}

export function servicesFromEntry(se: KubeObject): MeshService[] {
  const spec = (se.spec ?? {}) as ServiceEntrySpec;
  const namespace = se.metadata.namespace ?? 'default';
  return (spec.hosts ?? []).map((host) => ({
    hostname: host,
    name: host,
    namespace,
    address: spec.addresses?.[0]?.split('/')[0] ?? '0.0.0.0',
    ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.number ?? 0, targetPort: p.targetPort ?? p.number ?? 0, protocol: portProtocol(p.protocol, undefined, undefined) })),
    entry: { resolution: spec.resolution ?? 'NONE', location: spec.location ?? 'MESH_EXTERNAL', endpoints: (spec.endpoints ?? []).map((e) => ({ address: e.address ?? '', ports: e.ports, labels: e.labels })) },
    source: se,
  }));
}

/** Resolve a host written in an Istio resource of `namespace` to a FQDN ("reviews" → reviews.default.svc.cluster.local). */
export function resolveHost(host: string, namespace: string): string {
  if (host.includes('.') || host === '*' || host.startsWith('*')) return host;
  return `${host}.${namespace}.${DOMAIN}`;
}
