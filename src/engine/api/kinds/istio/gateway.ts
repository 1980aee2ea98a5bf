import type { KubeObject } from '../../types.ts';
import { istioKind } from './crd.ts';
import type { GatewaySpec } from './types.ts';

const protocols = ['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'REDIS', 'MYSQL', 'TCP', 'TLS', 'UDP'];

/** ValidateGateway (validation.go, servers and ports). */
export function validateGateway(obj: KubeObject): string[] {
  const gw = (obj.spec ?? {}) as GatewaySpec;
  const errs: string[] = [];
  const servers = gw.servers ?? [];
  if (servers.length === 0) return ['gateway must have at least one server'];
  const names = new Set<string>();
  for (const s of servers) {
    if (s.port?.name) {
      if (names.has(s.port.name)) errs.push(`port names in servers must be unique: duplicate name ${s.port.name}`);
      names.add(s.port.name);
    }
    if ((s.hosts ?? []).length === 0) errs.push('server config must contain at least one host');
    if (!s.port) {
      errs.push('port is required');
      continue;
    }
    const proto = (s.port.protocol ?? '').toUpperCase();
    if (!protocols.includes(proto)) errs.push(`invalid protocol ${JSON.stringify(s.port.protocol ?? '')}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`);
    if (s.port.targetPort) errs.push('targetPort has no impact on Gateways');
    if (!s.port.name) errs.push(`port name must be set: number:${s.port.number ?? 0} protocol:${JSON.stringify(s.port.protocol ?? '')}`);
    if ((proto === 'HTTPS' || proto === 'TLS') && !s.tls) errs.push('server must have TLS settings for HTTPS/TLS protocols');
    if (s.tls && proto !== 'HTTPS' && proto !== 'TLS' && !(proto === 'HTTP' && s.tls.httpsRedirect)) errs.push('server cannot have TLS settings for non HTTPS/TLS ports');
  }
  return errs;
}

export const gateway = istioKind({
  kind: 'Gateway',
  group: 'networking.istio.io',
  plural: 'gateways',
  singular: 'gateway',
  shortNames: ['gw'],
  versions: ['v1', 'v1alpha3', 'v1beta1'],
  webhook: validateGateway,
});
