import type { ClusterRuntime } from '../../runtime.ts';
import { loadBalancerController, POOL_CONFIGMAP } from './controller.ts';
import { DEFAULT_POOL, parsePool } from './pool.ts';

/** The runtime service name under which the pool is published (the ingress addon asks it for `hasPool`). */
export const LOADBALANCER_SERVICE = 'loadbalancer';

export interface LoadBalancerService {
  /** The addresses LoadBalancer Services may get now (the pool ConfigMap's, else the cluster option's). */
  pool(): string[];
  /** True when there is at least one address to give out. */
  hasPool(): boolean;
}

export { POOL_CONFIGMAP } from './controller.ts';
export { DEFAULT_POOL, parsePool } from './pool.ts';

/** LoadBalancer Services get addresses from the cluster's pool (option `loadBalancerPool`, default 172.18.255.200-250). */
export function startLoadBalancer(rt: ClusterRuntime): void {
  const opt = rt.options.loadBalancerPool;
  rt.controllers.add(loadBalancerController(opt === undefined ? DEFAULT_POOL : opt));
  rt.services.set(LOADBALANCER_SERVICE, loadBalancerPoolInfo(rt));
}

/** The pool as LoadBalancer Services see it now (the ConfigMap's addresses, else the cluster option's). */
export function loadBalancerPoolInfo(rt: ClusterRuntime): LoadBalancerService {
  const opt = rt.options.loadBalancerPool;
  const dflt = opt === undefined ? DEFAULT_POOL : opt;
  const pool = (): string[] => {
    const cm = rt.store.get('configmaps', POOL_CONFIGMAP.namespace, POOL_CONFIGMAP.name);
    const text = cm ? ((cm.data as Record<string, string> | undefined)?.addresses ?? '') : dflt === false ? '' : dflt;
    const p = parsePool(text);
    return 'ips' in p ? p.ips : [];
  };
  return { pool, hasPool: () => pool().length > 0 };
}
