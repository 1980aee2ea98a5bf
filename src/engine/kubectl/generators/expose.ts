import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../errors.ts';
import { intOrString } from './service.ts';
import { objectMeta, sortedMap } from './meta.ts';

/** polymorphichelpers.MapBasedSelectorForObject: the selector a Service for `o` should use. */
export function selectorFor(o: KubeObject): Record<string, string> {
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  switch (o.kind) {
    case 'Pod':
      if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return { ...o.metadata.labels };
    case 'Service':
      if (!spec.selector) throw new Error('the service has no pod selector set');
      return { ...(spec.selector as Record<string, string>) };
    case 'ReplicationController':
      return { ...((spec.selector as Record<string, string>) ?? {}) };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      const what = o.kind === 'Deployment' ? 'deployment' : 'replicaset';
      if (!sel || !sel.matchLabels || Object.keys(sel.matchLabels).length === 0) {
        throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      }
      if (sel.matchExpressions && sel.matchExpressions.length > 0) {
        throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      }
      return { ...sel.matchLabels };
    }
    default:
      throw new Error(`cannot extract pod selector from *${o.apiVersion.split('/').pop()}.${o.kind}`);
  }
}

type Port = { port: number; protocol: string };

/** polymorphichelpers.PortsForObject/ProtocolsForObject: the ports a Service for `o` should expose. */
export function portsFor(o: KubeObject): Port[] {
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  const fromContainers = (ps: unknown): Port[] => {
    const cs = ((ps as { containers?: Array<{ ports?: Array<{ containerPort: number; protocol?: string }> }> } | undefined)?.containers ?? []);
    return cs.flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
  };
  switch (o.kind) {
    case 'Pod':
      return fromContainers(spec);
    case 'Service':
      return ((spec.ports as Array<{ port: number; protocol?: string }>) ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
    default:
      return fromContainers((spec.template as { spec?: unknown } | undefined)?.spec);
  }
}

export interface ExposeParams {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  /** Port numbers as text, from --port or introspection. */
  ports: Port[];
  targetPort: string;
  type: string;
  clusterIP: string;
  externalIP: string;
  loadBalancerIP: string;
  sessionAffinity: string;
  portName: string;
  protocol: string;
}

/** `kubectl expose` (expose.go generateService), in Go field order. */
export function buildExposeService(p: ExposeParams): KubeObject {
  const ports = p.ports.map((pt, i) => {
    const sp: Record<string, unknown> = {};
    const name = p.ports.length > 1 ? `port-${i + 1}` : p.portName;
    if (name) sp.name = name;
    sp.protocol = p.protocol || pt.protocol;
    sp.port = pt.port;
    sp.targetPort = p.targetPort ? intOrString(p.targetPort) : pt.port;
    return sp;
  });
  const spec: Record<string, unknown> = { ports, selector: sortedMap(p.selector) };
  if (p.clusterIP) spec.clusterIP = p.clusterIP;
  if (p.type) spec.type = p.type;
  if (p.externalIP) spec.externalIPs = [p.externalIP];
  if (p.sessionAffinity) spec.sessionAffinity = p.sessionAffinity;
  if (p.type === 'LoadBalancer' && p.loadBalancerIP) spec.loadBalancerIP = p.loadBalancerIP;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, p.namespace, p.labels),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

export function checkServiceType(t: string): void {
  if (t && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(t)) {
    throw new KubectlError(`invalid ServiceType: ${t}`);
  }
}
