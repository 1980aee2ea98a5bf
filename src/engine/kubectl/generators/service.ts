import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../errors.ts';
import { objectMeta } from './meta.ts';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** utilsnet.ParsePort: a decimal port 0..65535 with strconv's errors. */
export function parsePort(s: string, allowZero: boolean): number {
  if (!/^\d+$/.test(s)) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = parseInt(s, 10);
  if (n > 65535) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  if (n === 0 && !allowZero) throw new KubectlError(`0 is not a valid port number`);
  return n;
}

/** intstr.Parse: an integer when the text is one, else the string. */
export function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) && Math.abs(parseInt(s, 10)) < 2 ** 31 ? parseInt(s, 10) : s;
}

export interface ServiceParams {
  name: string;
  namespace?: string;
  type: ServiceType;
  tcp: string[];
  clusterIP: string;
  nodePort: number;
  externalName: string;
}

/** `kubectl create service <type>` (create_service.go createService), in Go field order. */
export function buildService(p: ServiceParams): KubeObject {
  const ports = p.tcp.map((spec) => {
    const i = spec.indexOf(':');
    const portText = i >= 0 ? spec.slice(0, i) : spec;
    const targetText = i >= 0 ? spec.slice(i + 1) : '';
    const port = parsePort(portText, true);
    const sp: Record<string, unknown> = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort: targetText ? intOrString(targetText) : port };
    if (p.nodePort) sp.nodePort = p.nodePort;
    return sp;
  });
  const spec: Record<string, unknown> = {};
  if (ports.length > 0) spec.ports = ports;
  spec.selector = { app: p.name };
  if (p.clusterIP) spec.clusterIP = p.clusterIP;
  spec.type = p.type;
  if (p.externalName) spec.externalName = p.externalName;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, p.namespace, { app: p.name }),
    spec,
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}
