import type { GatewaySpec } from '../../api/kinds/istio/types.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Listener, Route, RouteConfiguration, VirtualHost } from '../envoy/types.ts';
import { gatewayHttpListener } from './listeners.ts';
import type { MeshRegistry } from './registry.ts';
import { translateHttpRoute, type ServiceLookup } from './routes.ts';

/** The container port a gateway Service port forwards to (80 → 8080 on istio-ingressgateway). */
function targetPortOf(registry: MeshRegistry, pod: KubeObject, port: number): number {
  for (const svc of registry.services.values()) {
    if (svc.namespace !== pod.metadata.namespace || !svc.selector) continue;
    if (!Object.entries(svc.selector).every(([k, v]) => pod.metadata.labels?.[k] === v)) continue;
    const p = svc.ports.find((x) => x.port === port);
    if (p && typeof p.targetPort === 'number') return p.targetPort;
  }
  return port;
}

/**
 * A gateway (router) proxy's listeners and routes: one listener per HTTP server port of the Gateways whose
 * selector matches the pod, routes "http.PORT" holding a virtual host per host of the VirtualServices bound to
 * those Gateways (`gateways: [ns/name]`, or `name` in the VirtualService's namespace).
 */
export function buildGatewayConfig(registry: MeshRegistry, pod: KubeObject, lookup: ServiceLookup): { listeners: Listener[]; routes: RouteConfiguration[] } {
  const labels = pod.metadata.labels ?? {};
  const byPort = new Map<number, { gateways: Set<string>; hosts: string[] }>();
  for (const gw of registry.gateways) {
    const spec = (gw.spec ?? {}) as GatewaySpec;
    if (!Object.entries(spec.selector ?? {}).every(([k, v]) => labels[k] === v)) continue;
    for (const s of spec.servers ?? []) {
      const proto = (s.port?.protocol ?? '').toUpperCase();
      if (proto !== 'HTTP' && proto !== 'HTTP2' && proto !== 'GRPC') continue;
      const port = targetPortOf(registry, pod, s.port?.number ?? 80);
      const e = byPort.get(port) ?? { gateways: new Set(), hosts: [] };
      e.gateways.add(`${gw.metadata.namespace}/${gw.metadata.name}`);
      e.hosts.push(...(s.hosts ?? []));
      byPort.set(port, e);
    }
  }
  const listeners: Listener[] = [];
  const routes: RouteConfiguration[] = [];
  for (const [port, e] of [...byPort].sort((a, b) => a[0] - b[0])) {
    listeners.push(gatewayHttpListener(port));
    const vhosts = new Map<string, VirtualHost>();
    for (const vs of registry.gatewayVs) {
      const bound = (vs.spec.gateways ?? []).some((g) => e.gateways.has(g.includes('/') ? g : `${vs.namespace}/${g}`));
      if (!bound) continue;
      for (const host of vs.spec.hosts ?? []) {
        const name = `${host}:${port === 8080 ? 80 : port === 8443 ? 443 : port}`;
        const v = vhosts.get(name) ?? { name, domains: [host === '*' ? '*' : host, ...(host === '*' ? [] : [`${host}:*`])], routes: [] as Route[], includeRequestAttemptCount: true };
        for (const h of vs.spec.http ?? []) v.routes.push(...translateHttpRoute(vs, h, port, name, lookup));
        vhosts.set(name, v);
      }
    }
    const list = [...vhosts.values()];
    if (list.length === 0) list.push({ name: 'blackhole:80', domains: ['*'], routes: [{ name: 'default', match: { prefix: '/' }, directResponse: { status: 404 } }] });
    routes.push({ name: `http.${port}`, virtualHosts: list, validateClusters: false, maxDirectResponseBodySizeBytes: 1048576, ignorePortInHostMatching: true });
  }
  return { listeners, routes };
}
