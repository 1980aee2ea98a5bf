import type { KubeObject } from '../../api/types.ts';
import type { ServiceEntrySpec } from '../../api/kinds/istio/types.ts';

export const DOMAIN = 'svc.cluster.local';

/** How istiod treats a port: by name prefix or appProtocol (pkg/config/protocol). */
export type PortProtocol = 'HTTP' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS' | 'HTTPS' | 'UDP' | 'AUTO';

export function isHttpProtocol(p: PortProtocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'GRPC' || p === 'AUTO';
}

const prefixes: [string, PortProtocol][] = [
  ['grpc', 'GRPC'], ['http2', 'HTTP2'], ['http', 'HTTP'], ['http_proxy', 'HTTP'], ['https', 'HTTPS'], ['tls', 'TLS'],
  ['tcp', 'TCP'], ['mongo', 'TCP'], ['mysql', 'TCP'], ['redis', 'TCP'], ['udp', 'UDP'],
];

/** Ports never sniffed (SMTP, DNS, MySQL, MongoDB): an unrecognised name makes them TCP. */
const wellKnownPorts = new Set([25, 53, 3306, 27017]);

/**
 * kube.ConvertProtocol (pkg/config/kube/conversion.go): UDP stays UDP; an appProtocol replaces the port name
 * entirely (kubernetes.io/h2c → HTTP2, kubernetes.io/ws → HTTP, kubernetes.io/wss → HTTPS); a "grpc-web" prefix is
 * gRPC-Web (HTTP); otherwise protocol.Parse of the part before the first "-", case-insensitively. Unknown → TCP
 * on the well-known ports, else AUTO (protocol sniffing).
 */
export function portProtocol(name: string | undefined, appProtocol: string | undefined, proto: string | undefined, port?: number): PortProtocol {
  if (proto === 'UDP') return 'UDP';
  let n = name ?? '';
  if (appProtocol) {
    n = appProtocol;
    if (n === 'kubernetes.io/h2c') return 'HTTP2';
    if (n === 'kubernetes.io/ws') return 'HTTP';
    if (n === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (n.toLowerCase().startsWith('grpc-web')) return 'HTTP';
  const head = n.split('-')[0].toLowerCase();
  for (const [p, v] of prefixes) if (head === p) return v;
  return port !== undefined && wellKnownPorts.has(port) ? 'TCP' : 'AUTO';
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
    ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, targetPort: p.targetPort ?? p.port, protocol: portProtocol(p.name, p.appProtocol, p.protocol, p.port) })),
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
