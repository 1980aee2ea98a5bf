import type { Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { isStatusError } from '../../api/types.ts';
import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { keyOf, splitKey } from '../../controllers/types.ts';
import { clone } from '../../store/store.ts';
import { parsePool } from './pool.ts';

/** The ConfigMap that overrides the pool at run time (`addresses`; empty turns allocation off). */
export const POOL_CONFIGMAP = { namespace: 'kube-system', name: 'loadbalancer-pool' };
const SOURCE = { component: 'metallb-controller' };
const POOL_KEY = '__pool__';

function ingressIPs(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter(Boolean);
}

/**
 * A MetalLB-style controller: LoadBalancer Services get `status.loadBalancer.ingress[].ip` from the pool
 * (the requested `spec.loadBalancerIP` when it is in the pool and free, else the lowest free address); a
 * Service that stops being a LoadBalancer gives its address back. Without a pool, EXTERNAL-IP stays
 * `<pending>` as on a cluster with no load-balancer implementation.
 */
export function loadBalancerController(defaultPool: string | false): Controller {
  const pool = (ctx: ControllerContext): { ips: string[] } | { error: string } => {
    const cm = ctx.store.get('configmaps', POOL_CONFIGMAP.namespace, POOL_CONFIGMAP.name);
    const text = cm ? ((cm.data as Record<string, string> | undefined)?.addresses ?? '') : defaultPool === false ? '' : defaultPool;
    return parsePool(text);
  };
  const allLB = (ctx: ControllerContext) => (ctx.store.list('services') as unknown as Service[]).filter((s) => s.spec?.type === 'LoadBalancer');
  return {
    name: 'loadbalancer-controller',
    watches: [
      { resource: 'services', keys: (ev) => [keyOf(ev.object.metadata.namespace, ev.object.metadata.name!)] },
      { resource: 'configmaps', keys: (ev) => (ev.object.metadata.namespace === POOL_CONFIGMAP.namespace && ev.object.metadata.name === POOL_CONFIGMAP.name ? [POOL_KEY] : []) },
    ],
    start(ctx, enqueue) {
      for (const s of allLB(ctx)) enqueue(keyOf(s.metadata!.namespace, s.metadata!.name!));
    },
    reconcile(key, ctx) {
      if (key === POOL_KEY) {
        // A new pool: every LoadBalancer Service is looked at again (pending ones may now get an address).
        for (const s of allLB(ctx)) ctx.enqueueAfter(keyOf(s.metadata!.namespace, s.metadata!.name!), 0);
        return;
      }
      const [ns, name] = splitKey(key);
      const svc = ctx.store.get('services', ns, name) as unknown as Service | undefined;
      if (!svc) return;
      const have = ingressIPs(svc);
      if (svc.spec?.type !== 'LoadBalancer') {
        if (have.length) writeIngress(ctx, svc, []);
        return;
      }
      const p = pool(ctx);
      if ('error' in p) {
        ctx.events.record(svc as unknown as KubeObject, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${key}": ${p.error}`, SOURCE);
        return;
      }
      if (have.length && have.every((ip) => p.ips.includes(ip))) return;
      if (!p.ips.length) {
        if (have.length) writeIngress(ctx, svc, []);
        return;
      }
      const used = new Set<string>();
      for (const o of allLB(ctx)) if (o.metadata?.uid !== svc.metadata?.uid) for (const ip of ingressIPs(o)) used.add(ip);
      const want = svc.spec?.loadBalancerIP;
      let ip: string | undefined;
      if (want) {
        if (!p.ips.includes(want)) {
          ctx.events.record(svc as unknown as KubeObject, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${key}": ["${want}"] is not allowed in config`, SOURCE);
          return;
        }
        if (used.has(want)) {
          ctx.events.record(svc as unknown as KubeObject, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${key}": can't change sharing key for "${key}", address also in use by another service`, SOURCE);
          return;
        }
        ip = want;
      } else ip = p.ips.find((x) => !used.has(x));
      if (!ip) {
        ctx.events.record(svc as unknown as KubeObject, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${key}": no available IPs`, SOURCE);
        return;
      }
      if (writeIngress(ctx, svc, [ip])) ctx.events.record(svc as unknown as KubeObject, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`, SOURCE);
    },
  };
}

function writeIngress(ctx: ControllerContext, svc: Service, ips: string[]): boolean {
  const next = clone(svc as unknown as KubeObject) as unknown as { status?: { loadBalancer?: { ingress?: Array<{ ip: string; ipMode: string }> } } };
  next.status = { ...(next.status ?? {}), loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' })) } : {} };
  try {
    ctx.api.updateStatus(next as unknown as KubeObject);
    return true;
  } catch (e) {
    if (isStatusError(e)) return false;
    throw e;
  }
}
