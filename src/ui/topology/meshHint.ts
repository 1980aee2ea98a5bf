import type { KubeObject } from '../../engine/index.ts';

/**
 * What the mesh view's empty state suggests typing to make traffic: Bookinfo (when it is not deployed), the
 * Gateway that routes the ingress gateway to productpage, and `lab load` against the ingress gateway's
 * address (`lab load URL` sends from outside the cluster, which reaches the mesh through its gateway).
 */
export function meshLoadHint(services: readonly KubeObject[]): string[] {
  let ip: string | undefined;
  let bookinfo = false;
  for (const s of services) {
    const m = s.metadata;
    if (m?.name === 'istio-ingressgateway' && m.namespace === 'istio-system') {
      const st = (s as { status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } } }).status;
      ip = st?.loadBalancer?.ingress?.[0]?.ip ?? st?.loadBalancer?.ingress?.[0]?.hostname;
    }
    if (m?.name === 'productpage') bookinfo = true;
  }
  return [
    ...(bookinfo ? [] : ['kubectl label namespace default istio-injection=enabled', 'lab sample bookinfo']),
    'kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml',
    `lab load http://${ip ?? '$GATEWAY_URL'}/productpage --rps 10 --duration 30s`,
  ];
}
