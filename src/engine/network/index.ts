import type { ClusterRuntime } from '../runtime.ts';
import { startKubeProxy } from './proxy/index.ts';
import { startCni } from './cni/index.ts';
import { NodePortAllocator, ServiceIPAllocator } from './allocators.ts';
import { startDNS } from './dns/index.ts';
import { startTraffic } from './traffic/index.ts';
import { startLoadBalancer } from './loadbalancer/index.ts';
import { kubernetesService, kubernetesServiceController } from './kubernetes-service.ts';
import { AllocationLedger } from './ledger.ts';
import { serviceAllocationPlugin, type ServiceAllocators } from './service-admission.ts';
import { startNetworkPolicy } from './policy/index.ts';
import { startIngress } from './ingress/index.ts';

/** kube-apiserver's defaults: --service-cluster-ip-range and --service-node-port-range. */
export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = '30000-32767';
/** Where kube-dns will live: requested explicitly by its Service, never handed out at random. */
export const KUBE_DNS_IP = '10.96.0.10';

export const SERVICE_ALLOCATORS = 'service-allocators';

/**
 * Service networking: ClusterIP and NodePort allocation (an admission step on Service writes, released
 * through a store watch) and the apiserver's own `kubernetes` Service with its endpoints.
 */
export function startNetwork(rt: ClusterRuntime): void {
  const ips = new ServiceIPAllocator(SERVICE_CIDR, [KUBE_DNS_IP]);
  const ports = new NodePortAllocator(NODE_PORT_RANGE);
  const ledger = new AllocationLedger(ips, ports);
  for (const svc of rt.store.list('services')) ledger.onStoreEvent({ type: 'ADDED', resource: 'services', object: svc, resourceVersion: 0 });
  rt.store.watch((ev) => ledger.onStoreEvent(ev));
  const al: ServiceAllocators = { ips, ports, rng: rt.rng };
  rt.api.admission.push(serviceAllocationPlugin(al));
  rt.services.set(SERVICE_ALLOCATORS, al);
  if (!rt.store.get('services', 'default', 'kubernetes')) rt.api.create(kubernetesService());
  rt.controllers.add(kubernetesServiceController());
  startDNS(rt);
  startTraffic(rt);
  startLoadBalancer(rt);
  startNetworkPolicy(rt);
  startIngress(rt);
  startCni(rt);
  startKubeProxy(rt);
}
