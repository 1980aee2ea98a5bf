import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { IngressBackend } from '../../api/kinds/ingress.ts';
import type { ClusterRuntime } from '../../runtime.ts';
import { controllerPod, ingressNginxController, ownedByNginx, publishedAddress } from './controller.ts';
import { CONTROLLER_NAME, INGRESS_NS } from './manifests.ts';
import { buildModel, type Model } from './model.ts';
import { renderNginxConf } from './nginxconf.ts';
import { Balancer, route, type IngressRoute, type RouteRequest } from './route.ts';

export const INGRESS_SERVICE = 'ingress';

export interface IngressService {
  /** True while the ingress-nginx addon is installed and its controller pod is placed. */
  enabled(): boolean;
  /** The controller's Service (`ingress-nginx/ingress-nginx-controller`) that outside traffic reaches. */
  controllerService(): { namespace: string; name: string } | undefined;
  /** The address published in Ingress status, if any. */
  address(): string | undefined;
  /** Route one request as ingress-nginx would: a backend endpoint, or the answer it gives itself (404/503/308). */
  route(host: string, path: string, headers?: Record<string, string>, opts?: { scheme?: 'http' | 'https' }): IngressRoute;
  /** The generated nginx.conf. */
  config(): string;
}

/** Start the ingress-nginx control loop and publish routing as `'ingress'`. */
export function startIngress(rt: ClusterRuntime): IngressService {
  rt.controllers.add(ingressNginxController(rt.store));
  const balancer = new Balancer();
  const model = (): Model => buildModel(rt.store.list('ingresses').filter((i) => ownedByNginx(rt.store, i)));
  const endpoints = (ns: string, b: IngressBackend): string[] => {
    if (!b.service) return [];
    const svc = rt.store.get('services', ns, b.service.name ?? '') as unknown as Service | undefined;
    const want = b.service.port?.number || b.service.port?.name;
    const sp = svc?.spec?.ports?.find((p) => (typeof want === 'number' ? p.port === want : p.name === want));
    if (!sp) return [];
    const out: string[] = [];
    for (const o of rt.store.list('endpointslices', ns)) {
      if (o.metadata.labels?.['kubernetes.io/service-name'] !== b.service.name) continue;
      const s = o as unknown as EndpointSlice;
      const port = s.ports?.find((p) => (p.name ?? '') === (sp.name ?? ''))?.port;
      for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false && port) for (const a of e.addresses) out.push(`${a}:${port}`);
    }
    return out.sort();
  };
  const svc: IngressService = {
    enabled: () => !!controllerPod(rt.store),
    controllerService: () => (rt.store.get('services', INGRESS_NS, CONTROLLER_NAME) ? { namespace: INGRESS_NS, name: CONTROLLER_NAME } : undefined),
    address: () => publishedAddress(rt.store),
    route(host, path, headers, opts) {
      const req: RouteRequest = { host, path, headers, scheme: opts?.scheme };
      return route(model(), { store: rt.store, balancer, roll: (n) => rt.rng.int(n) }, req);
    },
    config: () => renderNginxConf(rt.store, model(), endpoints),
  };
  rt.services.set(INGRESS_SERVICE, svc);
  return svc;
}
